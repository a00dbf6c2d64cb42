/**
 * What throughput.bench.ts and rtt.bench.ts share: a bridge in this process with the lab's echo
 * server started by a watching page (a real WebSocket client, in a child process like a browser
 * tab), a plain node:net echo server in this same process, and a driver child process that runs
 * the TCP client. Both servers run in this process, so they compete with the same things
 * (the bridge idles while the plain server is measured); both clients run in the same driver.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startBridge, type RunningBridge } from '../apps/bridge/src/bridge.ts';

const PEERS = fileURLToPath(new URL('./echo-peers.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPLY_TIMEOUT_MS = 90_000;

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? (s[(s.length - 1) / 2] ?? 0) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};
export const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
export const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** A child speaking JSON lines: one answer per request, in order. */
class LineChild {
  private readonly waiting: ((line: string) => void)[] = [];
  private readonly early: string[] = [];
  constructor(readonly proc: ChildProcess) {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const w = this.waiting.shift();
      if (w) w(line);
      else this.early.push(line);
    });
  }
  next<T>(): Promise<T> {
    const ready = this.early.shift();
    if (ready !== undefined) return Promise.resolve(JSON.parse(ready) as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('peer did not answer in time')), REPLY_TIMEOUT_MS);
      this.waiting.push((line) => {
        clearTimeout(timer);
        resolve(JSON.parse(line) as T);
      });
    });
  }
  ask<T>(value: unknown): Promise<T> {
    this.proc.stdin!.write(`${JSON.stringify(value)}\n`);
    return this.next<T>();
  }
  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }
}

function peer(args: string[]): LineChild {
  return new LineChild(spawn(process.execPath, ['--import', 'tsx', PEERS, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] }));
}

export interface EchoRig {
  bridge: RunningBridge;
  /** The lab's echo server (instrumented), started by the page. */
  labPort: number;
  /** A plain node:net echo server in this process. */
  plainPort: number;
  driver: LineChild;
  /** What the watching page has received so far. */
  pageStats(): Promise<{ events: number; messages: number; gaps: number; calls: number }>;
  close(): Promise<void>;
}

export async function startEchoRig(): Promise<EchoRig> {
  const staticDir = mkdtempSync(join(tmpdir(), 'echo-bench-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>echo bench</title>\n');
  const token = `bench${Math.random().toString(16).slice(2)}`;
  const bridge = await startBridge({ port: 0, token, staticDir, log: () => {} });
  // The same options as the lab's EchoServer, and the same echo: write back whatever arrived.
  const plain: Server = createServer({ allowHalfOpen: false }, (socket) => {
    socket.on('data', (chunk) => socket.write(chunk));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => plain.listen({ host: '127.0.0.1', port: 0 }, () => resolve()));
  const plainPort = (plain.address() as { port: number }).port;
  const page = peer(['page', String(bridge.port), token]);
  const driver = peer(['driver']);
  let labPort: number;
  try {
    labPort = (await page.next<{ port: number }>()).port;
  } catch (err) {
    page.kill();
    driver.kill();
    throw err;
  }
  return {
    bridge,
    labPort,
    plainPort,
    driver,
    pageStats: () => page.ask({ stats: true }),
    async close() {
      page.proc.stdin!.end();
      driver.proc.stdin!.end();
      await new Promise((r) => setTimeout(r, 200));
      page.kill();
      driver.kill();
      await new Promise<void>((resolve) => plain.close(() => resolve()));
      await bridge.close();
      rmSync(staticDir, { recursive: true, force: true });
    },
  };
}
