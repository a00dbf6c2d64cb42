/**
 * Flow control on the page's side: a `gap` from the bridge (the page fell behind and events were
 * dropped) is counted as missed exactly once, shown as a notice, and brings the fresh lab state;
 * and the page paces its own commands under the bridge's rate limit.
 */
import { LIMITS } from '@socket-playground/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BridgeConnection } from '../src/bridge/bridge-connection.ts';
import { explain } from '../src/bridge/page-errors.ts';
import { SequenceTracker } from '../src/bridge/sequence-tracker.ts';
import type { FakeSocket} from './fake-bridge.ts';
import { batch, fakeConnection, FakeTimers, welcome } from './fake-bridge.ts';

const seqs = (...n: number[]) => n.map((seq) => ({ seq }));

describe('SequenceTracker.gap', () => {
  it('counts the dropped range once, then expects the event after it', () => {
    const t = new SequenceTracker();
    t.welcome(false, 0);
    t.accept(seqs(1, 2, 3));
    expect(t.gap(4, 10)).toBe(7);
    expect(t.missed).toBe(7);
    expect(t.lastSeq).toBe(10);
    expect(t.accept(seqs(11, 12))).toEqual(seqs(11, 12));
    expect(t.missed).toBe(7);
    // A later hole is still a hole.
    t.accept(seqs(14));
    expect(t.missed).toBe(8);
  });

  it('counts a hole just before the gap, and nothing twice when the gap overlaps what it holds', () => {
    const t = new SequenceTracker();
    t.welcome(false, 0);
    t.accept(seqs(1, 2));
    expect(t.gap(5, 6)).toBe(4); // 3 and 4 never came, 5 and 6 were dropped
    expect(t.gap(4, 6)).toBe(0);
    expect(t.gap(6, 8)).toBe(2);
    expect(t.missed).toBe(6);
  });
});

const endpoint = { address: '127.0.0.1', port: 40000, family: 'IPv4' as const };
const server = {
  serverId: 'srv1',
  labHost: 'local',
  kind: 'echo' as const,
  requested: { host: '127.0.0.1', port: 0, backlog: 5 },
  listening: endpoint,
  exposed: false,
  socketId: 's1',
  connections: 3,
};

describe('BridgeConnection flow control', () => {
  let sockets: FakeSocket[];
  let timers: FakeTimers;
  let conn: BridgeConnection;
  const last = () => sockets[sockets.length - 1] as FakeSocket;

  beforeEach(() => {
    timers = new FakeTimers(5);
    ({ conn, sockets } = fakeConnection(timers));
    last().handlers.open();
    last().receive(welcome());
  });

  it('a gap counts the dropped events as missed, shows a notice and takes the fresh state', () => {
    last().receive(batch(1, 2));
    last().receive({ type: 'gap', fromSeq: 3, toSeq: 902, dropped: 900, state: { servers: [server], connections: [], steppers: [] } });
    last().receive(batch(903, 904));
    const log = conn.events.get();
    expect(log.missed).toBe(900);
    expect(log.entries.map((e) => e.seq)).toEqual([1, 2, 903, 904]);
    expect(conn.session.get().lab.servers).toEqual([server]);
    const [notice] = conn.notices.store.get();
    expect(notice).toMatchObject({ code: 'EVENTS_DROPPED', source: 'bridge', error: { context: { fromSeq: 3, toSeq: 902, dropped: 900 } } });
    expect(notice?.title).toContain('900');
    expect(explain(notice!.error, 'zh').title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('paces its commands under the bridge limit, in order, and drops the queue when the socket closes', () => {
    const before = last().sent.length;
    for (let i = 0; i < 250; i++) void conn.request({ type: 'bytes.get', dataId: `d${i}` });
    const sentNow = () => last().sent.length - before;
    const burst = LIMITS.commandBurst / 2;
    expect(sentNow()).toBe(burst);
    timers.advance(1000);
    // One second refills at most 80% of the bridge's rate.
    expect(sentNow()).toBeGreaterThan(burst);
    expect(sentNow()).toBeLessThanOrEqual(burst + LIMITS.commandsPerSecond * 0.8 + 1);
    timers.advance(2000);
    expect(sentNow()).toBe(250);
    expect(last().sent.slice(before).map((m) => m.reqId)).toEqual(Array.from({ length: 250 }, (_, i) => `r${i + 1}`));

    for (let i = 0; i < 150; i++) void conn.request({ type: 'bytes.get', dataId: `e${i}` });
    const old = last();
    const sentBefore = old.sent.length;
    old.handlers.close(1006, '');
    timers.advance(3000);
    expect(old.sent.length).toBe(sentBefore);
  });
});
