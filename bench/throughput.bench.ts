/**
 * Budget 1 (issue 9), instrumentation cost: echo throughput over loopback with 64 KiB writes,
 * the lab's instrumented echo server (started by a watching page, every recv/send an event that
 * reaches that page over the bridge's WebSocket) vs a plain node:net echo server.
 *
 * Both servers run in this process (the bridge's); the client and the page are child processes
 * (see echo-harness.ts). Rounds alternate plain / instrumented, each a fixed byte count, after one
 * warm-up of each; the ratio is of the medians. Loopback only, bounded by count and deadline.
 */
import { loadavg, median, startEchoRig } from './echo-harness.ts';

/** Nine rounds: on this 2-core machine a single round swings by ±15 %, and the median needs a few to settle. */
const ROUNDS = 9;
const CHUNK = 64 * 1024;
const BYTES_PER_ROUND = 512 * 1024 * 1024;
const BUDGET = 0.9;

const mbps = (r: { ms: number; bytes: number }) => r.bytes / 1024 / 1024 / (r.ms / 1000);

export async function benchThroughput(options: { rounds?: number; bytes?: number } = {}): Promise<Record<string, number | string>> {
  const rounds = options.rounds ?? ROUNDS;
  const bytes = options.bytes ?? BYTES_PER_ROUND;
  const rig = await startEchoRig();
  try {
    // CPU time of this process (the servers', the bridge's) per MiB echoed: less at the mercy of
    // other load on the machine than wall time, so reported alongside.
    const cpuPerMiB = { plain: [] as number[], lab: [] as number[] };
    const run = async (port: number) => {
      const cpu0 = process.cpuUsage();
      const r = await rig.driver.ask<{ ms: number; bytes: number; error?: string }>({ op: 'throughput', port, bytes, chunk: CHUNK });
      if (r.error) throw new Error(r.error);
      const cpu = process.cpuUsage(cpu0);
      (port === rig.plainPort ? cpuPerMiB.plain : cpuPerMiB.lab).push((cpu.user + cpu.system) / 1000 / (r.bytes / 1024 / 1024));
      return mbps(r);
    };
    await run(rig.plainPort);
    await run(rig.labPort);
    cpuPerMiB.plain.length = 0;
    cpuPerMiB.lab.length = 0;
    const plain: number[] = [];
    const lab: number[] = [];
    const ratios: number[] = [];
    const seqBefore = rig.bridge.session.log.lastSeq;
    for (let i = 0; i < rounds; i++) {
      // Alternate which goes first, so a drift in machine load hits both alike.
      const first = i % 2 === 0;
      const p = first ? await run(rig.plainPort) : 0;
      const l = await run(rig.labPort);
      const p2 = first ? p : await run(rig.plainPort);
      plain.push(p2);
      lab.push(l);
      ratios.push(l / p2);
    }
    const produced = rig.bridge.session.log.lastSeq - seqBefore;
    await new Promise((r) => setTimeout(r, 300));
    const page = await rig.pageStats();
    const ratio = median(lab) / median(plain);
    return {
      rounds,
      'bytes per round (MiB)': bytes / 1024 / 1024,
      'write size (KiB)': CHUNK / 1024,
      'plain node:net MB/s (median)': Math.round(median(plain)),
      'instrumented, page watching MB/s (median)': Math.round(median(lab)),
      'ratio (of medians)': Math.round(ratio * 1000) / 1000,
      'ratio per round (each against the plain run next to it)': ratios.map((r) => r.toFixed(3)).join(' '),
      'median of the per-round ratios': Math.round(median(ratios) * 1000) / 1000,
      'server-process CPU ms per MiB, plain / instrumented (median)': `${median(cpuPerMiB.plain).toFixed(3)} / ${median(cpuPerMiB.lab).toFixed(3)}`,
      'CPU ratio, plain / instrumented (1 = free)': Math.round((median(cpuPerMiB.plain) / median(cpuPerMiB.lab)) * 1000) / 1000,
      'events in the measured rounds / page messages / gaps': `${produced} / ${page.messages} / ${page.gaps}`,
      'calls the page was told about': page.calls,
      'load average': loadavg(),
      'budget (issue 9): ratio ≥ 0.9': ratio >= BUDGET ? 'met' : `missed by ${(BUDGET - ratio).toFixed(3)}`,
    };
  } finally {
    await rig.close();
  }
}
