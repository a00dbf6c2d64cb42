/**
 * Event to screen: from a socket call in the lab to the frame in which the built page in Chromium
 * painted it (issue 9, budget 2). The real bridge on 127.0.0.1 (in this process), its in-process
 * lab running an echo server, and a separate client process doing paced small writes to it: every
 * write is two real lab events (the server's recv and its echo's send). Each event carries `ts`,
 * the wall clock when the lab saw the call; the page, opened with `?bench`, records for every
 * commit of its event list the newest seq and the wall clock of the frame that painted it
 * (apps/web/src/bench-hook.ts). Node and Chromium share the machine's clock; the offset between
 * their clocks is measured by ping-pong and subtracted.
 *
 * Reported per rate (1,000 and 20,000 events/s for 10 s, each repeated): p50/p95/p99/max of
 * ts → paint, and the accounting: produced = received by the page + reported missed.
 * Loopback only; bounded; stops by itself and closes everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '@socket-playground/protocol';
import type { LabCommand } from '@socket-playground/protocol';
import { startBridge, type RunningBridge } from '../apps/bridge/src/bridge.ts';
import { CHROMIUM_ARGS, executablePath } from '../e2e/browser.ts';
import { analyseRun, median, round, type PaintRecord, type RateResult } from './latency-analysis.ts';
import { reportFrameClock, type FrameClock } from './latency-report.ts';
import { startVirtualDisplay } from './virtual-display.ts';

const CLIENTS = fileURLToPath(new URL('./latency-clients.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STATIC_DIR = process.env.BENCH_STATIC_DIR ?? fileURLToPath(new URL('../dist/web', import.meta.url));
const SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

/** A raw WebSocket page in this process: when each event arrives (wall clock), to split bridge from browser. */
class WsWatcher {
  readonly arrivals = new Map<number, number>();
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const t = nowWall();
      const m = JSON.parse(String(data)) as { type: string; events?: Array<{ seq: number }> };
      if (m.type === 'events') for (const e of m.events!) this.arrivals.set(e.seq, t);
    });
  }
  static async open(port: number, token: string): Promise<WsWatcher> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin: `http://127.0.0.1:${port}`, headers: { host: `127.0.0.1:${port}` } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }));
    return new WsWatcher(ws);
  }
}

const nowWall = () => performance.timeOrigin + performance.now();
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Page clock minus Node's wall clock (ms), from the round trip with the smallest delay. */
export async function clockOffset(page: Page, rounds = 30): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Infinity };
  for (let i = 0; i < rounds; i++) {
    const t0 = nowWall();
    const pageT = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const t1 = nowWall();
    if (t1 - t0 < best.rttMs) best = { offsetMs: pageT - (t0 + t1) / 2, rttMs: t1 - t0 };
  }
  return best;
}

