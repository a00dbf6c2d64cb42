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
import { checkHost, scopeOf } from '@socket-playground/lab';
import { BridgeMessage, LIMITS, NOTES_TOPOLOGY, PageCommand, Problem, PROTOCOL_VERSION, Reply } from '@socket-playground/protocol';
import { httpGet, PageClient, resultOf, startTestBridge, trackResources, wsUrl, type TestBridge } from './helpers.ts';

const COUNT = Number(process.env.FUZZ_COUNT ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2026);
const PAGES = Number(process.env.FUZZ_PAGES ?? 32);
/** Stop sending after this long whatever the count (the run is bounded in time). */
const SEND_DEADLINE_MS = Number(process.env.FUZZ_MAX_MS ?? 70_000);
/** Per page: a little under the bridge's limit, so the fuzz is paced rather than refused. */
const PACE_PER_SECOND = LIMITS.commandsPerSecond * 0.9;
const PACE_BURST = Math.floor(LIMITS.commandBurst * 0.5);
/**
 * FUZZ_SKIP_KNOWN=1 leaves out the inputs of the two bridge bugs this fuzz found (see the report):
 * a deeply nested `type` (RangeError in command-parse.ts, uncaught) and a netlab topology whose
 * host is named "local" (replaces the bridge's own agent). Without it the run must pass once fixed.
 */
const SKIP_KNOWN = process.env.FUZZ_SKIP_KNOWN === '1';
/** Close codes the bridge (or ws for it) documents, after which the page reconnects. */
const DOCUMENTED_CLOSES = new Set([1002, 1007, 1008, 1009]);

// ---------------------------------------------------------------- PRNG (mulberry32)

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------- what the fuzz sends

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** Ports the fuzz may connect to: its own loopback echo and app servers, and one nobody listens on. */
interface Ports {
  echo: number;
  app: number;
  closed: number;
}

const HOSTS_LOOPBACK_OR_GARBAGE = [
  '127.0.0.1', '::1', 'localhost', 'LOCALHOST', '0.0.0.0', '::', '[::1]', '[::]', '127.0.0.2', '::ffff:127.0.0.1', '::ffff:7f00:1',
  '0x7f.1', '017700000001', '2130706433', '127.1', 'evil.test', 'localhost.', '', ' ', ' 127.0.0.1 ', 'ｌｏｃａｌｈｏｓｔ', '127.0.0.1\u0000',
  '999.1.1.1', 'fe80::1%lo', '::1%lo', 'a'.repeat(253), 'a'.repeat(254), '\ud800', '1'.repeat(40), '[127.0.0.1]', '127.0.0.1:80',
];
const NUMBERS = [0, -0, 1, -1, 0.5, 1.5, -1.5, 7, 100, 65535, 65536, -65536, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e308, -1e308, 5e-324, 1e-7];
const NANISH = ['NaN', 'Infinity', '-Infinity', '-0', '1e309', '0x10', '1_000', ' 80', '80 ', '٨٠', '0b1', '8\u00a00', 'null', 'undefined', 'true', '[]', '{}'];
const UNICODE = ['\u0000', '\ud800', '\udfff', '\uffff', '\u202e', 'é', '😀', '😀'.repeat(100), '\n\r\t', '\\', '"', '</script>', '%00', '../../etc/passwd', '${jndi:x}', "'; DROP TABLE x;--", 'local', 'pc1', 'srv1', 's1'];
const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];
const TYPES = [
  'hello', 'server.start', 'server.stop', 'client.run', 'bytes.get', 'stepper.start', 'stepper.step', 'stepper.run', 'stepper.bufsize', 'stepper.stop',
  'demo.run', 'app.request', 'netlab.start', 'netlab.stop', 'netlab.matrix', 'Hello', 'server.start ', 'toString', '__proto__', 'constructor', '',
];

