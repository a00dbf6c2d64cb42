/**
 * Fuzz: a real bridge, real WebSockets, FUZZ_COUNT (default 100,000) random and mutated commands.
 *
 * Every command type of the page protocol (lab-command.ts, page-protocol.ts) starts valid and is
 * mutated: wrong types, missing fields, huge/negative/fractional numbers, NaN-ish strings, deep
 * nesting, `__proto__`/`constructor`/`prototype` keys, unicode, strings at and past the limits,
 * invalid JSON, binary frames, invalid UTF-8, messages over the size limit.
 *
 * Asserted: no uncaught exception or unhandled rejection anywhere in the process; every message
 * gets its reply (by reqId) or a `problem`, or its connection is closed with a documented code
 * (1008 too many bad messages in a row, 1009 too big, 1007 invalid UTF-8, 1002 protocol
 * mismatch), after which the page reconnects and goes on; every reply and problem matches the
 * protocol's schema; the health endpoint and a real echo work afterwards; and once everything the
 * fuzz started is stopped, the lab state is empty, none of its ports still listens
 * (/proc/net/tcp*), and the process holds no more TCP/UDP handles than before.
 *
 * The bridge's rate limit is per page (LIMITS.commandBurst / commandsPerSecond), so the commands are
 * spread over FUZZ_PAGES pages, each paced just under the limit; RATE_LIMITED answers are counted
 * and honoured (the page waits retryAfterMs).
 *
 * Replay: FUZZ_SEED (default below) seeds one PRNG per page, so each page's message sequence is the
 * same on every run; on failure the last messages of the failing page are printed.
 *
 * Destinations: host fields are loopback or garbage (never another address), ports are the fuzz's
 * own loopback servers or a closed port, exposeConfirmed/useRealCards are forced false, and names
 * are never resolved (only "localhost", through the hosts file).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BridgeMessage, LIMITS, Problem, PROTOCOL_VERSION, Reply } from '@socket-playground/protocol';
import { BUDGET, expectationOf, type Frame, nextFrame, type Ports, Rng } from './fuzz-inputs.ts';
import { httpGet, PageClient, resultOf, startTestBridge, trackResources, wsUrl, type TestBridge } from './helpers.ts';

const COUNT = Number(process.env.FUZZ_COUNT ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2026);
const PAGES = Number(process.env.FUZZ_PAGES ?? 32);
/** Stop sending after this long whatever the count (the run is bounded in time). */
const SEND_DEADLINE_MS = Number(process.env.FUZZ_MAX_MS ?? 70_000);
/** Per page: a little under the bridge's limit, so the fuzz is paced rather than refused. */
const PACE_PER_SECOND = LIMITS.commandsPerSecond * 0.9;
const PACE_BURST = Math.floor(LIMITS.commandBurst * 0.5);
/** Close codes the bridge (or ws for it) documents, after which the page reconnects. */
const DOCUMENTED_CLOSES = new Set([1002, 1007, 1008, 1009]);

interface Totals {
  sent: number;
  replies: number;
  problems: number;
  rateLimited: number;
  reconnects: number;
  closes: Map<number, number>;
  excused: number;
  codes: Map<string, number>;
  maxLatencyMs: number;
  failures: string[];
  lastSendMs: number;
  slowest: string;
}

const totals: Totals = { sent: 0, replies: 0, problems: 0, rateLimited: 0, reconnects: 0, closes: new Map(), excused: 0, codes: new Map(), maxLatencyMs: 0, failures: [], lastSendMs: 0, slowest: '' };
const bump = (m: Map<string | number, number>, k: string | number) => m.set(k, (m.get(k) ?? 0) + 1);

class FuzzPage {
  private ws!: WebSocket;
  private epoch = 0;
  /** reqId → send times still waiting for their reply (a multiset: mutated reqIds can repeat). */
  private pending = new Map<string, number[]>();
  private problemsExpected = 0;
  private problemsGot = 0;
  /** RATE_LIMITED on this connection: a refused message without a reqId may then go unanswered (documented). */
  private rateLimitedHere = 0;
  private closedWith: number | undefined;
  private welcomed = false;
  private pausedUntil = 0;
  private tokens = PACE_BURST;
  private lastRefill = performance.now();
  readonly recent: string[] = [];
  private readonly sentLog: string[] = [];
  private n = 0;
  /** This page's share of BUDGET. */
  private readonly budget: Record<string, number>;

