import { describe, expect, it } from 'vitest';
import type { LabEvent } from '@socket-playground/protocol';
import { formatByteCount } from '../src/format/bytes.ts';
import { eventFields, eventSummary } from '../src/format/event-text.ts';
import { en } from '../src/i18n/en.ts';
import { zh } from '../src/i18n/zh.ts';
import { clientStatus, queuedText, serverStatus, stepButton } from '../src/step/step-text.ts';
import { ep } from './flow-fixtures.ts';
import { noStepFacts, steppedClient, steppedServer } from './stepper-fixtures.ts';

const server = steppedServer;
const client = steppedClient;
const noFacts = noStepFacts;
const base = { ts: 1, labHost: 'local', socketId: 's2', owner: 'cli1', role: 'client' as const };

/** Every leaf string of a message tree, by its dotted key. */
function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

describe('the left column in 简体中文', () => {
  it('has every shell string in Chinese, with the same placeholders', () => {
    const enLeaves = leaves(en.shell);
    const zhLeaves = leaves(zh.shell);
    expect([...zhLeaves.keys()]).toEqual([...enLeaves.keys()]);
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, english] of enLeaves) {
      const chinese = zhLeaves.get(key)!;
      expect(placeholders(chinese), key).toEqual(placeholders(english));
    }
    expect(zh.shell.step.title).toBe('单步模式');
    expect(en.shell.step.title).toBe('Step mode');
  });

  it('counts bytes in Chinese, and in English as before', () => {
    expect(formatByteCount(1)).toBe('1 byte');
    expect(formatByteCount(1536)).toBe('1,536 bytes');
    expect(formatByteCount(1536, 'zh')).toBe('1,536 字节');
  });

  it('labels the step buttons in Chinese, call names kept', () => {
    expect(stepButton(server(), undefined, 'zh')).toEqual({ label: 'listen()', note: 'Node 在这一个调用里完成 socket()、bind() 和 listen()' });
    expect(stepButton(client(), undefined, 'zh').note).toContain('net.connect()');
    expect(stepButton(server({ next: null, finished: true }), undefined, 'zh').label).toBe('已结束');
    expect(stepButton(server({ next: 'recv', bufsize: 4 }), undefined, 'zh').label).toBe('recv(4)');
    expect(stepButton(server({ next: null, finished: true })).label).toBe('finished');
  });

  it('says where the stepped programs stand with Chinese byte counts', () => {
    const serving = { connection: { local: ep(65432), remote: ep(50001) } };
    const queued = { local: ep(65432), remote: ep(50001), state: 'ESTABLISHED', recvQueue: 12, sendQueue: 0 };
    expect(serverStatus(server({ next: 'recv', ...serving, kernel: { acceptQueue: [], connection: queued } }), noFacts, 'zh')).toBe(
      '正在服务 127.0.0.1:50001。recv(1024) 最多返回 1,024 字节。它的接收缓冲区里有 12 字节在等。',
    );
    expect(clientStatus(client({ next: 'recv' }), { ...noFacts, sent: 12 }, 'zh')).toMatch(/^已发送 12 字节。/);
  });

  it('lists a queued connection in Chinese', () => {
    const c = { local: ep(65432), remote: ep(50001), state: 'ESTABLISHED', recvQueue: 12, sendQueue: 0 };
    expect(queuedText(c)).toBe('127.0.0.1:50001 · ESTABLISHED · 12 bytes waiting');
    expect(queuedText(c, 'zh')).toBe('127.0.0.1:50001 · ESTABLISHED · 12 字节在等待');
    expect(queuedText({ ...c, recvQueue: 0 }, 'zh')).toBe('127.0.0.1:50001 · ESTABLISHED · 没有字节在等待');
  });

  it('writes the row summaries with Chinese byte counts', () => {
    const close: LabEvent = { ...base, call: 'close', reason: 'peer', bytesSent: 12, bytesReceived: 1 };
    expect(eventSummary(close, 'zh')).toBe('对端正常关闭 · 发送 12 字节，接收 1 字节');
    expect(eventSummary(close)).toBe('orderly close by the peer · sent 12 bytes, received 1 byte');
  });
});

describe('event details fields in two languages', () => {
  const recv: LabEvent = { ...base, call: 'recv', bytes: 0, offset: 12, preview: '', eof: true, bufsize: 1024, local: ep(50001), remote: ep(65432) };

  it('keeps the English labels by default', () => {
    const fields = eventFields(7, recv);
    expect(fields[0]).toEqual(['seq', '7']);
    expect(fields).toContainEqual(['eof', 'yes: recv() returned 0']);
    expect(fields.at(-1)).toEqual(['in Node', "The 'end' event: recv() returned 0 bytes because the peer closed its side."]);
  });

  it('names every field and says the worded values in Chinese', () => {
    const en = eventFields(7, recv);
    const zh = eventFields(7, recv, 'zh');
    expect(zh).toHaveLength(en.length);
    expect(zh[0]).toEqual(['序号', '7']);
    expect(zh).toContainEqual(['角色', 'client（客户端）']);
    expect(zh).toContainEqual(['EOF', '是：recv() 返回了 0']);
    expect(zh).toContainEqual(['bufsize', '1024']);
    expect(zh).toContainEqual(['本端', '127.0.0.1:50001 (IPv4)']);
    expect(zh.at(-1)).toEqual(['在 Node 中', "'end' 事件：recv() 返回 0 字节，因为对端关闭了它那一端。"]);
    // A stepped program says what step mode does.
    expect(eventFields(7, { ...recv, owner: 'step2' }, 'zh').at(-1)![1]).toMatch(/^单步模式：/);
  });

  it('explains an error in Chinese, the errno code kept', () => {
    const error: LabEvent = { ...base, call: 'error', failedCall: 'bind', error: { code: 'EADDRINUSE', syscall: 'bind', message: 'address in use' } };
    const zh = new Map(eventFields(3, error, 'zh'));
    expect(zh.get('错误')).toBe('EADDRINUSE · bind');
    expect(zh.get('发生了什么')).not.toBe(new Map(eventFields(3, error)).get('what'));
    expect(zh.get('发生了什么')).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.get('原始消息')).toBe('address in use');
  });
});
