import { describe, expect, it } from 'vitest';
import type { RateResult } from '../latency-analysis.ts';
import { reportFrameClock } from '../latency-report.ts';
import { modeline, xorgConfig } from '../virtual-display.ts';

/** A run where every event was accounted for, with the given latencies (ms). */
const run = (rate: number, p50: number, p99: number, lost = 0): RateResult => ({
  eventsPerSecondAsked: rate,
  eventsPerSecond: rate,
  producedTotal: 100,
  produced: 100,
  painted: 100 - lost,
  reportedMissed: 0,
  silentlyLost: lost,
  accountedFor: 100 - lost,
  p50,
  p95: p99,
  p99,
  max: p99 + 1,
  steadyP50: p50,
  steadyP99: p99,
  wsP50: 0.1,
  wsP99: 1,
  frameP50: 8.3,
  frameP99: 16.7,
  arriveP50: 1,
  arriveP99: 5,
  afterArrivalP50: 6,
  afterArrivalP99: 20,
});

describe('event to screen report', () => {
  const clock = { label: '120 Hz (test)', hz: 120 };
  const floor = { frameIntervalMs: 8.3, runs: [run(1000, 4.4, 8.8), run(20_000, 5, 20)] };

  it('judges each budget on the median of the runs, per frame clock', () => {
    const playground = { frameIntervalMs: 8.3, runs: [run(1000, 7, 20), run(1000, 7.5, 30), run(1000, 9, 24), run(20_000, 30, 90)] };
    const out = reportFrameClock(clock, playground, floor, [1000, 20_000]);
    expect(out['120 Hz (test), 1,000 events/s: budget p50 ≤ 8 ms']).toBe('met (0.5 ms under)');
    expect(out['120 Hz (test), 1,000 events/s: budget p99 ≤ 25 ms']).toBe('met (1 ms under)');
    expect(out['120 Hz (test), 20,000 events/s: budget p99 ≤ 100 ms']).toBe('met (10 ms under)');
    expect(out['120 Hz (test), 20,000 events/s: budget every event accounted for']).toBe('met');
    expect(out["120 Hz (test): time between the idle page's animation frames, playground / floor page (ms, measured)"]).toBe('8.3 / 8.3');
  });

  it('says by how much a budget is missed, and when the floor page misses it too', () => {
    const playground = { frameIntervalMs: 16.7, runs: [run(1000, 11.1, 26), run(20_000, 40, 120, 1)] };
    const slowFloor = { frameIntervalMs: 16.7, runs: [run(1000, 8.7, 17), run(20_000, 9, 30)] };
    const out = reportFrameClock({ label: '60 Hz', hz: 60 }, playground, slowFloor, [1000, 20_000]);
    expect(out['60 Hz, 1,000 events/s: budget p50 ≤ 8 ms']).toBe('MISSED by 3.1 ms (the floor page misses it too: 8.7 ms; a 60 Hz frame clock alone adds 8.3 ms on average)');
    expect(out['60 Hz, 1,000 events/s: budget p99 ≤ 25 ms']).toMatch(/^MISSED by 1 ms \(the floor page: 17 ms; .* 16.7 on time/);
    expect(out['60 Hz, 20,000 events/s: budget p99 ≤ 100 ms']).toMatch(/^MISSED by 20 ms/);
    expect(out['60 Hz, 20,000 events/s: budget every event accounted for']).toBe('MISSED');
  });

  it("says when the bridge's share was not measured (no raw client at the high rate)", () => {
    const quiet = { ...run(20_000, 30, 90), wsP50: Number.NaN, wsP99: Number.NaN };
    const out = reportFrameClock(clock, { frameIntervalMs: 8.3, runs: [quiet] }, floor, [20_000]);
    expect(out['120 Hz (test), 20,000 events/s: of which bridge: ts → arrival at a WebSocket client in the bench process p50 / p99 (ms, median of runs)']).toMatch(/^not measured/);
  });

  it('reports nothing for a rate that was not run', () => {
    const out = reportFrameClock(clock, { frameIntervalMs: 8.3, runs: [run(1000, 7, 20)] }, floor, [1000, 20_000]);
    expect(Object.keys(out).some((k) => k.includes('20,000'))).toBe(false);
  });
});

describe('virtual display', () => {
  it('makes a modeline whose refresh rate is the one asked for', () => {
    for (const hz of [60, 120, 144, 240]) {
      const m = modeline(1600, 1000, hz);
      expect(Math.abs(m.refreshHz - hz)).toBeLessThan(0.01);
      // name, clock, then 4 horizontal and 4 vertical timings, each in order.
      const [, , h1, h2, h3, h4, v1, v2, v3, v4] = m.line.split(' ').map(Number);
      expect(h1! < h2! && h2! < h3! && h3! < h4! && v1! < v2! && v2! < v3! && v3! < v4!).toBe(true);
    }
  });

  it('writes a config whose only mode is that modeline', () => {
    const conf = xorgConfig(1600, 1000, 120);
    expect(conf).toContain('Driver "dummy"');
    expect(conf).toContain(`Modeline ${modeline(1600, 1000, 120).line}`);
    expect(conf).toContain('Modes "1600x1000_120"');
  });
});
