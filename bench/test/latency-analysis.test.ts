import { describe, expect, it } from 'vitest';
import { analyseRun, pct, type PaintRecord } from '../latency-analysis.ts';

const paint = (seq: number, t: number, missed = 0): PaintRecord => ({ seq, t, held: seq, discarded: 0, missed });

describe('event to screen analysis', () => {
  it('times each event to the first frame that showed it, on one clock', () => {
    // Events 1–4 at lab times 0, 1, 2, 3 (Node's clock); the page's clock runs 100 ms ahead.
    const tsBySeq = new Map([1, 2, 3, 4].map((seq) => [seq, seq - 1]));
    const paints = [paint(2, 110), paint(4, 126)];
    const arrivals: [number, number][] = [
      [2, 102],
      [4, 118],
    ];
    const r = analyseRun({ fromSeq: 1, toSeq: 4, tsBySeq, paints, arrivals, offsetMs: 100 });
    // Latencies: 10, 9 (the frame at 110 − 100), 24, 23 (the frame at 126 − 100).
    expect(r).toMatchObject({ produced: 4, painted: 4, silentlyLost: 0, reportedMissed: 0, max: 24, p50: 10 });
    // Arrival: 2, 1, 16, 15; arrival → paint: 8 each; frames 16 ms apart.
    expect([r.arriveP50, r.arriveP99, r.afterArrivalP50, r.frameP50]).toEqual([2, 16, 8, 16]);
    expect(r.accountedFor).toBe(4);
  });

  it('an event no frame showed is lost, unless a gap reported it', () => {
    const tsBySeq = new Map([1, 2, 3].map((seq) => [seq, 0]));
    const lost = analyseRun({ fromSeq: 1, toSeq: 3, tsBySeq, paints: [paint(1, 5)], arrivals: [], offsetMs: 0 });
    expect([lost.painted, lost.silentlyLost]).toEqual([1, 2]);
    // The bridge dropped 2 and 3 for a slow page, and said so: accounted for, not painted.
    const gap = analyseRun({ fromSeq: 1, toSeq: 3, tsBySeq, paints: [paint(1, 5), paint(3, 30, 2)], arrivals: [], offsetMs: 0 });
    expect([gap.painted, gap.reportedMissed, gap.silentlyLost]).toEqual([1, 2, 0]);
  });

  it('the steady state leaves out the first two seconds', () => {
    // A slow start (100 ms at ts 0), then 10 ms from ts 2000 on.
    const tsBySeq = new Map([
      [1, 0],
      [2, 2000],
      [3, 2500],
    ]);
    const paints = [paint(1, 100), paint(2, 2010), paint(3, 2510)];
    const r = analyseRun({ fromSeq: 1, toSeq: 3, tsBySeq, paints, arrivals: [], offsetMs: 0 });
    expect([r.max, r.steadyP50, r.steadyP99]).toEqual([100, 10, 10]);
  });

  it('nearest-rank percentiles', () => {
    const xs = Float64Array.from([5, 1, 4, 2, 3]).sort();
    expect([pct(xs, 50), pct(xs, 99), pct(xs, 100), pct(new Float64Array(), 50)]).toEqual([3, 5, 5, NaN]);
  });
});
