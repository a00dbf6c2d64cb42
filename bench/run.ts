/** `npm run bench`: every benchmark, results printed and written to bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchLoad } from './load.bench.ts';
import { benchNetlab } from './netlab.bench.ts';
import { benchTimeline } from './timeline.bench.ts';

const results: Record<string, Record<string, number | string>> = {
  // First, so the process's RSS is the bridge's and not what the browser benchmark left behind.
  'load: 1,000 lab connections with traffic for 30 s, one page watching': await benchLoad(),
  'who-can-connect lab (netlab)': await benchNetlab(),
  'the page with 100,000 events (timeline, event list)': await benchTimeline(),
};
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('results.json', dir), `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
const md = Object.entries(results)
  .map(([name, r]) => [`## ${name}`, '', '| measure | value |', '| --- | --- |', ...Object.entries(r).map(([k, v]) => `| ${k} | ${String(v)} |`), ''].join('\n'))
  .join('\n');
writeFileSync(new URL('results.md', dir), `# Benchmark results\n\nMeasured ${new Date().toISOString()} on this machine.\n\n${md}`);
console.log(md);
