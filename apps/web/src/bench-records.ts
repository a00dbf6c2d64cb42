/**
 * What the page records for the benchmarks (bench-hook.ts) and the bench reads back
 * (bench/latency-analysis.ts): plain data, no DOM, so both sides share the one definition.
 */
export interface PaintRecord {
  /** The newest event the list shows. */
  seq: number;
  /** Wall clock (epoch ms, `performance.timeOrigin + performance.now()`) of the frame that painted it. */
  t: number;
  /** The page's counts then: events held, discarded by its ring, reported missed by the bridge. */
  held: number;
  discarded: number;
  missed: number;
}
