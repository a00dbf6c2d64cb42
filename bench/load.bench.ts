/**
 * Load: many lab connections with traffic, and one page watching over a real WebSocket.
 * A bridge on 127.0.0.1 (in this process, so its RSS and event-loop delay are measured here), a
 * lab echo server started by the page (the lab's own EchoServer, every recv and send an event),
 * N clients in a separate process each sending a small message every interval, for a while.
 * The page checks that every event arrived, in order, or was reported missing by the bridge
 * (a `gap` message, for a page that fell behind). Loopback only; bounded; stops by itself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '@socket-playground/protocol';
import { startBridge } from '../apps/bridge/src/bridge.ts';

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Each client sends one small message this often (default 1000 ms). */
  sendEveryMs?: number;
  log?: (line: string) => void;
}

export interface LoadResult {
  connections: number;
  connected: number;
  seconds: number;
  /** Messages the clients sent, and whether every byte came back. */
  messages: number;
  echoComplete: boolean;
  /** Events the bridge produced while the page watched (ramp, traffic, closes), how many reached the page, and the rate during the traffic. */
  eventsProduced: number;
  eventsReceived: number;
  eventsPerSecond: number;
  /** Sequence numbers the page never got; `reportedGaps` of them the bridge said it dropped. */
  missing: number;
  reportedGaps: number;
  /** Missing and not reported: must be 0. */
  silentlyLost: number;
  /** Events that came twice or out of order: must be 0. */
  outOfOrder: number;
  rssStartMb: number;
  rssMaxMb: number;
  rssEndMb: number;
  eventLoopDelayP50Ms: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  /** The same while the 1,000 connections close at once (each close an event, the lab state shrinking). */
  closeEventLoopDelayP99Ms: number;
  closeEventLoopDelayMaxMs: number;
  /** Wall time of the whole run, setup and teardown included. */
  totalMs: number;
}

const CLIENTS = fileURLToPath(new URL('./load-clients.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
/** The histogram measures each 1 ms sampling timer's whole period: the delay is what lies beyond it. */
const ELD_RESOLUTION_MS = 1;
const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - ELD_RESOLUTION_MS) * 100) / 100);

/** The watching page: a raw WebSocket that checks every event's sequence number. */
class WatchingPage {
  readonly ws: WebSocket;
  lastSeq = 0;
  received = 0;
  outOfOrder = 0;
  missing = 0;
  reported = 0;
  private replies = new Map<string, (value: Record<string, unknown>) => void>();
  private nextReq = 1;
  private welcomed: ((lastSeq: number) => void) | undefined;

