/**
 * `npm run bench`: every benchmark, each against its baseline in the same run, results printed and
 * written to bench/results/ (Markdown and JSON). BENCH_ONLY=throughput,rtt runs some of them. Every
 * benchmark sends traffic only to loopback (and the lab's own namespaces) and stops by itself.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { benchEventToScreen } from './latency.bench.ts';
import { benchLoad } from './load.bench.ts';
import { benchManyConnections } from './many.bench.ts';
import { benchNetlab } from './netlab.bench.ts';
import { benchRoundTrip } from './rtt.bench.ts';
import { benchStart } from './start.bench.ts';
import { benchThroughput } from './throughput.bench.ts';
import { benchTimeline } from './timeline.bench.ts';

type Result = Record<string, number | string>;

/** In this order: the socket benchmarks first, while no browser has run in this process. */
const BENCHES: ReadonlyArray<{ key: string; title: string; run: () => Promise<Result> }> = [
  { key: 'throughput', title: '1. instrumentation cost: echo throughput, 64 KiB writes, a page watching', run: () => benchThroughput() },
  { key: 'rtt', title: '7. round trip: 1-byte ping-pong', run: () => benchRoundTrip() },
  { key: 'load', title: 'load: 1,000 lab connections with traffic for 30 s, one page watching', run: benchLoad },
  { key: 'many', title: '5. many connections: 10,000 lab connections, a page watching', run: benchManyConnections },
  { key: 'netlab', title: '4. who-can-connect: lab up and the full matrix for every bind', run: benchNetlab },
  { key: 'latency', title: '2. event to screen', run: benchEventToScreen },
  { key: 'timeline', title: '3. timeline at scale: 100,000 and 1,000,000 events', run: benchTimeline },
  { key: 'start', title: '6. start and load', run: benchStart },
];

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
// A partial run keeps the other sections from the last full one.
const previous = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('results.json', dir), 'utf8')) as { results: Record<string, Result & { measured?: string }> }).results;
  } catch {
    return {};
  }
})();

const results: Record<string, Result> = {};
for (const bench of BENCHES) {
  if (only && !only.includes(bench.key)) {
    if (previous[bench.title]) results[bench.title] = previous[bench.title]!;
    continue;
  }
  const started = new Date().toISOString();
  const load = loadavg().map((l) => l.toFixed(1)).join(' / ');
  try {
    results[bench.title] = { measured: started, 'load average at start (1 / 5 / 15 min)': load, ...(await bench.run()) };
  } catch (err) {
    results[bench.title] = { measured: started, error: err instanceof Error ? err.message : String(err) };
  }
  console.log(`done: ${bench.title}`);
}

/** Every "budget" line of every benchmark, for the summary at the top. */
const budgets = Object.entries(results).flatMap(([title, r]) => Object.entries(r).filter(([k]) => /budget/i.test(k)).map(([k, v]) => `| ${title.split(':')[0]} | ${k} | ${String(v)} |`));
writeFileSync(new URL('results.json', dir), `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
const sections = Object.entries(results)
  .map(([name, r]) => [`## ${name}`, '', '| measure | value |', '| --- | --- |', ...Object.entries(r).map(([k, v]) => `| ${k} | ${String(v)} |`), ''].join('\n'))
  .join('\n');
const md = [
  '# Benchmark results',
  '',
  `Written ${new Date().toISOString()} by \`npm run bench\` on this machine (2 cores). Ratios compare against a baseline measured in the same run; absolute times are noisy here, so read the load average beside each section.`,
  '',
  '## Budgets (issue 9)',
  '',
  '| benchmark | budget | result |',
  '| --- | --- | --- |',
  ...budgets,
  '',
  sections,
].join('\n');
writeFileSync(new URL('results.md', dir), md);
console.log(md);
