/**
 * Benchmark: start and first load (issue 9, budget 6). The bridge is started exactly as
 * `npm start` runs it after the build (`node --import tsx apps/bridge/src/main.ts`, here with
 * `--port 0` and a token), its printed URL is opened in Chromium, and the clock stops when the
 * page is interactive: the Connected badge is shown and a click on a tab has been painted.
 * Median of several rounds. Also the initial JavaScript: every script the page fetched on a
 * first visit before it was interactive (lazy chunks loaded at once included), raw and gzip
 * (zlib level 9). Traffic: loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Request, type Response } from '@playwright/test';
import { CHROMIUM_ARGS, executablePath } from '../e2e/browser.ts';
import { printedUrl } from '../e2e/bridge-process.ts';

const ROUNDS = Number(process.env.SOCKET_PLAYGROUND_BENCH_ROUNDS ?? 5);
/** Another build than dist/web (default: what `npm run build` made). */
const STATIC_DIR = process.env.SOCKET_PLAYGROUND_BENCH_STATIC;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_BUDGET_MS = 2000;
const JS_BUDGET_KB = 250;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

interface Bridge {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `npm start` without the build: the bridge process, until it prints its URL. */
async function startBridge(token: string): Promise<Bridge> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/bridge/src/main.ts', '--port', '0', '--token', token, ...(STATIC_DIR ? ['--static-dir', STATIC_DIR] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const printed = printedUrl(child, 30_000);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  try {
    const url = await printed.url;
    return { url, child, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface Round {
  /** Launch to URL printed. */
  bridgeMs: number;
  /** Launch to interactive. */
  totalMs: number;
  scripts: { url: string; raw: number; gzip: number }[];
  /** Fetched after the page was interactive (prefetch), within the networkidle wait. */
  later: { url: string; raw: number; gzip: number }[];
}

async function round(browser: Browser, i: number): Promise<Round> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const scripts = new Map<string, Promise<{ url: string; raw: number; gzip: number } | null>>();
  let interactive = false;
  /** Scripts asked for after the page was interactive (background prefetch): reported, not initial. */
  const late = new Set<string>();
  const onRequest = (r: Request) => {
    if (interactive && /\.m?js(\?|$)/.test(new URL(r.url()).pathname)) late.add(r.url());
  };
  const onResponse = (r: Response) => {
    const url = r.url();
    if (!/\.m?js(\?|$)/.test(new URL(url).pathname) || scripts.has(url)) return;
    scripts.set(
      url,
      r.body().then(
        (body) => ({ url: new URL(url).pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length }),
        () => null,
      ),
    );
  };
  context.on('request', onRequest);
  context.on('response', onResponse);
  const t0 = performance.now();
  const bridge = await startBridge(`bench-start-${i}-${Date.now()}`);
  try {
    const bridgeMs = performance.now() - t0;
    const page = await context.newPage();
    await page.goto(bridge.url);
    await page.locator('[data-testid="connection-status"].status-ok').waitFor({ timeout: 30_000 });
    // What a first visit loads before the learner does anything: the lazy chunks it asks for at
    // once (the lesson area) count, so let them arrive.
    await page.getByTestId('welcome').or(page.getByTestId('lesson-panel')).first().waitFor({ timeout: 30_000 }).catch(() => {});
    const readyMs = performance.now() - t0;
    interactive = true;
    await page.waitForLoadState('networkidle').catch(() => {});
    const all = (await Promise.all([...scripts.entries()].map(async ([url, s]) => ({ url, s: await s })))).filter((x) => x.s !== null);
    const loaded = all.filter((x) => !late.has(x.url)).map((x) => x.s!);
    const later = all.filter((x) => late.has(x.url)).map((x) => x.s!);
    // Interactive: a click on another tab is handled and its content painted (its chunk may load).
    const tClick = performance.now();
    await page.getByTestId('tab-flow').click();
    await page.locator('#flow-title').waitFor({ timeout: 30_000 });
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    const totalMs = readyMs + (performance.now() - tClick);
    return { bridgeMs, totalMs, scripts: loaded, later };
  } finally {
    context.off('request', onRequest);
    context.off('response', onResponse);
    await context.close().catch(() => {});
    await bridge.stop();
  }
}

export async function benchStart(): Promise<Record<string, number | string>> {
  const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
  const rounds: Round[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) rounds.push(await round(browser, i));
  } finally {
    await browser.close();
  }
  const total = median(rounds.map((r) => r.totalMs));
  const bridge = median(rounds.map((r) => r.bridgeMs));
  const scripts = rounds.at(-1)?.scripts ?? [];
  const raw = scripts.reduce((s, x) => s + x.raw, 0);
  const gz = scripts.reduce((s, x) => s + x.gzip, 0);
  const kb = (n: number) => Number((n / 1024).toFixed(1));
  const result: Record<string, number | string> = {
    rounds: ROUNDS,
    'bridge launch to URL printed (ms, median)': Math.round(bridge),
    'launch to page interactive (ms, median)': Math.round(total),
    'launch to page interactive (ms, min / max)': `${Math.round(Math.min(...rounds.map((r) => r.totalMs)))} / ${Math.round(Math.max(...rounds.map((r) => r.totalMs)))}`,
    'budget (issue 9): start to interactive ≤ 2000 ms': total <= START_BUDGET_MS ? `met by ${Math.round(START_BUDGET_MS - total)} ms` : `missed by ${Math.round(total - START_BUDGET_MS)} ms`,
    'initial JavaScript files': scripts.length,
    'initial JavaScript raw (KB)': kb(raw),
    'initial JavaScript gzip -9 (KB)': kb(gz),
    'budget (issue 9): initial JavaScript ≤ 250 KB gzip': gz / 1024 <= JS_BUDGET_KB ? `met by ${kb(JS_BUDGET_KB * 1024 - gz)} KB` : `missed by ${kb(gz - JS_BUDGET_KB * 1024)} KB`,
  };
  for (const s of [...scripts].sort((a, b) => b.gzip - a.gzip)) result[`  ${s.url.replace(/^\/assets\//, '')} (KB raw / gzip)`] = `${kb(s.raw)} / ${kb(s.gzip)}`;
  const later = rounds.at(-1)?.later ?? [];
  result['fetched in the background after interactive (KB gzip)'] = later.length === 0 ? 'none' : `${kb(later.reduce((s, x) => s + x.gzip, 0))} (${later.map((x) => x.url.replace(/^\/assets\//, '')).join(', ')})`;
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await benchStart());
}