  constructor(
    readonly index: number,
    private readonly bridge: TestBridge,
    private readonly ports: Ports,
    private readonly rng: Rng,
  ) {
    this.budget = Object.fromEntries(Object.entries(BUDGET).map(([k, v]) => [k, Math.floor(v / PAGES) + (index < v % PAGES ? 1 : 0)]));
  }

  private fail(what: string): void {
    totals.failures.push(`page ${this.index} epoch ${this.epoch}: ${what}\n  last frames: ${this.recent.map((t) => t.slice(0, 300)).join('\n    ')}`);
    if (process.env.FUZZ_VERBOSE) console.log(`FUZZ FAILURE page ${this.index} epoch ${this.epoch}: ${what}`);
  }

  async open(): Promise<void> {
    this.epoch++;
    this.pending = new Map();
    this.problemsExpected = 0;
    this.problemsGot = 0;
    this.rateLimitedHere = 0;
    this.closedWith = undefined;
    this.welcomed = false;
    const port = this.bridge.port;
    const ws = new WebSocket(wsUrl(port, { token: this.bridge.token }), { origin: `http://127.0.0.1:${port}`, headers: { host: `127.0.0.1:${port}` } });
    this.ws = ws;
    const epoch = this.epoch;
    ws.on('message', (data, isBinary) => this.onMessage(epoch, String(data), isBinary));
    ws.on('close', (code) => {
      if (epoch === this.epoch) this.closedWith = code;
    });
    ws.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }));
    await this.until(() => this.welcomed || this.closedWith !== undefined, 5000, 'welcome');
  }

  private onMessage(epoch: number, text: string, isBinary: boolean): void {
    if (isBinary) return this.fail('the bridge sent a binary message');
    // Events, state and gaps are the bulk: not parsed (they are checked elsewhere), just read.
    if (text.startsWith('{"type":"events"') || text.startsWith('{"type":"state"') || text.startsWith('{"type":"gap"')) return;
    // Every answer must match the protocol's schema (replies and problems are small: cheap to check).
    const json = JSON.parse(text) as { type?: unknown };
    const schema = json.type === 'reply' ? Reply : json.type === 'problem' ? Problem : BridgeMessage;
    const parsed = schema.safeParse(json);
    if (!parsed.success) return this.fail(`message off the protocol: ${text.slice(0, 300)}`);
    const m = parsed.data as BridgeMessage;
    if (epoch !== this.epoch) return;
    if (m.type === 'welcome') {
      this.welcomed = true;
      return;
    }
    const error = m.type === 'problem' ? m.error : m.type === 'reply' && !m.ok ? m.error : undefined;
    if (error) bump(totals.codes, error.code);
    if (error?.code === 'RATE_LIMITED') {
      totals.rateLimited++;
      this.rateLimitedHere++;
      const wait = Number(error.context?.retryAfterMs ?? 100);
      this.pausedUntil = Math.max(this.pausedUntil, performance.now() + Math.min(wait, 2000));
    }
    if (m.type === 'problem') {
      totals.problems++;
      // Said before a close, not an answer to one message of its own.
      if (error?.code !== 'TOO_MANY_BAD_MESSAGES' && error?.code !== 'PROTOCOL_MISMATCH') this.problemsGot++;
      return;
    }
    if (m.type === 'reply') {
      totals.replies++;
      const times = this.pending.get(m.reqId);
      const sentAt = times?.shift();
      if (sentAt === undefined) return this.fail(`a reply nobody waits for: ${text.slice(0, 300)}`);
      if (times && times.length === 0) this.pending.delete(m.reqId);
      const latency = performance.now() - sentAt;
      if (latency > totals.maxLatencyMs) {
        totals.maxLatencyMs = latency;
        totals.slowest = `${m.reqId}: ${m.ok ? m.result.kind : m.error.code}`;
      }
    }
  }

  private async until(done: () => boolean, timeoutMs: number, what: string): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (!done()) {
      if (performance.now() > deadline) {
        this.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return true;
  }

  /** The connection closed: fine with a documented code (its unanswered messages are excused), then reconnect. */
  private async afterClose(reopen = true): Promise<void> {
    const code = this.closedWith ?? -1;
    bump(totals.closes, code);
    if (!DOCUMENTED_CLOSES.has(code)) this.fail(`closed with undocumented code ${code}`);
    totals.excused += [...this.pending.values()].reduce((n, t) => n + t.length, 0) + Math.max(0, this.problemsExpected - this.problemsGot);
    if (!reopen) return;
    totals.reconnects++;
    await this.open();
  }

  /** Send `quota` frames, paced under the rate limit, reconnecting after documented closes. */
  async run(quota: number, deadline: number): Promise<void> {
    await this.open();
    while (this.n < quota && performance.now() < deadline && totals.failures.length === 0) {
      if (this.closedWith !== undefined) {
        await this.afterClose();
        continue;
      }
      const now = performance.now();
      this.tokens = Math.min(PACE_BURST, this.tokens + ((now - this.lastRefill) * PACE_PER_SECOND) / 1000);
      this.lastRefill = now;
      if (this.tokens < 1 || now < this.pausedUntil) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      this.tokens--;
      await this.sendOne();
      // Let replies in between frames now and then (the event loop is shared with the bridge).
      if (this.n % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // Everything sent on the current connection gets its answer (or the connection closes with a documented code).
    await this.until(() => this.closedWith !== undefined || (this.pending.size === 0 && (this.problemsGot >= this.problemsExpected || this.rateLimitedHere > 0)), 20_000, 'the last answers');
    if (this.closedWith !== undefined) {
      await this.afterClose(false);
      return;
    }
    if (this.pending.size > 0 || (this.problemsGot < this.problemsExpected && this.rateLimitedHere === 0)) {
      if (process.env.FUZZ_VERBOSE && this.pending.size > 0) {
        const first = [...this.pending.keys()][0] ?? '';
        const at = this.sentLog.findIndex((t) => t.includes(`"${first}"`));
        console.log(`FUZZ STALL page ${this.index} around ${first}:\n${this.sentLog.slice(Math.max(0, at - 5), at + 3).map((t) => t.slice(0, 400)).join('\n')}`);
      }
      this.fail(`unanswered: replies to ${JSON.stringify([...this.pending.keys()].slice(0, 10))}; problems ${this.problemsGot}/${this.problemsExpected}; rate-limited ${this.rateLimitedHere}`);
    }
    if (this.problemsGot > this.problemsExpected) this.fail(`${this.problemsGot} problems for ${this.problemsExpected} messages that could cause one`);
    await this.close();
  }

  /** Frames left in a run of garbage meant to trip LIMITS.maxConsecutiveBadMessages (close 1008). */
  private burst = 0;

  private nextFrame(): Frame {
    const reqId = `p${this.index}-${this.n}`;
    if (this.burst > 0) {
      this.burst--;
      return { kind: 'text', text: `{"type":"server.start", "burst": ${this.burst}` };
    }
    if (this.rng.chance(0.0004)) {
      this.burst = LIMITS.maxConsecutiveBadMessages + 4;
      return { kind: 'text', text: '{' };
    }
    return nextFrame(this.rng, this.ports, reqId, this.budget);
  }

  /** Wait for the answers owed on this connection, so a frame that closes it excuses as little as possible. */
  private async drain(): Promise<void> {
    // Bounded and not an error: a slow answer (an echo timing out) is excused by the close instead.
    const deadline = performance.now() + 1500;
    while (this.closedWith === undefined && (this.pending.size > 0 || this.problemsGot < this.problemsExpected) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private async sendOne(): Promise<void> {
    const frame = this.nextFrame();
    const expect = expectationOf(frame);
    if (expect.kind === 'close' || expect.kind === 'silent-or-mismatch' || (this.burst === LIMITS.maxConsecutiveBadMessages + 4)) {
      await this.drain();
      if (this.closedWith !== undefined) return; // sent on the next connection instead: regenerated there
    }
    this.n++;
    totals.sent++;
    this.recent.push(frame.kind === 'text' ? frame.text : `<${frame.kind} ${frame.data.toString('hex')}>`);
    if (this.recent.length > 20) this.recent.shift();
    if (process.env.FUZZ_VERBOSE) this.sentLog.push(this.recent.at(-1) ?? '');
    if (expect.kind === 'reply') this.pending.set(expect.reqId, [...(this.pending.get(expect.reqId) ?? []), performance.now()]);
    if (expect.kind === 'problem') this.problemsExpected++;
    if (frame.kind === 'text') this.ws.send(frame.text);
    else this.ws.send(frame.data, { binary: frame.kind === 'binary' });
    totals.lastSendMs = performance.now();
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.ws.once('close', resolve));
    this.ws.close(1000, 'fuzz done');
    const timer = setTimeout(() => this.ws.terminate(), 2000);
    await closed;
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- the run

/** Listening TCP ports in this network namespace (/proc/net/tcp and tcp6, state 0A). */
function listeningPorts(): Set<number> | undefined {
  const ports = new Set<number>();
  try {
    for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols[3] === '0A' && cols[1]) ports.add(parseInt(cols[1].split(':').at(-1) ?? '0', 16));
      }
    }
  } catch {
    return undefined;
  }
  return ports;
}

function handleCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) if (/TCP|UDP|Pipe/i.test(r)) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

const defer = trackResources();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => {
  unhandled.push(reason);
  if (process.env.FUZZ_VERBOSE) console.log(`FUZZ UNHANDLED ${reason instanceof Error ? reason.stack : String(reason)}`);
};
const onUncaught = (err: unknown) => {
  unhandled.push(err);
  if (process.env.FUZZ_VERBOSE) console.log(`FUZZ UNCAUGHT ${err instanceof Error ? err.stack : String(err)}`);
};

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUncaught);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUncaught);
});

