import { describe, expect, it } from 'vitest';
import type { LabEvent } from '@socket-playground/protocol';
import { eventSummary } from '../src/format/event-text.ts';

const base = { ts: 1, labHost: 'local', socketId: 's2', owner: 'cli1', role: 'client' as const };

describe('event summaries in two languages', () => {
  it('says the same in 中文, API names kept', () => {
    const recv: LabEvent = { ...base, call: 'recv', bytes: 1024, offset: 0, preview: '', eof: false, bufsize: 1024 };
    expect(eventSummary(recv)).toBe('recv(1024) returned 1,024 bytes');
    expect(eventSummary(recv, 'zh')).toBe('recv(1024) 返回了 1,024 字节');
    const eof: LabEvent = { ...recv, bytes: 0, eof: true };
    expect(eventSummary(eof, 'zh')).toBe('recv() 返回 0 字节：对端已关闭');
    const close: LabEvent = { ...base, call: 'close', reason: 'peer', bytesSent: 12, bytesReceived: 12 };
    expect(eventSummary(close, 'zh')).toContain('对端正常关闭');
  });

  it('a UDP socket is SOCK_DGRAM', () => {
    const udp: LabEvent = { ...base, call: 'socket', family: 'IPv4', transport: 'udp' };
    expect(eventSummary(udp)).toBe('socket(AF_INET, SOCK_DGRAM): a new UDP socket');
    expect(eventSummary({ ...udp, transport: undefined } as LabEvent)).toContain('SOCK_STREAM');
  });
});
