/**
 * Shared test helpers: a bridge on 127.0.0.1 port 0 with a tiny static dir, a raw `ws` page
 * client that collects every bridge message, and bounded waits. Nothing here contacts any
 * address other than 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { WebSocket } from 'ws';
import { BridgeMessage, PROTOCOL_VERSION, type Reply, type SequencedLabEvent } from '@socket-playground/protocol';
import { startBridge, type BridgeOptions, type RunningBridge } from '../src/bridge.ts';

export type Welcome = Extract<BridgeMessage, { type: 'welcome' }>;
export type Problem = Extract<BridgeMessage, { type: 'problem' }>;

export const INDEX_HTML = '<!doctype html><title>bridge test page</title><p>hello from the static dir</p>\n';

/** Things to close after each test, newest first. Call once at module level of a test file. */
export function trackResources(): (close: () => unknown) => void {
  const stack: (() => unknown)[] = [];
  afterEach(async () => {
    while (stack.length > 0) await stack.pop()?.();
  });
  return (close) => stack.push(close);
}

export function makeStaticDir(withIndex = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-test-static-'));
  if (withIndex) writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  return dir;
}

export function newToken(): string {
  // Hex: a token may be passed as `--token T`, and one starting with '-' would read as an option.
  return randomBytes(24).toString('hex');
}

export interface TestBridge extends RunningBridge {
  token: string;
  /** Lines the bridge logged (refusals, errors): asserted on, and kept off stderr. */
  logLines: string[];
}

export async function startTestBridge(
  defer: (close: () => unknown) => void,
  options: Partial<BridgeOptions> = {},
): Promise<TestBridge> {
  const staticDir = options.staticDir ?? makeStaticDir();
  const token = options.token ?? newToken();
  const logLines: string[] = [];
  if (options.staticDir === undefined) defer(() => rmSync(staticDir, { recursive: true, force: true }));
  const bridge = await startBridge({ port: 0, token, staticDir, log: (line) => logLines.push(line), ...options });
  defer(() => bridge.close());
  return Object.assign(bridge, { token, logLines });
}