describe('fuzz', () => {
  it(`${COUNT} random and mutated commands over ${PAGES} real WebSockets (seed ${SEED})`, { timeout: 180_000 }, async () => {
    const started = performance.now();
    const bridge = await startTestBridge(defer, {
      // Single-host mode with no cards: netlab commands never build namespaces or touch real cards.
      netlab: { support: () => ({ ok: false, why: 'fuzz: single-host mode', code: 'not-linux' }), interfaces: () => ({}) },
      exposedGraceMs: 60_000,
    });
    const control = await PageClient.connect(bridge, defer);
    await control.hello();
    const echo = resultOf(await control.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 128 }), 'server.started');
    const app = resultOf(await control.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 128, kind: 'app' }), 'server.started');
    const closedProbe = resultOf(await control.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 1 }), 'server.started');
    resultOf(await control.request({ type: 'server.stop', serverId: closedProbe.serverId }), 'server.stopped');
    const ports: Ports = { echo: echo.listening.port, app: app.listening.port, closed: closedProbe.listening.port };
    await control.close();

    const listenBefore = listeningPorts();
    const handlesBefore = handleCounts();

    const pages = Array.from({ length: PAGES }, (_, i) => new FuzzPage(i, bridge, ports, new Rng(SEED + i * 0x9e3779b9)));
    const sendStarted = performance.now();
    const deadline = sendStarted + SEND_DEADLINE_MS;
    const quota = Math.ceil(COUNT / PAGES);
    await Promise.all(pages.map((p) => p.run(quota, deadline)));
    const fuzzMs = performance.now() - started;

    // Stop everything the fuzz managed to start, through the protocol.
    const cleaner = await PageClient.connect(bridge, defer);
    await cleaner.hello();
    const learnedPorts = new Set<number>();
    for (let round = 0; round < 5; round++) {
      const state = bridge.session.state;
      for (const s of state.servers) learnedPorts.add(s.listening.port);
      for (const s of state.steppers) if (s.listening) learnedPorts.add(s.listening.port);
      await Promise.all([
        ...state.servers.map((s) => cleaner.request({ type: 'server.stop', serverId: s.serverId, labHost: s.labHost })),
        ...state.steppers.map((s) => cleaner.request({ type: 'stepper.stop', stepperId: s.stepperId, labHost: s.labHost })),
        cleaner.request({ type: 'netlab.stop' }),
      ]);
      const after = bridge.session.state;
      if (after.servers.length + after.steppers.length + after.connections.length === 0 && after.netlab === null) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // The bridge still answers: health, and a real echo.
    const health = await httpGet(bridge.port, '/api/health', `127.0.0.1:${bridge.port}`);
    const { listening } = resultOf(await cleaner.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    const done = resultOf(await cleaner.request({ type: 'client.run', host: '127.0.0.1', port: listening.port, message: 'still here' }), 'client.done');
    const last = bridge.session.state.servers.at(-1);
    if (last) resultOf(await cleaner.request({ type: 'server.stop', serverId: last.serverId }), 'server.stopped');
    await cleaner.close();
    // Closes are reported a tick after the replies; give the sockets a moment to go.
    const settle = performance.now() + 3000;
    while (performance.now() < settle && bridge.session.state.connections.length > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const summary = {
      seed: SEED,
      pages: PAGES,
      sent: totals.sent,
      replies: totals.replies,
      problems: totals.problems,
      rateLimited: totals.rateLimited,
      reconnects: totals.reconnects,
      closes: Object.fromEntries(totals.closes),
      excusedByClose: totals.excused,
      maxReplyLatencyMs: Math.round(totals.maxLatencyMs),
      slowestReply: totals.slowest,
      sendingSeconds: Math.round((totals.lastSendMs - sendStarted) / 100) / 10,
      fuzzSeconds: Math.round(fuzzMs / 100) / 10,
      topCodes: Object.fromEntries([...totals.codes].sort((a, b) => b[1] - a[1]).slice(0, 25)),
    };
    console.log(`fuzz summary ${JSON.stringify(summary)}`);

    expect(totals.failures.slice(0, 5)).toEqual([]);
    expect(unhandled.map(String)).toEqual([]);
    expect(totals.sent).toBe(quota * PAGES);
    expect(health).toMatchObject({ status: 200 });
    expect(JSON.parse(health.body)).toMatchObject({ ok: true });
    expect(done.echoed).toBe(true);

    // Nothing left: lab state empty, none of the fuzz's ports listening, no more handles than before.
    expect(bridge.session.state).toMatchObject({ servers: [], connections: [], steppers: [], netlab: null });
    const listenAfter = listeningPorts();
    if (listenBefore && listenAfter) {
      for (const port of [...learnedPorts, ports.echo, ports.app, listening.port]) expect(listenAfter.has(port), `port ${port} still listening`).toBe(false);
    }
    // Sockets close asynchronously (a page's server side, a client's linger): allow them a moment.
    const excess = () => Object.entries(handleCounts()).filter(([kind, n]) => n > (handlesBefore[kind] ?? 0));
    const handleDeadline = performance.now() + 5000;
    while (excess().length > 0 && performance.now() < handleDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const handlesAfter = handleCounts();
    for (const [kind, n] of Object.entries(handlesAfter)) expect(n, `${kind} handles`).toBeLessThanOrEqual(handlesBefore[kind] ?? 0);
  });
});

