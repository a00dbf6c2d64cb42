/**
 * Child-process peers for the echo benchmarks (throughput.bench.ts, rtt.bench.ts), so the bench
 * process holds only the servers under test (the bridge with its lab echo server, and a plain
 * node:net echo server) and nothing else competes with them on its event loop.
 *
 *   node --import tsx bench/echo-peers.ts driver
 *     Reads commands on stdin, one JSON object a line, answers one JSON line each on stdout:
 *     {"op":"throughput","port":P,"bytes":N,"chunk":C}  → {"ms":…, "bytes":…}
 *     {"op":"rtt","port":P,"pings":N,"warmup":W}       → {"samplesUs":[…]}
 *   node --import tsx bench/echo-peers.ts page <bridgePort> <token>
 *     The watching page: a real WebSocket to the bridge (hello, then server.start like the learner),
 *     prints {"port":P} once the lab's echo server listens, then reads and parses every message
 *     until stdin closes, and prints {"events":…, "messages":…, "gaps":…}.
 *
 * Loopback only; every loop is bounded by a count and a deadline.
 */
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '@socket-playground/protocol';

const HOST = '127.0.0.1';
const DEADLINE_MS = 60_000;

function out(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: HOST, port }, () => resolve(s));
    s.once('error', reject);
  });
}

/** Write `total` bytes in `chunk`-sized writes (respecting backpressure) and wait for all of them back. */
async function throughput(port: number, total: number, chunk: number): Promise<{ ms: number; bytes: number }> {
  const s = await open(port);
  s.setNoDelay(true);
  const buf = Buffer.alloc(chunk, 0x61);
  let echoed = 0;
  const t0 = performance.now();
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`throughput round timed out (${echoed}/${total} echoed)`)), DEADLINE_MS);
    s.on('data', (d: Buffer) => {
      echoed += d.length;
      if (echoed >= total) {
        clearTimeout(timer);
        resolve();
      }
    });
    s.once('error', reject);
  });
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      const n = Math.min(chunk, total - sent);
      sent += n;
      if (!s.write(n === chunk ? buf : buf.subarray(0, n))) {
        s.once('drain', pump);
        return;
      }
    }
  };
  pump();
  await done;
  const ms = performance.now() - t0;
  s.destroy();
  return { ms, bytes: echoed };
}

/** 1-byte ping-pong: `warmup` unrecorded, then `pings` timed round trips (µs each). */
async function rtt(port: number, pings: number, warmup: number): Promise<{ samplesUs: number[] }> {
  const s = await open(port);
  s.setNoDelay(true);
  const one = Buffer.from([0x2a]);
  const samples: number[] = [];
  const deadline = Date.now() + DEADLINE_MS;
  await new Promise<void>((resolve, reject) => {
    let i = 0;
    let t0 = 0n;
    const ping = () => {
      t0 = process.hrtime.bigint();
      s.write(one);
    };
    s.on('data', (d: Buffer) => {
      // One byte out, one byte back: a pong never splits, and never merges with the next.
      if (d.length !== 1) return reject(new Error(`expected 1 byte back, got ${d.length}`));
      const us = Number(process.hrtime.bigint() - t0) / 1000;
      if (i >= warmup) samples.push(us);
      i++;
      if (i >= warmup + pings || Date.now() > deadline) return resolve();
      ping();
    });
    s.once('error', reject);
    ping();
  });
  s.destroy();
  return { samplesUs: samples };
}

async function driver(): Promise<void> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const cmd = JSON.parse(line) as { op: string; port: number; bytes?: number; chunk?: number; pings?: number; warmup?: number };
    try {
      if (cmd.op === 'throughput') out(await throughput(cmd.port, cmd.bytes ?? 0, cmd.chunk ?? 65536));
      else if (cmd.op === 'rtt') out(await rtt(cmd.port, cmd.pings ?? 1000, cmd.warmup ?? 100));
      else out({ error: `unknown op ${cmd.op}` });
    } catch (err) {
      out({ error: err instanceof Error ? err.message : String(err) });
    }
  }
}

async function page(bridgePort: number, token: string): Promise<void> {
  const ws = new WebSocket(`ws://${HOST}:${bridgePort}/ws?token=${token}`, { origin: `http://${HOST}:${bridgePort}`, headers: { host: `${HOST}:${bridgePort}` } });
  let events = 0;
  let messages = 0;
  let gaps = 0;
  let calls = 0;
  let welcomed: (() => void) | undefined;
  let started: ((port: number) => void) | undefined;
  ws.on('message', (data) => {
    messages++;
    // Like the page: every message parsed.
    const m = JSON.parse(String(data)) as { type: string; events?: { event: { calls?: number } }[]; reqId?: string; result?: { listening?: { port: number } } };
    if (m.type === 'welcome') welcomed?.();
    else if (m.type === 'events' && m.events) {
      events += m.events.length;
      for (const e of m.events) calls += e.event.calls ?? 1;
    } else if (m.type === 'gap') gaps++;
    else if (m.type === 'reply' && m.reqId === 'bench-start' && m.result?.listening) started?.(m.result.listening.port);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  await new Promise<void>((resolve) => {
    welcomed = resolve;
    ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }));
  });
  const port = await new Promise<number>((resolve) => {
    started = resolve;
    ws.send(JSON.stringify({ type: 'server.start', reqId: 'bench-start', labHost: 'local', host: HOST, port: 0, backlog: 16, exposeConfirmed: false }));
  });
  out({ port });
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    if (line.trim()) out({ events, messages, gaps, calls });
  }
  out({ events, messages, gaps, calls });
  ws.terminate();
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'driver') await driver();
else if (mode === 'page' && a && b) await page(Number(a), b);
else {
  process.stderr.write('usage: echo-peers.ts driver | page <bridgePort> <token>\n');
  process.exitCode = 2;
}
