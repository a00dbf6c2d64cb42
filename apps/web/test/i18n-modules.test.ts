import type { DemoSummary } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { demoSpecOf } from '../src/demos/demo-params.ts';
import { DEMO_PRESETS, initialTexts, presetOf, presetsIn } from '../src/demos/demo-presets.ts';
import { demoFacts, ownersText } from '../src/demos/demo-sentences.ts';
import { shortWhy } from '../src/netlab/cell-why.ts';
import { outcomeText } from '../src/netlab/matrix-view.ts';
import { scoreText } from '../src/netlab/predict.ts';

/** The pure modules' text in 简体中文: same shape and numbers as the English, other words. */
describe('text of the pure modules in Chinese', () => {
  it('has every preset in Chinese, with the same keys and bounds', () => {
    const zh = presetsIn('zh');
    expect(zh.map((p) => p.name)).toEqual(DEMO_PRESETS.map((p) => p.name));
    zh.forEach((p, i) => {
      const en = DEMO_PRESETS[i]!;
      expect(p.title).not.toBe(en.title);
      expect(p.why).toHaveLength(en.why.length);
      expect(p.fields.map((f) => f.key)).toEqual(en.fields.map((f) => f.key));
      expect(initialTexts(p)).toEqual(initialTexts(en));
    });
    expect(presetOf('byte-stream', 'zh').title).toBe('TCP 是字节流，不是一条条消息');
  });

  it('says what is wrong with a field in Chinese', () => {
    const texts = { ...initialTexts(presetOf('backlog')), backlog: '17' };
    const result = demoSpecOf('backlog', texts, 'zh');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.backlog).toBe('backlog 必须在 0 到 16 之间；17 超出了范围。');
    const english = demoSpecOf('backlog', texts);
    if (!english.ok) expect(english.problems.backlog).toBe('The backlog must be from 0 to 16; 17 is out of range.');
  });

  it('writes the measured facts in Chinese, with the same numbers', () => {
    const recv: DemoSummary = { demo: 'recv-bufsize', demoId: 'demo1', port: 41999, durationMs: 6.8, bufsize: 1024, messageBytes: 5000, recvSizes: [1024, 1024, 1024, 1024, 904], serverRecvSizes: [5000] };
    expect(demoFacts(recv, 'zh').headline).toBe('5,000 字节的回显分 5 次 recv 收回：1024, 1024, 1024, 1024, 904');
    expect(ownersText(recv, 'zh')).toBe('所有调用都在事件列表里：客户端是 demo1，服务器在端口 41999 上监听。');
  });

  it('explains the lab cells in Chinese, errno names unchanged', () => {
    expect(shortWhy({ rule: 'R-NO-LISTENER', outcome: 'ECONNREFUSED', listener: null, client: 'pc2', target: '127.0.0.1', reachedHost: null }, 'zh')).toBe('那里没有人监听：内核回了 RST');
    expect(outcomeText('ECONNREFUSED', undefined, 'zh')).toBe('ECONNREFUSED');
    expect(outcomeText('connected', true, 'zh')).toBe('✓ 已回显');
    expect(scoreText({ right: 11, total: 14, wrong: 3, blank: 0 }, 'zh')).toBe('你答对了 14 个中的 11 个');
  });
});
