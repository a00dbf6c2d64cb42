import { describe, expect, it } from 'vitest';
import { EVENT_RING_CAPACITY, EventRing } from '../src/bridge/event-ring.ts';

describe('EventRing', () => {
  it('keeps entries in order and counts nothing discarded below capacity', () => {
    const ring = new EventRing<number>(5);
    ring.push([1, 2]);
    ring.push([3]);
    expect(ring.entries).toEqual([1, 2, 3]);
    expect(ring.discarded).toBe(0);
  });

  it('drops the oldest when it wraps, and counts them', () => {
    const ring = new EventRing<number>(3);
    expect(ring.push([1, 2, 3, 4])).toBe(1);
    expect(ring.entries).toEqual([2, 3, 4]);
    ring.push([5, 6]);
    expect(ring.entries).toEqual([4, 5, 6]);
    expect(ring.discarded).toBe(3);
  });

  it('handles a batch larger than the whole ring', () => {
    const ring = new EventRing<number>(2);
    ring.push([1, 2, 3, 4, 5]);
    expect(ring.entries).toEqual([4, 5]);
    expect(ring.discarded).toBe(3);
  });

  it('gives a new array on change and the same one otherwise (for React snapshots)', () => {
    const ring = new EventRing<{ n: number }>(10);
    const a = { n: 1 };
    ring.push([a]);
    const first = ring.entries;
    expect(ring.entries).toBe(first);
    ring.push([]);
    expect(ring.entries).toBe(first);
    ring.push([{ n: 2 }]);
    expect(ring.entries).not.toBe(first);
    expect(ring.entries[0]).toBe(a); // entries keep their identity: memoised rows stay put
  });

  it('clear() forgets entries and the discarded count', () => {
    const ring = new EventRing<number>(2);
    ring.push([1, 2, 3]);
    ring.clear();
    expect(ring.entries).toEqual([]);
    expect(ring.discarded).toBe(0);
  });

  it('holds 100,000 by default', () => {
    const ring = new EventRing<number>();
    expect(ring.capacity).toBe(EVENT_RING_CAPACITY);
    expect(EVENT_RING_CAPACITY).toBe(100_000);
    ring.push(Array.from({ length: 100_003 }, (_, i) => i));
    expect(ring.entries.length).toBe(100_000);
    expect(ring.entries[0]).toBe(3);
    expect(ring.discarded).toBe(3);
  });

  it('stays a ring past its capacity in many small batches', () => {
    const ring = new EventRing<number>(1000);
    for (let i = 0; i < 5000; i += 7) ring.push(Array.from({ length: 7 }, (_, k) => i + k));
    expect(ring.entries.length).toBe(1000);
    expect(ring.entries.at(-1)).toBe(5004);
    expect(ring.entries[0]).toBe(4005);
    expect(ring.discarded).toBe(4005);
  });

  it('rejects a useless capacity', () => {
    expect(() => new EventRing(0)).toThrow(RangeError);
  });
});