/** Strings at the limits: host 253, ids 32/64, messages 16 KiB, and close to the 64 KiB frame (never over: that is its own case). */
function longString(r: Rng): string {
  const unit = r.pick(['x', 'é', '😀', '\u0000']);
  // Bytes each character takes once JSON-encoded and UTF-8 encoded.
  const bytes = unit === 'x' ? 1 : unit === 'é' ? 2 : unit === '😀' ? 4 : 6;
  const n = r.pick([31, 32, 33, 63, 64, 65, 252, 253, 254, 1000, 1001, 4096, 4097, 8192, 16 * 1024, 16 * 1024 + 1, Math.floor((LIMITS.maxCommandBytes - 600) / bytes)]);
  return unit.repeat(n);
}

function randomValue(r: Rng, depth = 0): Json {
  const k = r.int(0, depth > 2 ? 6 : 9);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick(NUMBERS);
    case 3:
      return r.pick(NANISH);
    case 4:
      return r.pick(UNICODE);
    case 5:
      return r.pick(HOSTS_LOOPBACK_OR_GARBAGE);
    case 6:
      return r.chance(0.1) ? longString(r) : `r${r.int(0, 99)}`;
    case 7:
      return Array.from({ length: r.int(0, 4) }, () => randomValue(r, depth + 1));
    case 8: {
      const o: Obj = {};
      for (let i = r.int(0, 3); i > 0; i--) o[r.pick([...FORBIDDEN, 'a', 'type', 'reqId', 'host', 'port'])] = randomValue(r, depth + 1);
      return o;
    }
    default:
      return r.pick(TYPES);
  }
}

/** A valid command of every type (the page protocol), small and cheap to run. */
function baseCommand(r: Rng, ports: Ports): Obj {
  const host = () => r.pick(['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::ffff:127.0.0.1']);
  const clientPort = () => r.pick([ports.echo, ports.closed]);
  const id = (prefix: string) => `${prefix}${r.int(1, 60)}`;
  // Few steppers are started (BUDGET); ids among them, so the fuzz steps and stops real ones.
  const stepperId = () => `step${r.int(1, 8)}`;
  const choice = r.int(0, 24);
  switch (choice) {
    case 0:
      return { type: 'hello', protocol: PROTOCOL_VERSION };
    case 1:
      return { type: 'server.start', host: '127.0.0.1', port: 0, backlog: r.int(0, 10) };
    case 2:
      return { type: 'server.start', host: r.pick(['127.0.0.1', '::1']), port: r.pick([0, ports.echo]), backlog: 5, kind: 'app' };
    case 3:
      return { type: 'server.stop', serverId: id('srv') };
    case 4:
    case 5:
      return { type: 'client.run', host: host(), port: clientPort(), message: r.pick(['Hello, world', '', 'x'.repeat(100)]), connectTimeoutMs: 200 };
    case 6:
      return { type: 'bytes.get', dataId: id('d') };
    case 7:
      return { type: 'stepper.start', program: 'blocking-echo-server', host: '127.0.0.1', port: 0, backlog: 1, bufsize: 1024 };
    case 8:
      return { type: 'stepper.start', program: 'echo-client', host: host(), port: clientPort(), message: 'hi', bufsize: 16 };
    case 9:
      return { type: 'stepper.step', stepperId: stepperId() };
    case 10:
      return { type: 'stepper.run', stepperId: stepperId(), running: r.chance(0.5) };
    case 11:
      return { type: 'stepper.bufsize', stepperId: stepperId(), bufsize: r.int(1, 4096) };
    case 12:
      return { type: 'stepper.stop', stepperId: stepperId() };
    case 13:
      return {
        type: 'demo.run',
        spec: r.pick<Obj>([
          { demo: 'recv-bufsize', messageBytes: 2000, bufsize: 1024 },
          { demo: 'byte-stream', largeBytes: 5000, bufsize: 4096 },
          { demo: 'sendall', totalBytes: 64 * 1024, chunkBytes: 16 * 1024, readerPauseMs: 10 },
          { demo: 'many-clients', clients: 3, holdMs: 1, servers: ['event-loop'] },
          { demo: 'udp' },
          { demo: 'backlog', backlog: 1, clients: 2, waitMs: 100 },
        ]),
      };
    case 14:
    case 15:
      return { type: 'app.request', host: host(), port: r.pick([ports.app, ports.closed]), request: { kind: 'action', action: r.pick(['search', 'double', 'negate']), value: 'morpheus' }, replyTimeoutMs: 300, connectTimeoutMs: 200 };
    case 16:
      return {
        type: 'app.request',
        host: '127.0.0.1',
        port: ports.app,
        request: { kind: 'crafted', header: '{"byteorder":"little","content-type":"text/json","content-encoding":"utf-8","content-length":2}', content: '{}', protoheader: r.int(0, 200) },
        chunks: [1, 2, 3],
        gapMs: 1,
        finish: r.pick(['wait-reply', 'close-after-send']),
        replyTimeoutMs: 200,
      };
    case 17:
      return { type: 'netlab.start' };
    case 18:
      return { type: 'netlab.start', topology: NOTES_TOPOLOGY as unknown as Obj };
    case 19:
      return { type: 'netlab.stop' };
    case 20:
      return { type: 'netlab.matrix', serverHost: 'pc1', bind: { hosts: ['127.0.0.1'], port: 0 } };
    case 21:
      return { type: 'bytes.get', dataId: 'nope', labHost: r.pick(['local', 'pc1', 'pc2', 'nowhere']) };
    case 22:
      return { type: 'netlab.start', topology: { name: 'fuzz', hosts: [{ name: r.pick(SKIP_KNOWN ? ['pc1', 'pc9'] : ['pc1', 'pc9', 'local']), role: 'both', cards: [], routes: [] }], networks: {} } };
    default:
      return { type: 'bytes.get', dataId: 'nope' };
  }
}

