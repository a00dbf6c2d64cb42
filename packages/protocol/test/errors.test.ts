import { describe, expect, it } from 'vitest';
import { CATALOGUE_ZH } from '../src/errors-zh.ts';
import { explainError, KNOWN_ERROR_CODES } from '../src/errors.ts';

const CJK = /[\u4e00-\u9fff]/;
const SAMPLE = { host: '127.0.0.1', port: 65432, limit: 4096, call: 'accept', serverId: 's1', labHost: 'pc3', page: 3, bridge: 4 };

describe('the error catalogue in two languages', () => {
  it('has a Chinese entry for every English code, and no other', () => {
    expect(Object.keys(CATALOGUE_ZH).sort()).toEqual([...KNOWN_ERROR_CODES].sort());
  });

  it('explains every code in Chinese, keeping the values and the API names', () => {
    for (const code of KNOWN_ERROR_CODES) {
      const zh = explainError({ code, message: '', context: SAMPLE }, 'zh');
      const en = explainError({ code, message: '', context: SAMPLE }, 'en');
      expect(zh.title + zh.why, code).toMatch(CJK);
      expect(en.title + en.why, code).not.toMatch(CJK);
      expect(zh.why).not.toBe(en.why);
    }
    const inUse = explainError({ code: 'EADDRINUSE', message: '', context: { host: '127.0.0.1', port: 65432 } }, 'zh');
    expect(inUse.title).toBe('地址已被占用：127.0.0.1 端口 65432');
    expect(inUse.why).toContain('bind()');
  });

  it('falls back to the code and the raw message for an unknown code, in either language', () => {
    expect(explainError({ code: 'EWHATEVER', message: 'raw words' }, 'zh')).toEqual({ title: 'EWHATEVER', why: 'raw words' });
    expect(explainError({ code: 'EWHATEVER', message: 'raw words' })).toEqual({ title: 'EWHATEVER', why: 'raw words' });
  });
});
