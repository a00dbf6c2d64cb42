/**
 * Many connections (issue 9, budget 5): 10,000 concurrent lab connections with the built page in
 * Chromium watching. The bridge runs in its own process (bench/many-bridge.ts) so its RSS is its
 * own; its lab's echo server accepts 10,000 connections from two client processes
 * (bench/load-clients.ts, 5,000 each: ulimit -n is 20,000 per process), each connection sending
 * one small message every 10 s (about 2,000 lab events/s). Measured: the bridge's RSS (sampled
 * every 250 ms), and the page's interactivity: real clicks on tabs, from the input event to the
 * frame after the tab is shown. Loopback only; bounded; stops by itself and closes everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, executablePath } from '../e2e/browser.ts';

const BRIDGE = fileURLToPath(new URL('./many-bridge.ts', import.meta.url));
const CLIENTS = fileURLToPath(new URL('./load-clients.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STATIC_DIR = process.env.BENCH_STATIC_DIR ?? fileURLToPath(new URL('../dist/web', import.meta.url));

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pick = (xs: number[], p: number) => {
  const s = sorted(xs);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

interface Sample {
  type: 'sample';
  rss: number;
  heapUsed: number;
  connections: number;
  lastSeq: number;
  eldMaxMs: number;
  eldP99Ms: number;
}

export interface ManyOptions {
  connections?: number;
  /** Seconds of traffic once every connection is up (the clicks happen in them). */
  seconds?: number;
  sendEveryMs?: number;
  clicks?: number;
  log?: (line: string) => void;
}

export interface ManyResult {
  connected: number;
  rampMs: number;
  rssIdleMb: number;
  rssAllConnectedMb: number;
  rssMaxMb: number;
  rssEndMb: number;
  /** After the traffic, before the 10,000 connections close; the max until then. */
  rssBeforeCloseMb: number;
  rssTrafficMaxMb: number;
  heapMaxMb: number;
  eventsProduced: number;
  /** Input event → the frame after the tab panel changed, per click (ms). */
  clickToPaint: number[];
  /** The same seen from here: Playwright's click round trip (includes its actionability checks). */
  clickRoundTrip: number[];
  clicksHandled: number;
  pageShows: string;
  bridgeEventLoopMaxMs: number;
  loadavgStart: string;
  loadavgEnd: string;
}

/** Install in the page: every click on a tab records input → frame after React showed it. */
const CLICK_PROBE = `(() => {
  window.__clicks = [];
  document.addEventListener('click', (e) => {
    const tab = e.target instanceof Element ? e.target.closest('[role=tab]') : null;
    if (!tab) return;
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__clicks.push({ id: tab.id, ms: performance.now() - t0, selected: tab.getAttribute('aria-selected') === 'true' });
      ch.port2.postMessage(0);
    });
  }, true);
})()`;

function waitFor(check: () => boolean, what: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const until = Date.now() + ms;
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() > until) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