/** Inputs the fuzz found that broke the bridge, kept as exact regressions. */
describe('found by the fuzz', () => {
  it('a type nested 10,000 deep is a BAD_MESSAGE, not an uncaught RangeError that stalls the page', async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    page.ws.send(`{"type":${'['.repeat(10_000)}${']'.repeat(10_000)},"reqId":"deep"}`);
    expect(await page.replyTo('deep')).toMatchObject({ ok: false, error: { code: 'BAD_MESSAGE' } });
    expect(resultOf(await page.request({ type: 'bytes.get', dataId: 'nope' }), 'bytes').data).toBeNull();
    expect(unhandled.map(String)).toEqual([]);
  });

  it('a lab topology whose host is named "local" does not replace the bridge\'s own host (nor orphan its servers)', async () => {
    const bridge = await startTestBridge(defer, {
      netlab: { support: () => ({ ok: false, why: 'fuzz: single-host mode', code: 'not-linux' }), interfaces: () => ({}) },
    });
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const { serverId, listening } = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    const topology = { name: 'fuzz', hosts: [{ name: 'local', role: 'both', cards: [], routes: [] }], networks: {} };
    await page.request({ type: 'netlab.start', topology });
    await page.request({ type: 'netlab.stop' });
    // The bridge's own host still answers, and its server can still be stopped.
    expect(bridge.session.labHosts).toContain('local');
    expect(resultOf(await page.request({ type: 'server.stop', serverId }), 'server.stopped').serverId).toBe(serverId);
    expect(listeningPorts()?.has(listening.port) ?? false).toBe(false);
  });
});
