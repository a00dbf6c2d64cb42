/**
 * The lines `npm run bench` writes for event to screen (budget 2): for one frame clock, the
 * playground's runs beside the floor page's, per rate, and the budget verdicts. Pure: unit-tested.
 */
import { median, round, type RateResult } from './latency-analysis.ts';

/** Budget 2 of issue 9 (ms). */
export const BUDGET = { 1000: { p50: 8, p99: 25 }, 20000: { p99: 100 } } as const;

/** One configuration of browser and display, e.g. headless Chromium (60 Hz) or a 120 Hz virtual display. */
export interface FrameClock {
  /** Starts each line, e.g. "60 Hz (headless Chromium)". */
  label: string;
  hz: number;
}

export interface ClockRuns {
  /** The idle page's measured time between animation frames (ms). */
  frameIntervalMs: number;
  runs: readonly RateResult[];
}

export const verdict = (value: number, budget: number): string => (value <= budget ? `met (${round(budget - value)} ms under)` : `MISSED by ${round(value - budget)} ms`);

/** Why a p99 was missed, and where the levers are: appended to the verdict. */
const lateFrames = (floorP99: number, frameP99: number, hz: number) =>
  ` (the floor page: ${floorP99} ms; frames that showed new events came p99 ${frameP99} ms apart, ${round(1000 / hz, 1)} on time: a late frame makes its events wait a frame more; what would close it: bench/README.md, "Closing the misses")`;

const everyEventAccountedFor = (rs: readonly RateResult[]) => rs.length > 0 && rs.every((r) => r.accountedFor === r.producedTotal && r.silentlyLost === 0);

/** Every line for one frame clock: medians over the runs of each rate, the floor's beside them. */
export function reportFrameClock(clock: FrameClock, playground: ClockRuns, floor: ClockRuns, rates: readonly number[]): Record<string, string> {
  const out: Record<string, string> = {};
  const halfFrame = round(500 / clock.hz, 1);
  out[`${clock.label}: time between the idle page's animation frames, playground / floor page (ms, measured)`] = `${playground.frameIntervalMs} / ${floor.frameIntervalMs}`;
  for (const rate of rates) {
    const rs = playground.runs.filter((r) => r.eventsPerSecondAsked === rate);
    const fs = floor.runs.filter((r) => r.eventsPerSecondAsked === rate);
    if (rs.length === 0) continue;
    // Every field of a run is a number: the median over the runs, rounded.
    const m = (k: keyof RateResult) => round(median(rs.map((r) => r[k])));
    const fm = (k: keyof RateResult) => round(median(fs.map((r) => r[k])));
    const label = `${clock.label}, ${rate.toLocaleString('en-US')} events/s`;
    const p99Verdict = (budget: number) => `${verdict(m('p99'), budget)}${m('p99') > budget ? lateFrames(fm('p99'), m('frameP99'), clock.hz) : ''}`;
    out[`${label}: measured rate (events/s, each run)`] = rs.map((r) => r.eventsPerSecond).join(', ');
    out[`${label}: ts → paint p50 / p95 / p99 / max (ms, median of runs)`] = `${m('p50')} / ${m('p95')} / ${m('p99')} / ${m('max')}`;
    out[`${label}: floor page (parse, one text node a frame) p50 / p95 / p99 / max (ms)`] = `${fm('p50')} / ${fm('p95')} / ${fm('p99')} / ${fm('max')}`;
    out[`${label}: p50 / p99 ratio to the floor`] = `${round(m('p50') / fm('p50'))} / ${round(m('p99') / fm('p99'))}`;
    out[`${label}: split: ts → the page's socket delivers p50 / p99; delivery → painted p50 / p99 (ms)`] = `${m('arriveP50')} / ${m('arriveP99')}; ${m('afterArrivalP50')} / ${m('afterArrivalP99')}`;
    out[`${label}: time between frames that showed new events p50 / p99 (ms; ${round(1000 / clock.hz, 1)} on time)`] = `${m('frameP50')} / ${m('frameP99')}`;
    out[`${label}: p99 each run (ms)`] = rs.map((r) => r.p99).join(', ');
    out[`${label}: after each run's first 2 s (clients connecting, the page warming up) p50 / p99 (ms, median of runs)`] = `${m('steadyP50')} / ${m('steadyP99')}`;
    // The raw client listens only at low rates (at 20,000/s it would cost the bridge a second page's work).
    out[`${label}: of which bridge: ts → arrival at a WebSocket client in the bench process p50 / p99 (ms, median of runs)`] = Number.isFinite(m('wsP50')) ? `${m('wsP50')} / ${m('wsP99')}` : 'not measured at this rate (a second client would load the bridge)';
    out[`${label}: produced / painted / reported missed / neither (each run)`] = rs.map((r) => `${r.produced} / ${r.painted} / ${r.reportedMissed} / ${r.silentlyLost}`).join('; ');
    out[`${label}: accounted for (received + missed) / produced, whole session (each run)`] = rs.map((r) => `${r.accountedFor} / ${r.producedTotal}`).join('; ');
    if (rate === 1000) {
      // An event waits on average half a frame for the next one before any page can show it: the floor shows it.
      const floorToo = fm('p50') > BUDGET[1000].p50 ? ` (the floor page misses it too: ${fm('p50')} ms; a ${clock.hz} Hz frame clock alone adds ${halfFrame} ms on average)` : '';
      out[`${label}: budget p50 ≤ 8 ms`] = `${verdict(m('p50'), BUDGET[1000].p50)}${floorToo}`;
      out[`${label}: budget p99 ≤ 25 ms`] = p99Verdict(BUDGET[1000].p99);
    } else if (rate === 20_000) {
      out[`${label}: budget p99 ≤ 100 ms`] = p99Verdict(BUDGET[20000].p99);
      out[`${label}: budget every event accounted for`] = everyEventAccountedFor(rs) ? 'met' : 'MISSED';
      out[`${label}: floor page: every event accounted for`] = everyEventAccountedFor(fs) ? 'yes' : 'NO';
    }
  }
  return out;
}
