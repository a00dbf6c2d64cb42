import type { PageExplain } from './page-errors.ts';

/** The page's own errors in 简体中文: the same codes as PAGE_ERRORS (a test keeps them in step). */
export const PAGE_ERRORS_ZH: Record<string, PageExplain> = {
  NOT_CONNECTED: () => ({
    title: '没有连接到桥接程序',
    why: '页面正在等待桥接程序，并会自己重新连接。等顶部的标记显示“已连接”后再试一次。',
  }),
  BRIDGE_DISCONNECTED: () => ({
    title: '回答到来之前，与桥接程序的连接就关闭了',
    why: '这条命令可能执行了，也可能没有；页面重新连接后，事件列表会显示实际发生了什么。',
  }),
  NO_REPLY: (c) => ({
    title: '桥接程序没有按时回答',
    why: `${String(c.timeoutMs ?? '?')} ms 内没有收到回复。桥接程序可能很忙或卡住了；事件列表仍然显示真实发生的事。`,
  }),
  INVALID_BACKLOG: (c) => ({
    title: `不是有效的 backlog：${String(c.backlog ?? '')}`,
    why: 'backlog 是 0 到 65535 之间的整数：最多有多少个已完成握手的连接可以排队等待 accept()。Python 的默认值是 128。',
  }),
  INVALID_BUFSIZE: (c) => ({
    title: `不是有效的 bufsize：${String(c.bufsize ?? '')}`,
    why: `recv(bufsize) 的参数是它最多返回的字节数：${String(c.min ?? 1)} 到 ${String(c.max ?? 65536)} 之间的整数。笔记里用的是 1024；试试 4，就能看到一次 send 分成好几次 recv 到达。`,
  }),
  BAD_SESSION_FILE: (_c, message) => ({
    title: '这个文件不是保存下来的 Socket Playground 会话',
    why: `页面无法回放它：${message}。请选择用“保存会话”保存的文件。`,
  }),
  BAD_BRIDGE_MESSAGE: (_c, message) => ({
    title: '页面收到一条看不懂的桥接程序消息',
    why: `页面忽略了它，继续运行（${message}）。如果反复出现，页面和桥接程序可能来自不同的版本：请重新加载页面。`,
  }),
};

/** Why the WebSocket closed, in Chinese (close codes from RFC 6455 §7.4). */
export function describeCloseZh(code: number, reason: string): string {
  const said = reason ? `：${reason}` : '';
  switch (code) {
    case 1000:
      return `桥接程序关闭了连接${said}`;
    case 1001:
      return `桥接程序正在关闭${said}`;
    case 1006:
      return '连接断了（桥接程序停止了，或者拒绝了连接）';
    case 1008:
      return `桥接程序拒绝了这个页面${said || '（策略）'}`;
    case 1011:
      return `桥接程序遇到了内部错误${said}`;
    default:
      return `以代码 ${code} 关闭${said}`;
  }
}

/** Where a notice came from (the `source` a command names), in Chinese; unknown ones stay as they are. */
export const NOTICE_SOURCE_ZH: Readonly<Record<string, string>> = {
  bridge: '桥接程序',
  'Start server': '启动服务器',
  'Stop server': '停止服务器',
  'Echo client': '回显客户端',
  'Stepped client': '单步客户端',
  'Step mode': '单步模式',
  'Load bytes': '加载字节',
  'Load session': '加载会话',
  'Show me': '演示给我看',
  Demonstrations: '演示',
  'Who can connect': '谁能连接',
  'Application server': '应用服务器',
  'Application client': '应用客户端',
};