export async function runMany(options: ManyOptions = {}): Promise<ManyResult> {
  const total = options.connections ?? 10_000;
  const seconds = options.seconds ?? 25;
  const clicks = options.clicks ?? 10;
  const log = options.log ?? (() => {});
  const perProcess = [Math.ceil(total / 2), Math.floor(total / 2)].filter((n) => n > 0);
  const loadavgStart = loadavg();
  const children: ChildProcess[] = [];
  let browser: Browser | undefined;
  const bridge = spawn(process.execPath, ['--import', 'tsx', BRIDGE, STATIC_DIR, String(seconds + 150)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(bridge);
  const samples: Sample[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    const ready = await new Promise<{ port: number; token: string; echoPort: number }>((resolve, reject) => {
      bridge.once('message', (m) => resolve(m as { port: number; token: string; echoPort: number }));
      bridge.once('exit', (code) => reject(new Error(`bridge exited early (${String(code)})`)));
    });
    bridge.on('message', (m) => {
      if ((m as Sample).type === 'sample') samples.push(m as Sample);
    });
    const sample = async (): Promise<Sample> => {
      const n = samples.length;
      bridge.send('sample');
      await waitFor(() => samples.length > n, 'an RSS sample', 10_000);
      return samples.at(-1)!;
    };
    sampler = setInterval(() => bridge.connected && bridge.send('sample'), 250);

    browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${ready.port}/?bench#token=${ready.token}`);
    await page.getByTestId('event-list').waitFor();
    await page.evaluate(CLICK_PROBE);
    await new Promise((r) => setTimeout(r, 500));
    const idle = await sample();
    log(`many: bridge up (RSS ${mb(idle.rss)} MB), page open; connecting ${total}`);

    const t0 = performance.now();
    const outs: string[] = perProcess.map(() => '');
    const exits: Promise<number | null>[] = [];
    perProcess.forEach((n, i) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CLIENTS, String(ready.echoPort), String(n), String(seconds), String(options.sendEveryMs ?? 10_000)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (outs[i] += d));
      exits.push(new Promise((resolve) => child.once('exit', (code) => resolve(code))));
    });
    const clients = children.slice(1);
    await waitFor(() => outs.every((o) => /connected \d+/.test(o)) || clients.some((c) => c.exitCode !== null), 'every connection', 90_000);
    const rampMs = performance.now() - t0;
    const connected = outs.reduce((n, o) => n + Number(/connected (\d+)/.exec(o)?.[1] ?? 0), 0);
    await waitFor(() => (samples.at(-1)?.connections ?? 0) >= connected, 'the lab to count every connection', 20_000).catch(() => {});
    const allConnected = await sample();
    log(`many: ${connected} connected in ${Math.round(rampMs)} ms; lab counts ${allConnected.connections}; bridge RSS ${mb(allConnected.rss)} MB`);

    // Clicks while every connection is open and talking.
    const roundTrips: number[] = [];
    for (let i = 0; i < clicks; i++) {
      const tab = i % 2 === 0 ? 'tab-lab' : 'tab-list';
      const c0 = performance.now();
      await page.getByTestId(tab).click({ timeout: 20_000 });
      roundTrips.push(performance.now() - c0);
      await new Promise((r) => setTimeout(r, 400));
    }
    await page.waitForTimeout(300);
    const clickRecords = (await page.evaluate('window.__clicks')) as Array<{ id: string; ms: number; selected: boolean }>;
    const pageShows = ((await page.getByTestId('server-row').first().textContent({ timeout: 5000 }).catch(() => '')) ?? '').replace(/\s+/g, ' ').slice(0, 200);

    await waitFor(() => outs.every((o) => o.includes('closing')) || clients.some((c) => c.exitCode !== null), 'the traffic to end', (seconds + 60) * 1000);
    const beforeClose = await sample();
    const rssTrafficMax = Math.max(...samples.map((s) => s.rss));
    const codes = await Promise.all(exits);
    if (codes.some((c) => c !== 0)) throw new Error(`clients failed: ${codes.join(', ')}: ${outs.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 1000));
    const end = await sample();
    const rssMax = Math.max(...samples.map((s) => s.rss));
    return {
      connected,
      rampMs: Math.round(rampMs),
      rssIdleMb: mb(idle.rss),
      rssAllConnectedMb: mb(allConnected.rss),
      rssMaxMb: mb(rssMax),
      rssEndMb: mb(end.rss),
      rssBeforeCloseMb: mb(beforeClose.rss),
      rssTrafficMaxMb: mb(rssTrafficMax),
      heapMaxMb: mb(Math.max(...samples.map((s) => s.heapUsed))),
      eventsProduced: end.lastSeq,
      clickToPaint: clickRecords.map((c) => round(c.ms)),
      clickRoundTrip: roundTrips.map((x) => round(x)),
      clicksHandled: clickRecords.filter((c) => c.selected).length,
      pageShows,
      bridgeEventLoopMaxMs: round(Math.max(...samples.map((s) => s.eldMaxMs))),
      loadavgStart,
      loadavgEnd: loadavg(),
    };
  } finally {
    clearInterval(sampler);
    await browser?.close().catch(() => {});
    if (bridge.connected) bridge.send('stop');
    await new Promise((r) => setTimeout(r, 500));
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
}

/** `npm run bench`: 10,000 connections, one page watching. */
export async function benchManyConnections(): Promise<Record<string, number | string>> {
  const t0 = performance.now();
  const r = await runMany({ log: (l) => console.log(l) });
  const clickP50 = pick(r.clickToPaint, 50);
  const clickMax = pick(r.clickToPaint, 100);
  return {
    'connections (asked / up)': `10000 / ${r.connected}`,
    'ramp to all connected (ms)': r.rampMs,
    'bridge RSS idle / all connected / max / end (MB)': `${r.rssIdleMb} / ${r.rssAllConnectedMb} / ${r.rssMaxMb} / ${r.rssEndMb}`,
    'bridge RSS max during traffic / before the closes (MB); JS heap used max (MB)': `${r.rssTrafficMaxMb} / ${r.rssBeforeCloseMb}; ${r.heapMaxMb}`,
    'budget bridge RSS ≤ 250 MB': r.rssMaxMb <= 250 ? `met (${round(250 - r.rssMaxMb)} MB under)` : `MISSED by ${round(r.rssMaxMb - 250)} MB`,
    'tab click: input → painted, each (ms)': r.clickToPaint.join(', '),
    'tab click: input → painted p50 / max (ms)': `${round(clickP50)} / ${round(clickMax)}`,
    'tab click: handled (tab shown) / clicks': `${r.clicksHandled} / ${r.clickToPaint.length}`,
    'tab click: Playwright round trip p50 / max (ms)': `${round(pick(r.clickRoundTrip, 50))} / ${round(pick(r.clickRoundTrip, 100))}`,
    'budget click handled and painted ≤ 200 ms (every click)': clickMax <= 200 && r.clicksHandled === r.clickToPaint.length ? `met (max ${round(200 - clickMax)} ms under)` : `MISSED by ${round(clickMax - 200)} ms (max)`,
    'page shows (first server row)': r.pageShows,
    'events produced': r.eventsProduced,
    'bridge event-loop delay max (ms)': r.bridgeEventLoopMaxMs,
    'load average start / end': `${r.loadavgStart} / ${r.loadavgEnd}`,
    'wall time (ms)': Math.round(performance.now() - t0),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await benchManyConnections();
  for (const [k, v] of Object.entries(r)) console.log(`${k}: ${String(v)}`);
}
