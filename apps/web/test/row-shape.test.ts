import type { LabEvent } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { formatTuple } from '../src/format/address.ts';
import { bytePreview, eventSummary } from '../src/format/event-text.ts';
import { groupDigits } from '../src/format/number.ts';
import { rowShape } from '../src/ui/row-shape.ts';

const base = { ts: 1, labHost: 'local', socketId: 's2', owner: 'cli1', role: 'client' as const };
const local = { address: '127.0.0.1', port: 65432, family: 'IPv4' as const };
const remote = { address: '127.0.0.1', port: 40000, family: 'IPv4' as const };
const data = { offset: 0, preview: 'aGk=' };

/** One of each call, with and without the optional parts that change the row. */
const EVENTS: LabEvent[] = [
  { ...base, call: 'socket', family: 'IPv4' },
  { ...base, call: 'socket', family: 'IPv6', transport: 'udp' },
  { ...base, call: 'bind', requested: { host: '', port: 0 } },
  { ...base, call: 'bind', requested: { host: '127.0.0.1', port: 0 }, local },
  { ...base, call: 'listen', backlog: 5, local },
  { ...base, call: 'accept', newSocketId: 's3', local, remote },
  { ...base, call: 'connect', target: { host: 'localhost', port: 1, address: '::1' }, durationMs: 0.2, nodeCall: 'net.connect' },
  { ...base, call: 'send', ...data, bytes: 2, queued: 0 },
  { ...base, call: 'send', ...data, bytes: 2, queued: 10, local, remote },
  { ...base, call: 'send', ...data, bytes: 0, preview: '', queued: 0 },
  { ...base, call: 'send', ...data, bytes: 200, queued: 0, calls: 40 },
  { ...base, call: 'recv', ...data, bytes: 2, eof: false },
  { ...base, call: 'recv', ...data, bytes: 0, preview: '', eof: true },
  { ...base, call: 'recv', ...data, bytes: 2, eof: false, bufsize: 4 },
  { ...base, call: 'recv', ...data, bytes: 9, eof: false, calls: 3, remote },
  { ...base, call: 'close', reason: 'peer', bytesSent: 1, bytesReceived: 2 },
  { ...base, call: 'error', failedCall: 'connect', error: { code: 'ECONNREFUSED', message: 'refused' } },
  { ...base, call: 'block', blockedCall: 'accept' },
] as LabEvent[];

/** The shape as the row's own text makes it (the slow way, decoding and wording everything). */
function shownShape(event: LabEvent, lang: 'en' | 'zh'): number {
  const isData = event.call === 'send' || event.call === 'recv';
  const hasLine = formatTuple(event.local, event.remote) !== null || isData || event.call === 'error' || event.nodeCall !== undefined;
  return (hasLine ? 1 : 0) | (bytePreview(event) !== null ? 2 : 0) | (eventSummary(event, lang) ? 4 : 0);
}

describe('rowShape', () => {
  it.each(EVENTS.map((e, i) => [i, e.call, e] as const))('event %i (%s): the same lines as the row shows, in both languages', (_i, _call, event) => {
    expect(rowShape(event)).toBe(shownShape(event, 'en'));
    expect(rowShape(event)).toBe(shownShape(event, 'zh'));
  });

  it('uses every shape bit somewhere in the sample', () => {
    const shapes = new Set(EVENTS.map(rowShape));
    expect([...shapes].reduce((a, b) => a | b, 0)).toBe(7);
    expect(shapes.size).toBeGreaterThan(3);
  });
});

describe('groupDigits', () => {
  it('writes numbers as toLocaleString("en-US") does', () => {
    for (const n of [0, 1, 999, 1000, 1234567, -4200, 12.5, 0.1234, 100_000]) expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
  });
});
