/**
 * Benchmark: the who-can-connect lab, start included — build the namespaces, start the agents,
 * run the full matrix for every bind choice, tear down. Median of several rounds.
 * Traffic stays inside the project's own namespaces. Needs root (skips with a message otherwise).
 */
import { performance } from 'node:perf_hooks';
import { NOTES_BIND_CHOICES, NOTES_TOPOLOGY } from '@socket-playground/protocol';
import { NetLab, netnsSupport, requesterFor, runMatrix } from '@socket-playground/lab';

const ROUNDS = 5;
const BINDS = NOTES_BIND_CHOICES;


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchNetlab(): Promise<Record<string, number | string>> {
  const support = netnsSupport();
  if (!support.ok) return { skipped: support.why };
  const up: number[] = [];
  const matrix: number[] = [];
  const total: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    const lab = await NetLab.start(NOTES_TOPOLOGY);
    const t1 = performance.now();
    const run = requesterFor(lab.agents);
    for (const bind of BINDS) await runMatrix(run, NOTES_TOPOLOGY, 'pc1', bind);
    const t2 = performance.now();
    await lab.stop();
    up.push(t1 - t0);
    matrix.push(t2 - t1);
    total.push(performance.now() - t0);
  }
  return {
    rounds: ROUNDS,
    binds: BINDS.length,
    'lab up (ms, median)': Math.round(median(up)),
    'matrix, all binds (ms, median)': Math.round(median(matrix)),
    'start + all matrices + teardown (ms, median)': Math.round(median(total)),
    'budget (issue 9): lab up + full matrix ≤ 1000 ms': median(up) + median(matrix) <= 1000 ? 'met' : `missed by ${Math.round(median(up) + median(matrix) - 1000)} ms`,
  };
}