  constructor(port: number, token: string) {
    this.ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin: `http://127.0.0.1:${port}`, headers: { host: `127.0.0.1:${port}` } });
    this.ws.on('message', (data) => this.onMessage(JSON.parse(String(data)) as Record<string, unknown>));
  }

  async hello(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    const welcome = new Promise<number>((resolve) => (this.welcomed = resolve));
    this.ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }));
    this.lastSeq = await welcome;
  }

  request(command: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reqId = `load${this.nextReq++}`;
    return new Promise((resolve) => {
      this.replies.set(reqId, resolve);
      this.ws.send(JSON.stringify({ ...command, reqId }));
    });
  }

  private onMessage(m: Record<string, unknown>): void {
    switch (m.type) {
      case 'welcome':
        this.welcomed?.(Number(m.lastSeq));
        return;
      case 'events':
        for (const e of m.events as Array<{ seq: number }>) {
          this.received++;
          if (e.seq <= this.lastSeq) this.outOfOrder++;
          else {
            this.missing += e.seq - this.lastSeq - 1;
            this.lastSeq = e.seq;
          }
        }
        return;
      case 'gap': {
        // The bridge says which events it dropped for this page; they are missing, but not silently.
        const to = Number(m.toSeq);
        this.reported += Number(m.dropped);
        if (to > this.lastSeq) {
          this.missing += to - this.lastSeq;
          this.lastSeq = to;
        }
        return;
      }
      case 'reply': {
        const settle = this.replies.get(String(m.reqId));
        this.replies.delete(String(m.reqId));
        settle?.(m);
        return;
      }
    }
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  const staticDir = mkdtempSync(join(tmpdir(), 'load-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>load</title>\n');
  const token = `load${Math.random().toString(16).slice(2)}`;
  const bridgeLog: string[] = [];
  const bridge = await startBridge({ port: 0, token, staticDir, log: (l) => bridgeLog.push(l) });
  const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
  let rssMax = 0;
  const rssStart = process.memoryUsage().rss;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 250);
  const page = new WatchingPage(bridge.port, token);
  let clients: ReturnType<typeof spawn> | undefined;
  try {
    await page.hello();
    const seqAtWelcome = page.lastSeq;
    const started = await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 1024 });
    if (!started.ok) throw new Error(`the lab's echo server did not start: ${JSON.stringify(started)}`);
    const port = (started.result as { listening: { port: number } }).listening.port;

    const child = spawn(process.execPath, ['--import', 'tsx', CLIENTS, String(port), String(options.connections), String(options.seconds), String(options.sendEveryMs ?? 1000)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    clients = child;
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const hardStop = setTimeout(() => child.kill('SIGKILL'), (options.seconds + 40) * 1000);
    // Measure from the moment every connection is up: the steady state, not the ramp.
    const deadline = Date.now() + 30_000;
    while (!/connected \d+/.test(out) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    log(`load: ${/connected (\d+)/.exec(out)?.[1] ?? '?'} connections up after ${Math.round(performance.now() - t0)} ms`);
    const seqAtStart = bridge.session.log.lastSeq;
    eld.enable();
    const tStart = performance.now();
    // Bounded: hardStop kills the clients at the latest.
    while (!out.includes('closing') && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    eld.disable();
    const trafficMs = performance.now() - tStart;
    const seqAfterTraffic = bridge.session.log.lastSeq;
    const closeEld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
    closeEld.enable();
    const code = await exited;
    clearTimeout(hardStop);
    closeEld.disable();
    // Let the page catch up with everything the bridge produced (bounded).
    const catchUp = Date.now() + 10_000;
    while (page.lastSeq < bridge.session.log.lastSeq && Date.now() < catchUp) await new Promise((r) => setTimeout(r, 20));
    const summaryLine = out.trim().split('\n').pop() ?? '';
    if (code !== 0 || !summaryLine.startsWith('{')) throw new Error(`load clients failed (exit ${String(code)}): ${out}`);
    const summary = JSON.parse(summaryLine) as { connected: number; messages: number; sentBytes: number; echoedBytes: number };
    const produced = bridge.session.log.lastSeq - seqAtWelcome;
    const expectedAll = bridge.session.log.lastSeq;
    return {
      connections: options.connections,
      connected: summary.connected,
      seconds: options.seconds,
      messages: summary.messages,
      echoComplete: summary.sentBytes === summary.echoedBytes && summary.sentBytes > 0,
      eventsProduced: produced,
      eventsReceived: page.received,
      eventsPerSecond: Math.round((seqAfterTraffic - seqAtStart) / (trafficMs / 1000)),
      // Not yet received at the end counts as missing too.
      missing: page.missing + Math.max(0, expectedAll - page.lastSeq),
      reportedGaps: page.reported,
      silentlyLost: page.missing + Math.max(0, expectedAll - page.lastSeq) - page.reported,
      outOfOrder: page.outOfOrder,
      rssStartMb: mb(rssStart),
      rssMaxMb: mb(Math.max(rssMax, process.memoryUsage().rss)),
      rssEndMb: mb(process.memoryUsage().rss),
      eventLoopDelayP50Ms: ms(eld.percentile(50)),
      eventLoopDelayP99Ms: ms(eld.percentile(99)),
      eventLoopDelayMaxMs: ms(eld.max),
      closeEventLoopDelayP99Ms: ms(closeEld.percentile(99)),
      closeEventLoopDelayMaxMs: ms(closeEld.max),
      totalMs: Math.round(performance.now() - t0),
    };
  } finally {
    clearInterval(sampler);
    if (clients && clients.exitCode === null && clients.signalCode === null) clients.kill('SIGKILL');
    page.ws.terminate();
    await bridge.close();
    rmSync(staticDir, { recursive: true, force: true });
  }
}

/** `npm run bench`: the full run, 1,000 connections for 30 s. */
export async function benchLoad(): Promise<Record<string, number | string>> {
  const t0 = performance.now();
  const r = await runLoad({ connections: 1000, seconds: 30, sendEveryMs: 1000, log: (l) => console.log(l) });
  return {
    'connections (asked / up)': `${r.connections} / ${r.connected}`,
    'seconds of traffic': r.seconds,
    'messages sent (every byte echoed)': `${r.messages} (${r.echoComplete ? 'yes' : 'NO'})`,
    'events produced': r.eventsProduced,
    'events per second': r.eventsPerSecond,
    'events received by the watching page': r.eventsReceived,
    'missing / reported as gaps / silently lost': `${r.missing} / ${r.reportedGaps} / ${r.silentlyLost}`,
    'bridge RSS start / max / end (MB)': `${r.rssStartMb} / ${r.rssMaxMb} / ${r.rssEndMb}`,
    'event-loop delay during traffic p50 / p99 / max (ms)': `${r.eventLoopDelayP50Ms} / ${r.eventLoopDelayP99Ms} / ${r.eventLoopDelayMaxMs}`,
    'event-loop delay while all connections close p99 / max (ms)': `${r.closeEventLoopDelayP99Ms} / ${r.closeEventLoopDelayMaxMs}`,
    'wall time (ms)': Math.round(performance.now() - t0),
  };
}