/** Poll `check` until it returns a value (not undefined), at most `timeoutMs`. */
export async function until<T>(check: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface UpgradeTarget {
  path?: string;
  /** Omitted: the `token` query parameter is left out. */
  token?: string;
  /** Omitted: no Origin header at all. */
  origin?: string;
  host?: string;
}

export function wsUrl(port: number, { path = '/ws', token }: UpgradeTarget): string {
  return `ws://127.0.0.1:${port}${path}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** Try an upgrade; resolves with how it ended. The socket always goes to 127.0.0.1. */
export function tryUpgrade(port: number, target: UpgradeTarget): Promise<{ outcome: 'open' } | { outcome: 'refused'; status: number } | { outcome: 'error'; message: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl(port, target), {
      ...(target.origin === undefined ? {} : { origin: target.origin }),
      ...(target.host === undefined ? {} : { headers: { host: target.host } }),
    });
    ws.on('open', () => {
      ws.terminate();
      resolve({ outcome: 'open' });
    });
    ws.on('unexpected-response', (req, res) => {
      resolve({ outcome: 'refused', status: res.statusCode ?? 0 });
      req.destroy();
    });
    ws.on('error', (err) => resolve({ outcome: 'error', message: err.message }));
  });
}

/** A page as the bridge sees it: a raw `ws` client that collects and validates every message. */
export class PageClient {
  readonly messages: BridgeMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly wake = new Set<() => void>();
  private nextReq = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('the bridge sent a binary message');
      // Parsing with the protocol's schema also checks every message the bridge sends.
      this.messages.push(BridgeMessage.parse(JSON.parse(String(data))));
      for (const w of this.wake) w();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('close', () => {
      for (const w of this.wake) w();
    });
  }

  static open(port: number, target: Partial<UpgradeTarget> & { token: string }): Promise<PageClient> {
    const origin = target.origin ?? `http://127.0.0.1:${port}`;
    const host = target.host ?? `127.0.0.1:${port}`;
    const ws = new WebSocket(wsUrl(port, target), { origin, headers: { host } });
    const page = new PageClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(page));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode ?? '?'}`)));
      ws.once('error', reject);
    });
  }

  static async connect(bridge: TestBridge, defer: (close: () => unknown) => void): Promise<PageClient> {
    const page = await PageClient.open(bridge.port, { token: bridge.token });
    defer(() => page.close());
    return page;
  }

  send(value: unknown): void {
    this.ws.send(JSON.stringify(value));
  }

  /** Resolve with the first message (from index `from`) that `pick` maps to a value. */
  waitFor<T>(pick: (m: BridgeMessage) => T | undefined, what: string, { from = 0, timeoutMs = 5000 } = {}): Promise<T> {
    return new Promise((resolve, reject) => {
      let scanned = from;
      const check = () => {
        for (; scanned < this.messages.length; scanned++) {
          const m = this.messages[scanned];
          const value = m === undefined ? undefined : pick(m);
          if (value !== undefined) return done(() => resolve(value));
        }
        if (this.ws.readyState === WebSocket.CLOSED) done(() => reject(new Error(`connection closed while waiting for ${what}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages).slice(-800)}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.wake.delete(check);
        settle();
      };
      this.wake.add(check);
      check();
    });
  }

  async hello(resume?: { bridgeId: string; lastSeq: number }): Promise<Welcome> {
    const from = this.messages.length;
    this.send({ type: 'hello', protocol: PROTOCOL_VERSION, ...(resume ? { resume } : {}) });
    return this.waitFor((m) => (m.type === 'welcome' ? m : undefined), 'welcome', { from });
  }

  nextProblem(from: number): Promise<Problem> {
    return this.waitFor((m) => (m.type === 'problem' ? m : undefined), 'a problem', { from });
  }

  replyTo(reqId: string): Promise<Reply> {
    return this.waitFor((m) => (m.type === 'reply' && m.reqId === reqId ? m : undefined), `reply ${reqId}`);
  }

  /** Send a lab command (any shape: invalid ones too) with a fresh reqId; resolve with its reply. */
  request(command: { type: string; [key: string]: unknown }): Promise<Reply> {
    const reqId = `t${this.nextReq++}`;
    this.send({ ...command, reqId });
    return this.replyTo(reqId);
  }

  /** Every event received so far, in arrival order, across batches. */
  get events(): SequencedLabEvent[] {
    return this.messages.flatMap((m) => (m.type === 'events' ? m.events : []));
  }

  waitForEvent(match: (e: SequencedLabEvent) => boolean, what: string): Promise<SequencedLabEvent> {
    return this.waitFor((m) => (m.type === 'events' ? m.events.find(match) : undefined), what);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    if (this.ws.readyState !== WebSocket.CLOSING) this.ws.close(1000, 'test done');
    const timer = setTimeout(() => this.ws.terminate(), 2000);
    await this.closed;
    clearTimeout(timer);
  }
}

/** The result of an ok reply of the given kind, or a thrown error that shows the reply. */
export function resultOf<K extends Extract<Reply, { ok: true }>['result']['kind']>(
  reply: Reply,
  kind: K,
): Extract<Extract<Reply, { ok: true }>['result'], { kind: K }> {
  if (!reply.ok || reply.result.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(reply)}`);
  return reply.result as Extract<Extract<Reply, { ok: true }>['result'], { kind: K }>;
}

export function errorOf(reply: Reply): Extract<Reply, { ok: false }>['error'] {
  if (reply.ok) throw new Error(`expected an error reply, got ${JSON.stringify(reply)}`);
  return reply.error;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET from the bridge on 127.0.0.1, with any Host header (the request still goes to 127.0.0.1). */
export function httpGet(port: number, path: string, host: string | undefined): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'GET', setHost: host === undefined ? false : true, headers: host === undefined ? {} : { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error('HTTP request timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** Connect to 127.0.0.1:port and close: 'connected', the error code (ECONNREFUSED…), or 'timeout'. */
export function probe(port: number, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}
