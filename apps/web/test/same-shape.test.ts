import { SequencedLabEvent } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { parseSessionFile } from '../src/replay/session-file.ts';
import { sameShape } from '../src/replay/same-shape.ts';
import { echoSession, Recorder } from './flow-fixtures.ts';

const recv = {
  seq: 7,
  event: {
    ts: 1764000000000.5,
    labHost: 'local',
    socketId: 's3',
    owner: 'srv1',
    role: 'accepted',
    local: { address: '127.0.0.1', port: 65432, family: 'IPv4' },
    remote: { address: '127.0.0.1', port: 50123, family: 'IPv4' },
    call: 'recv',
    bytes: 12,
    offset: 0,
    preview: 'SGVsbG8sIHdvcmxk',
    eof: false,
  },
};

describe('sameShape', () => {
  it('is true when the schema dropped nothing, and the schema gives back an equal value', () => {
    const input = JSON.parse(JSON.stringify(recv)) as unknown;
    const checked = SequencedLabEvent.parse(input);
    expect(checked).not.toBe(input);
    expect(sameShape(input, checked)).toBe(true);
    expect(input).toStrictEqual(checked);
  });

  it('is false when the schema dropped a key, at any level', () => {
    for (const extra of [{ ...recv, x: 1 }, { ...recv, event: { ...recv.event, x: 1 } }, { ...recv, event: { ...recv.event, local: { ...recv.event.local, x: 1 } } }]) {
      const input = JSON.parse(JSON.stringify(extra)) as unknown;
      expect(sameShape(input, SequencedLabEvent.parse(input))).toBe(false);
    }
  });

  it('compares nested objects, arrays and nulls', () => {
    expect(sameShape({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameShape({ a: [1, 2] }, { a: [1] })).toBe(false);
    expect(sameShape({ a: [{ b: 1, c: 2 }] }, { a: [{ b: 1 }] })).toBe(false);
    expect(sameShape({ a: null }, { a: null })).toBe(true);
    expect(sameShape({ a: null }, { a: {} })).toBe(false);
    expect(sameShape({ a: {} }, { a: null })).toBe(false);
    expect(sameShape([], {})).toBe(false);
  });

  it('the invariant it rests on: the schema gives back every kind of event as it came (no defaults, no transforms)', () => {
    const { r, client, accepted } = echoSession();
    r.block(accepted, 'recv', 1024);
    r.error(client, 'ECONNRESET');
    const other = new Recorder();
    other.error({ socketId: 's9', owner: 'cli2', role: 'client' }, 'ECONNREFUSED', 'connect');
    const events = [...r.events, ...other.events];
    expect(new Set(events.map((e) => e.event.call)).size).toBeGreaterThanOrEqual(9);
    for (const e of events) {
      const input = JSON.parse(JSON.stringify(e)) as unknown;
      expect(SequencedLabEvent.parse(input), e.event.call).toStrictEqual(input);
    }
  });

  it('a session file keeps no key the protocol does not know', () => {
    const text = JSON.stringify({ format: 'socket-playground-session', version: 1, savedAt: new Date(0).toISOString(), events: [{ ...recv, event: { ...recv.event, extra: 'x' } }] });
    const result = parseSessionFile(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.session.events[0]!.event).not.toHaveProperty('extra');
    expect(result.session.events[0]).toStrictEqual(SequencedLabEvent.parse(recv));
  });
});
