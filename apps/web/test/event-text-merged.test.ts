import { describe, expect, it } from 'vitest';
import type { LabEvent } from '@socket-playground/protocol';
import { eventFields, eventSummary } from '../src/format/event-text.ts';

const base = { ts: 1, labHost: 'local', socketId: 's2', owner: 'srv1', role: 'accepted' as const };

describe('merged calls of a busy connection', () => {
  it('says how many calls and bytes, in both languages', () => {
    const recv: LabEvent = { ...base, call: 'recv', bytes: 786_432, offset: 65_536, preview: '', eof: false, calls: 12 };
    expect(eventSummary(recv)).toBe('recv ×12, 786,432 bytes (merged: a busy connection)');
    expect(eventSummary(recv, 'zh')).toBe('recv ×12，共 786,432 字节（已合并：繁忙的连接）');
    const send: LabEvent = { ...base, call: 'send', bytes: 2048, offset: 0, preview: '', queued: 100, calls: 2 };
    expect(eventSummary(send)).toBe('send ×2, 2,048 bytes (merged: a busy connection) · 100 bytes still queued in Node, not yet taken by the kernel');
    expect(eventSummary(send, 'zh')).toContain('send ×2，共 2,048 字节');
  });

  it('lists the merged count in the details; a single call has no such field', () => {
    const recv: LabEvent = { ...base, call: 'recv', bytes: 10, offset: 0, preview: '', eof: false, calls: 3 };
    expect(eventFields(1, recv).find(([k]) => k === 'calls merged')?.[1]).toMatch(/^3: /);
    expect(eventFields(1, recv, 'zh').find(([k]) => k === '合并的调用')?.[1]).toMatch(/^3：/);
    const one: LabEvent = { ...base, call: 'recv', bytes: 10, offset: 0, preview: '', eof: false };
    expect(eventFields(1, one).some(([k]) => k === 'calls merged')).toBe(false);
    expect(eventSummary(one)).toBe('');
  });
});
