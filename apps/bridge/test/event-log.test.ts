/** Unit tests for the bounded, numbered event history the bridge replays from. */
import { describe, expect, it } from 'vitest';
import type { LabEvent } from '@socket-playground/protocol';
import { EventLog } from '../src/event-log.ts';

/** A distinct, valid event; `n` is carried in the socket id so tests can tell them apart. */
function event(n: number): LabEvent {
  return { ts: 1_700_000_000_000 + n, labHost: 'local', socketId: `s${n}`, owner: 'srv1', role: 'listener', call: 'socket', family: 'IPv4' };
}

function fill(log: EventLog, count: number): void {
  for (let n = 1; n <= count; n++) log.append(event(n));
}

const seqs = (r: { events: { seq: number }[] }) => r.events.map((e) => e.seq);

describe('EventLog', () => {
  it('starts empty: lastSeq 0, nothing to replay', () => {
    const log = new EventLog(5);
    expect(log.lastSeq).toBe(0);
    expect(log.firstSeq).toBe(1);
    expect(log.since(0)).toEqual({ events: [], dropped: 0 });
  });

  it('numbers events from 1 and returns what it stored', () => {
    const log = new EventLog(5);
    const first = log.append(event(1));
    const second = log.append(event(2));
    expect(first).toEqual({ seq: 1, event: event(1) });
    expect(second.seq).toBe(2);
    expect(log.lastSeq).toBe(2);
  });

  it('since(k) returns exactly the events after k, in order', () => {
    const log = new EventLog(5);
    fill(log, 4);
    expect(log.since(0)).toEqual({ events: [1, 2, 3, 4].map((n) => ({ seq: n, event: event(n) })), dropped: 0 });
    expect(seqs(log.since(2))).toEqual([3, 4]);
    expect(log.since(2).dropped).toBe(0);
    expect(log.since(3).events.map((e) => e.event.socketId)).toEqual(['s4']);
    expect(log.since(4)).toEqual({ events: [], dropped: 0 });
  });

  it('holds exactly `capacity` events when full, without dropping any', () => {
    const log = new EventLog(5);
    fill(log, 5);
    expect(log.firstSeq).toBe(1);
    expect(log.since(0)).toMatchObject({ dropped: 0 });
    expect(seqs(log.since(0))).toEqual([1, 2, 3, 4, 5]);
  });

  it('wraps around: keeps the newest `capacity` events and counts the dropped ones', () => {
    const log = new EventLog(5);
    fill(log, 12);
    expect(log.lastSeq).toBe(12);
    expect(log.firstSeq).toBe(8);
    const all = log.since(0);
    expect(seqs(all)).toEqual([8, 9, 10, 11, 12]);
    expect(all.dropped).toBe(7);
    expect(all.events.map((e) => e.event.socketId)).toEqual(['s8', 's9', 's10', 's11', 's12']);
    const partly = log.since(4);
    expect(seqs(partly)).toEqual([8, 9, 10, 11, 12]);
    expect(partly.dropped).toBe(3);
    // A resume point still inside the ring loses nothing.
    expect(log.since(7)).toMatchObject({ dropped: 0 });
    expect(seqs(log.since(7))).toEqual([8, 9, 10, 11, 12]);
    expect(seqs(log.since(10))).toEqual([11, 12]);
  });

  it('never repeats a sequence number across many wraps', () => {
    const log = new EventLog(3);
    const seen = new Set<number>();
    for (let n = 1; n <= 1000; n++) seen.add(log.append(event(n)).seq);
    expect(seen.size).toBe(1000);
    expect(seqs(log.since(0))).toEqual([998, 999, 1000]);
    expect(log.since(0).dropped).toBe(997);
  });

  it('a capacity of 1 keeps only the newest event', () => {
    const log = new EventLog(1);
    fill(log, 3);
    expect(log.since(0)).toEqual({ events: [{ seq: 3, event: event(3) }], dropped: 2 });
  });

  it('a resume point from the future (another bridge run) replays nothing', () => {
    const log = new EventLog(5);
    fill(log, 3);
    expect(log.since(3)).toEqual({ events: [], dropped: 0 });
    expect(log.since(50)).toEqual({ events: [], dropped: 0 });
    fill(log, 2);
    expect(seqs(log.since(50))).toEqual([]);
  });
});
