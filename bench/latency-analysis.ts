/**
 * Event to screen, from the records of one run (pure: bench/latency.bench.ts collects the records).
 * For every event the lab numbered in the run's window: its lab time `ts`, the page's socket
 * delivering it (the first message whose newest seq reaches it), and the first frame that showed a
 * seq at least as new, with the newest row in view. Times are wall clock (ms); `offsetMs` is the
 * page's clock minus Node's.
 */

import type { PaintRecord } from '../apps/web/src/bench-records.ts';

/** A frame that showed new events (apps/web/src/bench-hook.ts, bench/floor-page/floor.js). */
export type { PaintRecord };

export interface RunRecords {
  fromSeq: number;
  toSeq: number;
  /** Lab time of each event, by seq (Node's clock). */
  tsBySeq: ReadonlyMap<number, number>;
  paints: readonly PaintRecord[];
  /** [newest seq in the message, when the page's socket delivered it] (the page's clock). */
  arrivals: readonly (readonly [number, number])[];
  /** When a raw WebSocket client in the bench process got each event (Node's clock), if one listened. */
  watcherArrivals?: ReadonlyMap<number, number>;
  offsetMs: number;
}

export interface RunAnalysis {
  produced: number;
  /** Events of the window the page painted; reported missed (gaps) by the page; neither (must be 0). */
  painted: number;
  reportedMissed: number;
  silentlyLost: number;
  /** Events the page received (held + discarded by its ring) + reported missed, over its whole life. */
  accountedFor: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The same after the run's first STEADY_AFTER_MS (clients connecting, the page warming up). */
  steadyP50: number;
  steadyP99: number;
  /** The same events' ts → arrival at a raw WebSocket client in the bench process (the bridge's share). */
  wsP50: number;
  wsP99: number;
  /** Time between the page's frames that showed new events (ms): the frame clock's share. */
  frameP50: number;
  frameP99: number;
  /** ts → the page's WebSocket delivering the message (bridge, kernel, browser network thread, a busy page). */
  arriveP50: number;
  arriveP99: number;
  /** That delivery → the frame that painted it (parse, wait for the frame, render). */
  afterArrivalP50: number;
  afterArrivalP99: number;
}

/** One run at one rate, as the bench reports it. */
export interface RateResult extends RunAnalysis {
  eventsPerSecondAsked: number;
  eventsPerSecond: number;
  /** What the bridge numbered over the whole session (the page must account for all of it). */
  producedTotal: number;
}

/** Where a run's steady state starts: after its first two seconds. */
export const STEADY_AFTER_MS = 2000;

export const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Nearest-rank percentile of sorted values (NaN when there are none). */
export function pct(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const sortedOf = (xs: number[]): Float64Array => Float64Array.from(xs).sort();

export function analyseRun(r: RunRecords): RunAnalysis {
  const { fromSeq, toSeq, tsBySeq, paints, arrivals, offsetMs } = r;
  const latencies: number[] = [];
  const steady: number[] = [];
  const firstTs = tsBySeq.get(fromSeq);
  const arriveLags: number[] = [];
  const afterArrival: number[] = [];
  let painted = 0;
  let inGaps = 0;
  let p = 0;
  let a = 0;
  for (let seq = fromSeq; seq <= toSeq; seq++) {
    const ts = tsBySeq.get(seq);
    if (ts === undefined) continue;
    while (p < paints.length && paints[p]!.seq < seq) p++;
    while (a < arrivals.length && arrivals[a]![0] < seq) a++;
    const paint = paints[p];
    const arrival = arrivals[a];
    if (arrival) {
      arriveLags.push(arrival[1] - offsetMs - ts);
      if (paint) afterArrival.push(paint.t - arrival[1]);
    }
    if (!paint) continue;
    // A frame whose commit included a gap (the bridge dropped events for the page): its events
    // may be among the dropped ones, so none of them count as painted (counted in inGaps).
    if (p > 0 && paint.missed > paints[p - 1]!.missed) {
      inGaps++;
      continue;
    }
    latencies.push(paint.t - offsetMs - ts);
    if (firstTs !== undefined && ts - firstTs >= STEADY_AFTER_MS) steady.push(paint.t - offsetMs - ts);
    painted++;
  }
  const wsLags: number[] = [];
  for (let seq = fromSeq; seq <= toSeq; seq++) {
    const ts = tsBySeq.get(seq);
    const arrived = r.watcherArrivals?.get(seq);
    if (ts !== undefined && arrived !== undefined) wsLags.push(arrived - ts);
  }
  const frameGaps: number[] = [];
  for (let i = 1; i < paints.length; i++) if (paints[i]!.seq >= fromSeq && paints[i]!.seq <= toSeq) frameGaps.push(paints[i]!.t - paints[i - 1]!.t);
  const final = paints.at(-1);
  const first = paints[0];
  const reportedMissed = final && first ? final.missed - first.missed : 0;
  const produced = toSeq - fromSeq + 1;
  const [sorted, ws, frames, arrive, after, steadySorted] = [latencies, wsLags, frameGaps, arriveLags, afterArrival, steady].map(sortedOf) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  return {
    produced,
    painted,
    reportedMissed,
    silentlyLost: Math.max(0, produced - painted - Math.max(inGaps, reportedMissed)),
    accountedFor: final ? final.held + final.discarded + final.missed : 0,
    p50: round(pct(sorted, 50)),
    p95: round(pct(sorted, 95)),
    p99: round(pct(sorted, 99)),
    max: round(pct(sorted, 100)),
    steadyP50: round(pct(steadySorted, 50)),
    steadyP99: round(pct(steadySorted, 99)),
    wsP50: round(pct(ws, 50)),
    wsP99: round(pct(ws, 99)),
    frameP50: round(pct(frames, 50)),
    frameP99: round(pct(frames, 99)),
    arriveP50: round(pct(arrive, 50)),
    arriveP99: round(pct(arrive, 99)),
    afterArrivalP50: round(pct(after, 50)),
    afterArrivalP99: round(pct(after, 99)),
  };
}
