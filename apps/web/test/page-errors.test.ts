import { KNOWN_ERROR_CODES } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { describeClose, explain, PAGE_ERRORS } from '../src/bridge/page-errors.ts';
import { NOTICE_SOURCE_ZH, PAGE_ERRORS_ZH } from '../src/bridge/page-errors-zh.ts';
import { NoticeList } from '../src/bridge/notices.ts';

const CJK = /[\u4e00-\u9fff]/;

describe("the page's own errors in two languages", () => {
  it('has a Chinese entry for every page code', () => {
    expect(Object.keys(PAGE_ERRORS_ZH).sort()).toEqual(Object.keys(PAGE_ERRORS).sort());
  });

  it('explains page codes and bridge codes in the language asked for', () => {
    for (const code of [...Object.keys(PAGE_ERRORS), ...KNOWN_ERROR_CODES]) {
      const zh = explain({ code, message: 'm', context: { timeoutMs: 5000 } }, 'zh');
      expect(zh.title + zh.why, code).toMatch(CJK);
      const en = explain({ code, message: 'm', context: { timeoutMs: 5000 } });
      expect(en.title + en.why, code).not.toMatch(CJK);
    }
    expect(explain({ code: 'NO_REPLY', message: '', context: { timeoutMs: 5000 } }, 'zh').why).toContain('5000 ms');
  });

  it('says why the WebSocket closed in Chinese', () => {
    expect(describeClose(1006, '', 'zh')).toContain('连接断了');
    expect(describeClose(1008, 'bad token', 'zh')).toBe('桥接程序拒绝了这个页面：bad token');
    expect(describeClose(1009, '', 'zh')).toBe('发给桥接程序的消息太大');
    expect(describeClose(1006, '')).toContain('the connection dropped');
  });

  it('keeps the error in a notice, so it can be explained again in another language', () => {
    const list = new NoticeList();
    list.push({ code: 'EADDRINUSE', message: 'listen EADDRINUSE', syscall: 'listen', context: { host: '127.0.0.1', port: 65432 } }, 'Start server');
    const [notice] = list.store.get();
    expect(notice?.title).toContain('Address already in use');
    expect(explain(notice!.error, 'zh').title).toBe('地址已被占用：127.0.0.1 端口 65432');
    expect(NOTICE_SOURCE_ZH[notice!.source]).toBe('启动服务器');
  });
});
