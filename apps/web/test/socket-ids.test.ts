import type { LabEvent, SequencedLabEvent } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { EventRing } from '../src/bridge/event-ring.ts';
import { SocketIds } from '../src/ui/socket-ids.ts';

function entry(seq: number, socketId: string): SequencedLabEvent {
  const event: LabEvent = { ts: seq, labHost: 'local', socketId, owner: 'srv1', role: 'listener', call: 'socket', family: 'IPv4' };
  return { seq, event };
}

/** What EventsPane computed before: every id, sorted numerically. */
function naive(entries: readonly SequencedLabEvent[]): string[] {
  const ids = new Set<string>();
  for (const { event } of entries) if (event.socketId !== '-') ids.add(event.socketId);
  return [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

describe('SocketIds', () => {
  it('matches a full recount as a ring grows and drops its oldest entries', () => {
    const ring = new EventRing<SequencedLabEvent>(50);
    const ids = new SocketIds();
    let seq = 0;
    for (let round = 0; round < 40; round++) {
      const batch = Array.from({ length: 1 + (round % 7) }, () => {
        seq++;
        return entry(seq, seq % 5 === 0 ? '-' : `s${(seq * 7) % (3 + round)}`);
      });
      ring.push(batch);
      expect(ids.update(ring.entries)).toEqual(naive(ring.entries));
    }
  });

  it('keeps the same array while no id appears or goes', () => {
    const ids = new SocketIds();
    const a = [entry(1, 's1'), entry(2, 's2')];
    const first = ids.update(a);
    expect(ids.update([...a, entry(3, 's1')])).toBe(first);
    expect(ids.update([...a, entry(3, 's1'), entry(4, 's10')])).toEqual(['s1', 's2', 's10']);
  });

  it('starts again for a different log (cleared, or a saved session)', () => {
    const ids = new SocketIds();
    ids.update([entry(1, 's1'), entry(2, 's2')]);
    expect(ids.update([])).toEqual([]);
    ids.update([entry(1, 's1'), entry(2, 's2')]);
    // Same seqs, other objects: another log.
    expect(ids.update([entry(1, 'c1'), entry(2, 'c2'), entry(3, 'c3')])).toEqual(['c1', 'c2', 'c3']);
  });
});