/** The median interval between 61 animation frames of the idle page (ms). */
async function frameInterval(page: Page): Promise<number> {
  // A string, not a function: the bench runs through tsx, whose helpers the page does not have.
  const times = (await page.evaluate(
    'new Promise((resolve) => { const ts = []; const tick = (t) => (ts.push(t) < 61 ? requestAnimationFrame(tick) : resolve(ts)); requestAnimationFrame(tick); })',
  )) as number[];
  return round(median(times.slice(1).map((t, i) => t - times[i]!)));
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** One run at one rate: paced writes for `seconds`, then every event's ts → paint. */
async function runRate(bridge: RunningBridge, page: Page, echoPort: number, eventsPerSecond: number, seconds: number, tsBySeq: Map<number, number>, offsetMs: number, watcher: WsWatcher | undefined): Promise<RateResult> {
  const connections = eventsPerSecond >= 5000 ? 100 : 20;
  await page.evaluate('window.__socketPlaygroundPaints = []; window.__socketPlaygroundArrivals = []');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLIENTS, String(echoPort), String(connections), String(eventsPerSecond / 2), String(seconds)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const hardStop = setTimeout(() => child.kill('SIGKILL'), (seconds + 40) * 1000);
  try {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitFor(() => out.includes('sending') || child.exitCode !== null, 'the clients to connect', 20_000);
    const fromSeq = bridge.session.log.lastSeq + 1;
    const t0 = performance.now();
    // BENCH_TRACE=file: a 2 s Chromium trace from the start of the paced writes (layout, paint, scripts).
    if (process.env.BENCH_TRACE) {
      await page.context().browser()?.startTracing(page, { path: `${process.env.BENCH_TRACE}.${eventsPerSecond}.json`, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'gpu', 'viz'] });
      await new Promise((r) => setTimeout(r, Number(process.env.BENCH_TRACE_MS ?? 2000)));
      await page.context().browser()?.stopTracing();
    }
    await waitFor(() => out.includes('closing') || child.exitCode !== null, 'the paced writes to end', (seconds + 20) * 1000);
    const toSeq = bridge.session.log.lastSeq;
    const windowMs = performance.now() - t0;
    const code = await exited;
    if (code !== 0) throw new Error(`latency clients failed (exit ${String(code)}): ${out}`);
    // The closes come a moment after the clients exit: wait for the bridge to go quiet (bounded).
    for (let quietSince = Date.now(), seen = bridge.session.log.lastSeq, until = Date.now() + 5000; Date.now() - quietSince < 500 && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 50));
      if (bridge.session.log.lastSeq !== seen) [seen, quietSince] = [bridge.session.log.lastSeq, Date.now()];
    }
    // Let the page catch up with everything the bridge numbered (bounded).
    const last = bridge.session.log.lastSeq;
    await waitFor(
      async () => {
        const r = (await page.evaluate('(() => { const p = window.__socketPlaygroundPaints ?? []; const l = p[p.length - 1]; return l ? l.held + l.discarded + l.missed : 0; })()')) as number;
        return r >= last;
      },
      'the page to catch up',
      15_000,
    ).catch(() => {});
    const paints = (await page.evaluate('window.__socketPlaygroundPaints ?? []')) as PaintRecord[];
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: `${process.env.BENCH_SCREENSHOT}.${eventsPerSecond}.png` });
    // BENCH_DUMP_PAINTS=file: the page's paint records of this run, for a closer look.
    if (process.env.BENCH_DUMP_PAINTS) writeFileSync(`${process.env.BENCH_DUMP_PAINTS}.${eventsPerSecond}.json`, JSON.stringify(paints));
    const arrivals = (await page.evaluate('window.__socketPlaygroundArrivals ?? []')) as [number, number][];
    const analysis = analyseRun({ fromSeq, toSeq, tsBySeq, paints, arrivals, offsetMs, ...(watcher ? { watcherArrivals: watcher.arrivals } : {}) });
    // BENCH_DUMP_LAT=file: [lab time, ts → paint, ts → the page's socket delivered] of every event of the run, for a look over time.
    if (process.env.BENCH_DUMP_LAT) {
      const rows: [number, number, number | null][] = [];
      for (let seq = fromSeq, p = 0, a = 0; seq <= toSeq; seq++) {
        const ts = tsBySeq.get(seq);
        while (p < paints.length && paints[p]!.seq < seq) p++;
        while (a < arrivals.length && arrivals[a]![0] < seq) a++;
        const arrived = arrivals[a] ? arrivals[a]![1] - offsetMs - (ts ?? 0) : null;
        if (ts !== undefined && paints[p]) rows.push([ts, paints[p]!.t - offsetMs - ts, arrived]);
      }
      writeFileSync(`${process.env.BENCH_DUMP_LAT}.${eventsPerSecond}.json`, JSON.stringify(rows));
    }
    return {
      eventsPerSecondAsked: eventsPerSecond,
      eventsPerSecond: Math.round(analysis.produced / (windowMs / 1000)),
      producedTotal: bridge.session.log.lastSeq,
      ...analysis,
    };
  } finally {
    clearTimeout(hardStop);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** BENCH_FRAMES=unthrottled: Chromium draws a frame whenever something changed, not at 60 Hz (a diagnostic). */
const UNTHROTTLED_FRAMES = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

/** Records long animation frames: when, how long, how much was script, style/layout and the blocking part. */
const LOAF_OBSERVER = `
  window.__loaf = [];
  window.__scrollLog = [];
  setInterval(() => { const el = document.querySelector('[data-testid=event-list]'); if (el) window.__scrollLog.push([Math.round(performance.now()), Math.round(el.scrollTop), el.scrollHeight, el.clientHeight, !!document.querySelector('.jump-newest')]); }, 100);
  new PerformanceObserver((list) => {
    for (const f of list.getEntries()) {
      if (window.__loaf.length >= 2000) return;
      const scripts = (f.scripts ?? []).map((s) => ({ by: s.invoker, ms: Math.round(s.duration), fn: s.sourceFunctionName }));
      window.__loaf.push({ at: Math.round(performance.timeOrigin + f.startTime), ms: Math.round(f.duration), block: Math.round(f.blockingDuration), render: Math.round(f.renderStart ? f.startTime + f.duration - f.renderStart : 0), style: Math.round(f.styleAndLayoutStart ? f.startTime + f.duration - f.styleAndLayoutStart : 0), scripts });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
`;

export interface LatencyRun {
  offsetMs: number;
  rttMs: number;
  /** The median time between the page's animation frames while idle: the frame clock (16.7 ms at 60 Hz). */
  frameIntervalMs: number;
  runs: RateResult[];
  loadavgStart: string;
  loadavgEnd: string;
}

/** Which page watches: the playground, or the floor (bench/floor-page: parse, one text node per frame). */
export type WatchingPage = 'playground' | 'floor';

/** The built page plus the floor page, in a directory of their own (removed after the run). */
function staticWithFloor(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sp-floor-'));
  cpSync(STATIC_DIR, dir, { recursive: true });
  for (const name of ['floor.html', 'floor.js']) cpSync(fileURLToPath(new URL(`./floor-page/${name}`, import.meta.url)), join(dir, name));
  return dir;
}

/**
 * Event to screen at each rate, `repeats` times, with one page watching. `xDisplay` (e.g. ":90"):
 * a headed Chromium on that X display instead of headless Chromium (whose frames come at 60 Hz).
 */
export async function runEventToScreen(rates: number[] = [1000, 20_000], repeats = REPEATS, seconds = SECONDS, log: (l: string) => void = () => {}, watching: WatchingPage = 'playground', xDisplay?: string): Promise<LatencyRun> {
  const token = `lat${Math.random().toString(16).slice(2)}`;
  const bridgeLog: string[] = [];
  const staticDir = watching === 'floor' ? staticWithFloor() : STATIC_DIR;
  const bridge = await startBridge({ port: 0, token, staticDir, log: (l) => bridgeLog.push(l) });
  // Every event's lab timestamp, by seq (the bench listens like a page would, in process).
  const tsBySeq = new Map<number, number>();
  const unsubscribe = bridge.session.subscribe({ onEvent: (e) => void tsBySeq.set(e.seq, e.event.ts), onState: () => {} });
  let browser: Browser | undefined;
  let watcher: WsWatcher | undefined;
  const loadavgStart = loadavg();
  try {
    browser = await chromium.launch({
      args: [...CHROMIUM_ARGS, ...(process.env.BENCH_FRAMES === 'unthrottled' ? UNTHROTTLED_FRAMES : [])],
      ...(executablePath ? { executablePath } : {}),
      // On a virtual display (virtual-display.ts): a headed browser, paced by that display's refresh rate.
      ...(xDisplay ? { headless: false, env: { ...process.env, DISPLAY: xDisplay } } : {}),
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // BENCH_LOAF=1: the page's long animation frames (50 ms and more) and where its list was scrolled every 100 ms
    // (whether it kept following the newest rows): to see where a slow tail comes from.
    if (process.env.BENCH_LOAF) await page.addInitScript(LOAF_OBSERVER);
    if (watching === 'floor') {
      await page.goto(`http://127.0.0.1:${bridge.port}/floor.html?bench&protocol=${PROTOCOL_VERSION}#token=${token}`);
      await page.locator('#newest').waitFor();
    } else {
      await page.goto(`http://127.0.0.1:${bridge.port}/?bench#token=${token}`);
      await page.getByTestId('event-list').waitFor();
    }
    await waitFor(() => bridge.gateway.open >= 1, 'the page to connect', 10_000);
    const started = await bridge.session.runFromPage({ type: 'server.start', reqId: 'bench1', labHost: 'local', host: '127.0.0.1', port: 0, backlog: 1024, exposeConfirmed: false } as LabCommand);
    if (!started.ok || started.result.kind !== 'server.started') throw new Error(`the lab's echo server did not start: ${JSON.stringify(started)}`);
    const echoPort = started.result.listening.port;
    const { offsetMs, rttMs } = await clockOffset(page);
    log(`latency: clock offset page − node ${round(offsetMs, 3)} ms (round trip ${round(rttMs, 3)} ms)`);
    const frameIntervalMs = await frameInterval(page);
    // BENCH_PROFILE=file.cpuprofile: the page's CPU profile over every run (for finding hot spots).
    const profileTo = process.env.BENCH_PROFILE;
    const cdp = profileTo ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const runs: RateResult[] = [];
    for (let r = 0; r < repeats; r++) {
      for (const rate of rates) {
        // The raw WebSocket client costs the bridge a second page's work: only at the low rate.
        watcher = rate <= 5000 ? await WsWatcher.open(bridge.port, token) : undefined;
        const result = await runRate(bridge, page, echoPort, rate, seconds, tsBySeq, offsetMs, watcher);
        watcher?.ws.terminate();
        log(`latency: ${JSON.stringify(result)}`);
        runs.push(result);
        // Keep the map bounded: the next run needs only the seqs after this one.
        tsBySeq.clear();
        await new Promise((res) => setTimeout(res, 1000));
      }
    }
    if (process.env.BENCH_LOAF) log(`latency: scroll ${JSON.stringify(await page.evaluate('window.__scrollLog'))}`);
    if (process.env.BENCH_LOAF) log(`latency: long animation frames ${JSON.stringify(await page.evaluate('window.__loaf ?? []'))}`);
    if (cdp && profileTo) writeFileSync(profileTo, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    return { offsetMs: round(offsetMs, 3), rttMs: round(rttMs, 3), frameIntervalMs, runs, loadavgStart, loadavgEnd: loadavg() };
  } finally {
    unsubscribe();
    watcher?.ws.terminate();
    await browser?.close();
    await bridge.close();
    if (staticDir !== STATIC_DIR) rmSync(staticDir, { recursive: true, force: true });
  }
}

/** The faster frame clock the bench also measures on, when it can start a virtual display. */
const FAST_HZ = 120;

/** Named by the rate the page measured, not the one asked for: a display that kept 60 Hz says so. */
const measuredClock = (frameIntervalMs: number, what: string): FrameClock => {
  const hz = Math.round(1000 / frameIntervalMs);
  return { label: `${hz} Hz (${what})`, hz };
};

/**
 * `npm run bench`: event to screen at 1,000 and 20,000 events/s, 10 s each, repeated (medians), each
 * beside the floor page: in headless Chromium (60 Hz), then on a 120 Hz virtual display if Xorg and
 * its dummy driver are here (otherwise the lines say why not).
 */
export async function benchEventToScreen(): Promise<Record<string, number | string>> {
  const t0 = performance.now();
  const rates = [1000, 20_000];
  const run = await runEventToScreen(rates, REPEATS, SECONDS, (l) => console.log(l));
  // The baseline, on a bridge and browser of its own right after: the least any page can do.
  const floor = await runEventToScreen(rates, REPEATS, SECONDS, (l) => console.log(`floor ${l}`), 'floor');
  const out: Record<string, number | string> = {
    'clock offset page − node (ms) / calibration round trip (ms)': `${run.offsetMs} / ${run.rttMs}`,
    'load average at start / end': `${run.loadavgStart} / ${run.loadavgEnd}`,
    repeats: REPEATS,
    ...reportFrameClock(measuredClock(run.frameIntervalMs, 'headless Chromium'), run, floor, rates),
  };
  const fast = await startVirtualDisplay(FAST_HZ);
  if (!fast.ok) {
    out[`${FAST_HZ} Hz (headed Chromium on a virtual display): not measured`] = fast.why;
  } else {
    try {
      const fastRun = await runEventToScreen(rates, REPEATS, SECONDS, (l) => console.log(`${FAST_HZ} Hz ${l}`), 'playground', fast.value.display);
      const fastFloor = await runEventToScreen(rates, REPEATS, SECONDS, (l) => console.log(`${FAST_HZ} Hz floor ${l}`), 'floor', fast.value.display);
      const clock = measuredClock(fastRun.frameIntervalMs, 'headed Chromium on a virtual display');
      out[`${clock.label}: load average at start / end`] = `${fastRun.loadavgStart} / ${fastFloor.loadavgEnd}`;
      Object.assign(out, reportFrameClock(clock, fastRun, fastFloor, rates));
    } finally {
      await fast.value.stop();
    }
  }
  out['wall time (ms)'] = Math.round(performance.now() - t0);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await benchEventToScreen();
  for (const [k, v] of Object.entries(r)) console.log(`${k}: ${String(v)}`);
}