function keysOf(o: Obj): string[] {
  return Object.keys(o);
}

/** A random container (the object itself or a nested object) to mutate. */
function someObject(r: Rng, o: Obj): Obj {
  let at = o;
  for (let i = 0; i < 3 && r.chance(0.4); i++) {
    const nested = keysOf(at).map((k) => at[k]).filter((v): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v));
    if (nested.length === 0) break;
    at = r.pick(nested);
  }
  return at;
}

function mutate(r: Rng, command: Obj): Obj {
  const o = structuredClone(command);
  for (let n = r.int(1, 3); n > 0; n--) {
    const at = someObject(r, o);
    const keys = keysOf(at);
    const key = keys.length > 0 ? r.pick(keys) : 'type';
    switch (r.int(0, 9)) {
      case 0:
        Reflect.deleteProperty(at, key);
        break;
      case 1:
      case 2:
        at[key] = randomValue(r);
        break;
      case 3:
        // A key JavaScript treats specially, as an own property (what JSON.parse makes of it).
        Object.defineProperty(at, r.pick(FORBIDDEN), { value: randomValue(r), enumerable: true, configurable: true, writable: true });
        break;
      case 4:
        at[r.pick(['extra', 'type', 'reqId', 'labHost', 'host', 'port', 'spec', 'request'])] = randomValue(r);
        break;
      case 5:
        at[key] = typeof at[key] === 'number' ? r.pick([...NUMBERS, -(at[key] as number), (at[key] as number) + 0.5]) : r.pick(NUMBERS);
        break;
      case 6:
        at[key] = typeof at[key] === 'string' ? longString(r) : r.pick(NANISH);
        break;
      case 7:
        at[key] = [at[key] ?? null];
        break;
      case 8:
        o.type = r.pick(TYPES);
        break;
      default:
        o.reqId = r.pick<Json>([null, 7, '', 'x'.repeat(64), 'x'.repeat(65), '😀'.repeat(32), '😀'.repeat(33), { id: 1 }, ['a'], '__proto__', 'constructor']);
    }
  }
  return o;
}

