import { describe, expect, it } from 'vitest';
import { SequenceTracker } from '../src/bridge/sequence-tracker.ts';

const seqs = (...n: number[]) => n.map((seq) => ({ seq }));

describe('SequenceTracker', () => {
  it('accepts a contiguous stream without counting anything missed', () => {
    const t = new SequenceTracker();
    t.welcome(false, 0);
    expect(t.accept(seqs(1, 2, 3)).length).toBe(3);
    expect(t.accept(seqs(4))).toEqual(seqs(4));
    expect(t.lastSeq).toBe(4);
    expect(t.missed).toBe(0);
  });

  it('counts holes inside and between batches', () => {
    const t = new SequenceTracker();
    t.welcome(false, 0);
    t.accept(seqs(1, 2, 5));
    expect(t.missed).toBe(2);
    t.accept(seqs(9, 10));
    expect(t.missed).toBe(5);
  });

  it('takes the first event of a fresh connection as the baseline', () => {
    const t = new SequenceTracker();
    t.welcome(false, 0);
    t.accept(seqs(120, 121));
    expect(t.missed).toBe(0);
  });

  it('drops events it already holds (a replay overlapping what came live)', () => {
    const t = new SequenceTracker();
    t.welcome(false, 0);
    t.accept(seqs(1, 2, 3));
    expect(t.accept(seqs(2, 3, 4))).toEqual(seqs(4));
    expect(t.missed).toBe(0);
  });

  it('on resume, expects the event after its own last one', () => {
    const t = new SequenceTracker();
    t.welcome(false, 0);
    t.accept(seqs(1, 2));
    t.welcome(true, 0);
    t.accept(seqs(5));
    expect(t.missed).toBe(2);
  });

  it('counts what the bridge reports dropped once, not again as a hole', () => {
    const t = new SequenceTracker();
    t.welcome(false, 0);
    t.accept(seqs(1, 2));
    // The bridge no longer had 3..7 and replays from 8 (it reports resumed=false then).
    t.welcome(false, 5);
    t.accept(seqs(8, 9));
    expect(t.missed).toBe(5);
    t.welcome(true, 2); // a resumed welcome that still skipped 2
    t.accept(seqs(12));
    expect(t.missed).toBe(7);
  });

  it('reset() starts the numbering again after a bridge restart', () => {
    const t = new SequenceTracker();
    t.welcome(false, 0);
    t.accept(seqs(1, 2, 4));
    t.reset();
    expect(t.lastSeq).toBe(0);
    expect(t.missed).toBe(0);
    t.welcome(false, 0);
    expect(t.accept(seqs(1, 2))).toEqual(seqs(1, 2));
  });
});
