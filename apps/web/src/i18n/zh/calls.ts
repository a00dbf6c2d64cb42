import type { Messages } from '../en.ts';

/** 调用视图（调用流程图、事件详情、代码面板）的中文文本。 */
export const zhCalls: Messages['calls'] = {
  flow: {},
  details: {},
  code: {},
};