/** Non-loopback IP literals never go out (the lab refuses them anyway); exposure is never confirmed. */
function keepSafe(value: Json, ports: Ports): Json {
  if (Array.isArray(value)) return value.map((v) => keepSafe(v, ports));
  if (typeof value !== 'object' || value === null) return value;
  const out: Obj = {};
  for (const key of Object.keys(value)) {
    let v = keepSafe(value[key] as Json, ports);
    if (key === 'host' && typeof v === 'string' && !hostIsSafe(v)) v = '127.0.0.1';
    if (key === 'hosts' && Array.isArray(v)) v = v.map((h) => (typeof h === 'string' && !hostIsSafe(h) ? '127.0.0.1' : h));
    if ((key === 'exposeConfirmed' || key === 'useRealCards') && v === true) v = false;
    // Only our own loopback servers or a closed port; a server binds where the kernel chooses.
    if (key === 'port' && typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 65535 && v !== ports.echo && v !== ports.app && v !== ports.closed) v = ports.closed;
    Object.defineProperty(out, key, { value: v, enumerable: true, configurable: true, writable: true });
  }
  return out;
}

function hostIsSafe(host: string): boolean {
  const checked = checkHost(host);
  if (!checked.ok) return true; // garbage: refused as INVALID_ADDRESS, never resolved
  if (checked.kind === 'localhost') return true;
  const scope = scopeOf(checked.address);
  return scope === 'loopback' || scope === 'wildcard';
}

/** Work a page may ask of the bridge over the whole run (valid commands only): keeps the run bounded. */
const BUDGET: Record<string, number> = process.env.FUZZ_BUDGET ? JSON.parse(process.env.FUZZ_BUDGET) : {
  'demo.run': 24,
  // Each stepped program reads /proc/net/tcp every 100 ms while it lives (see the report): few of them.
  'stepper.start': 6,
  'netlab.start': 8,
  'netlab.matrix': 6,
  'server.start': 60,
  'app.request': 200,
  'client.run': 400,
};

type Frame = { kind: 'text'; text: string } | { kind: 'binary'; data: Buffer } | { kind: 'bad-utf8'; data: Buffer };

