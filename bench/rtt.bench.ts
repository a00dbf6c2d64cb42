/**
 * Budget 7 (issue 9), round trip: 1-byte ping-pong through the lab's instrumented echo server
 * (with a page watching) vs a plain node:net echo server, p50 and p99 in µs.
 *
 * Same rig as the throughput bench (echo-harness.ts): servers in this process, client and page in
 * child processes. Rounds alternate plain / instrumented after a warm-up; the p50 ratio is of the
 * per-kind medians of the per-round p50s. Loopback only, bounded by count and deadline.
 */
import { loadavg, median, percentile, startEchoRig } from './echo-harness.ts';

const ROUNDS = 5;
const PINGS = 2000;
const WARMUP = 200;
const BUDGET = 1.2;

export async function benchRoundTrip(options: { rounds?: number; pings?: number } = {}): Promise<Record<string, number | string>> {
  const rounds = options.rounds ?? ROUNDS;
  const pings = options.pings ?? PINGS;
  const rig = await startEchoRig();
  try {
    const run = async (port: number) => {
      const r = await rig.driver.ask<{ samplesUs: number[]; error?: string }>({ op: 'rtt', port, pings, warmup: WARMUP });
      if (r.error) throw new Error(r.error);
      return { p50: percentile(r.samplesUs, 50), p99: percentile(r.samplesUs, 99) };
    };
    await run(rig.plainPort);
    await run(rig.labPort);
    // Each round's instrumented p50 against the plain one run next to it.
    const plain: { p50: number; p99: number }[] = [];
    const lab: { p50: number; p99: number }[] = [];
    for (let i = 0; i < rounds; i++) {
      if (i % 2 === 0) {
        plain.push(await run(rig.plainPort));
        lab.push(await run(rig.labPort));
      } else {
        lab.push(await run(rig.labPort));
        plain.push(await run(rig.plainPort));
      }
    }
    const p50 = (xs: { p50: number }[]) => median(xs.map((x) => x.p50));
    const p99 = (xs: { p99: number }[]) => median(xs.map((x) => x.p99));
    const ratio = p50(lab) / p50(plain);
    return {
      rounds,
      'pings per round': pings,
      'plain node:net p50 / p99 (µs)': `${Math.round(p50(plain))} / ${Math.round(p99(plain))}`,
      'instrumented, page watching p50 / p99 (µs)': `${Math.round(p50(lab))} / ${Math.round(p99(lab))}`,
      'p50 ratio': Math.round(ratio * 1000) / 1000,
      'p50 ratio per round': lab.map((l, i) => (l.p50 / (plain[i]?.p50 ?? 1)).toFixed(3)).join(' '),
      'p99 ratio': Math.round((p99(lab) / p99(plain)) * 1000) / 1000,
      'load average': loadavg(),
      'budget (issue 9): p50 ratio ≤ 1.2': ratio <= BUDGET ? 'met' : `missed by ${(ratio - BUDGET).toFixed(3)}`,
    };
  } finally {
    await rig.close();
  }
}