function deepNesting(r: Rng): string {
  const depth = r.pick([100, 1000, 10_000, 30_000]) % (SKIP_KNOWN ? 1001 : Infinity);
  return r.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

function rawMutation(r: Rng, text: string): string {
  switch (r.int(0, 9)) {
    case 0:
      return text.slice(0, r.int(0, text.length));
    case 1: {
      const i = r.int(0, text.length);
      return text.slice(0, i) + r.pick(['"', '{', '}', ',', ':', '\\', '\u0000', 'NaN', 'Infinity', '-', 'e']) + text.slice(i);
    }
    case 2:
      return text.replace(/-?\d+(\.\d+)?/, r.pick(['1e309', '-0', 'NaN', '01', '1.', '.5', '0x1F', '1e-400', '-1e309', '123456789012345678901234567890']));
    case 3:
      return text.replace('{', `{"__proto__":{"reqId":"proto","type":"server.stop","isAdmin":true},`);
    case 4:
      return text.replace('{', `{"type":"hello","reqId":"dup",`);
    case 5:
      // The deep value takes the key's place; the original value moves to "zz".
      return text.replace(/"[a-zA-Z]+":/, (m) => `${m}${deepNesting(r)},"zz":`);
    case 6:
      return `\ufeff${text}`;
    case 7:
      return `${text},`;
    case 8:
      return text.replace(/"[^"]*"/, '"\\ud800\\udc00\\u0000\\uffff"');
    default:
      return ` \n\t${text}\n `;
  }
}

/** The next frame of a page: mostly valid or mutated commands, sometimes raw garbage. */
function nextFrame(r: Rng, ports: Ports, reqId: string, budget: Record<string, number>): Frame {
  const roll = r.next();
  if (roll < 0.003) return { kind: 'binary', data: Buffer.from(JSON.stringify({ type: 'bytes.get', reqId, dataId: 'x' })) };
  if (roll < 0.0035) return { kind: 'bad-utf8', data: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) };
  if (roll < 0.004) return { kind: 'text', text: JSON.stringify({ type: 'client.run', reqId, host: '127.0.0.1', port: ports.echo, message: 'x'.repeat(LIMITS.maxCommandBytes) }) };
  if (roll < 0.0045) return { kind: 'text', text: JSON.stringify({ type: 'hello', protocol: r.pick([0, 1, 999, -1, PROTOCOL_VERSION + 1]) }) };
  if (roll < 0.01) return { kind: 'text', text: deepNesting(r) };
  if (roll < 0.02) return { kind: 'text', text: SKIP_KNOWN ? '[]' : `{"type":${deepNesting(r)},"reqId":"${reqId}"}` };
  if (roll < 0.04) return { kind: 'text', text: r.pick(['', ' ', 'null', 'true', '0', '"hello"', '[]', '{}', '[{"type":"hello"}]', 'undefined', '{"type":}', '\u0000', '{"type":"hello"'.repeat(100)]) };
  let command: Obj = { ...baseCommand(r, ports), reqId };
  if (command.type === 'hello') delete command.reqId;
  if (roll > 0.25) command = mutate(r, command);
  command = keepSafe(command, ports) as Obj;
  // A valid command of a costly kind, once its budget is spent, goes out broken instead.
  const type = typeof command.type === 'string' ? command.type : '';
  if (type in BUDGET && PageCommand.safeParse(command).success) {
    if ((budget[type] ?? 0) <= 0) command.type = `${type}!`;
    else budget[type] = (budget[type] ?? 0) - 1;
  }
  let text = JSON.stringify(command);
  if (r.chance(0.1)) text = rawMutation(r, text);
  // Over the frame limit only on purpose (above): cut anything else to fit (it is garbage by then).
  if (Buffer.byteLength(text) > LIMITS.maxCommandBytes) text = Buffer.from(text).subarray(0, LIMITS.maxCommandBytes - 8).toString();
  // What the bridge receives: a text frame is UTF-8, so a lone surrogate (a raw mutation can split a pair) arrives as U+FFFD.
  return { kind: 'text', text: Buffer.from(text).toString() };
}

// ---------------------------------------------------------------- the bridge's side of the contract

function hasForbiddenKey(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    for (const key of Object.keys(v)) {
      if (FORBIDDEN.includes(key)) return true;
      stack.push((v as Record<string, unknown>)[key]);
    }
  }
  return false;
}

/** What the bridge must answer to a frame: a reply to a reqId, a problem, nothing, or a close. */
type Expect = { kind: 'reply'; reqId: string } | { kind: 'problem' } | { kind: 'silent-or-mismatch' } | { kind: 'close'; code: number };

function expectationOf(frame: Frame): Expect {
  if (frame.kind === 'binary') return { kind: 'problem' };
  if (frame.kind === 'bad-utf8') return { kind: 'close', code: 1007 };
  if (Buffer.byteLength(frame.text) > LIMITS.maxCommandBytes) return { kind: 'close', code: 1009 };
  let json: unknown;
  try {
    json = JSON.parse(frame.text);
  } catch {
    return { kind: 'problem' };
  }
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  const own = isObject && Object.prototype.hasOwnProperty.call(json, 'reqId') ? (json as { reqId: unknown }).reqId : undefined;
  const reqId = typeof own === 'string' && own.length > 0 && own.length <= 64 ? own : undefined;
  const valid = !hasForbiddenKey(json) && PageCommand.safeParse(json).success;
  if (valid && (json as { type: string }).type === 'hello') {
    // A second hello is ignored; another protocol version is a problem and a close (1002).
    return { kind: 'silent-or-mismatch' };
  }
  // A valid command is answered by its own reqId (the schema, not reqIdOf, decides what is valid).
  if (valid) return { kind: 'reply', reqId: (json as { reqId: string }).reqId };
  return reqId !== undefined ? { kind: 'reply', reqId } : { kind: 'problem' };
}

// ---------------------------------------------------------------- one fuzzing page

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
