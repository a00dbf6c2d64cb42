import type { AgentContext } from '../agent-context.ts';
import { EchoServer, type ConnectionHandler } from '../echo-server.ts';
import { openClientSocket } from '../dial.ts';
import { TrackedSocket } from '../tracked-socket.ts';
import { mapNodeError } from '../wire-error.ts';

/** Every demonstration runs on loopback, on a port the kernel picks: nothing else can reach it. */
export const DEMO_HOST = '127.0.0.1';

/** A demonstration's server: the lab's server with its own connection handler, on loopback port 0. */
export async function startDemoServer(ctx: AgentContext, handler: ConnectionHandler, backlog = 511): Promise<EchoServer> {
  const started = await EchoServer.start(ctx, { host: DEMO_HOST, port: 0, backlog, exposeConfirmed: false }, handler);
  if (!started.ok) throw new DemoError(started.error.code, started.error.message);
  return started.server;
}

export class DemoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A client socket of a demonstration, connected and tracked. With `bufsize`, every read is one
 * read(2) into a buffer of that size (Node's `onread`), so a recv returns at most bufsize bytes —
 * Python's recv(bufsize), for real. `paused` starts it without reading (the data waits in the kernel).
 */
export async function connectDemoClient(
  ctx: AgentContext,
  owner: string,
  port: number,
  options: { bufsize?: number; paused?: boolean } = {},
): Promise<TrackedSocket> {
  const socketId = ctx.nextId('s');
  const base = { labHost: ctx.labHost, socketId, owner, role: 'client' as const };
  ctx.emit({ ...base, ts: ctx.now(), call: 'socket', family: 'IPv4' });
  // The onread callback is created before the TrackedSocket it feeds.
  const sink: { tracked?: TrackedSocket } = {};
  const { bufsize } = options;
  // Through the lab's one client-socket opener: loopback, checked like every other client.
  const socket = openClientSocket({
    host: DEMO_HOST,
    port,
    ...(bufsize
      ? {
          onread: {
            buffer: Buffer.alloc(bufsize),
            // The buffer is reused for the next read: keep a copy of what this one returned.
            callback: (n: number, buf: Uint8Array) => {
              sink.tracked?.received(Buffer.from(buf.subarray(0, n)));
              return true; // keep reading (false would pause the socket)
            },
          },
        }
      : {}),
  });
  if (options.paused) socket.pause();
  const started = ctx.now();
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', (err) => {
      const mapped = mapNodeError(err, 'connect', { host: DEMO_HOST, port });
      ctx.emit({ ...base, ts: ctx.now(), call: 'error', failedCall: mapped.failedCall, error: mapped.error });
      socket.destroy();
      reject(new DemoError(mapped.error.code, mapped.error.message));
    });
  });
  const tracked = new TrackedSocket(ctx, socket, socketId, owner, 'client', () => {}, bufsize);
  sink.tracked = tracked;
  ctx.emit({
    ...base,
    ts: ctx.now(),
    call: 'connect',
    target: { host: DEMO_HOST, port, address: DEMO_HOST },
    durationMs: ctx.now() - started,
    local: tracked.local,
    remote: tracked.remote,
  });
  return tracked;
}

/** Resolves when the socket has closed (its close event was reported). */
export function closed(tracked: TrackedSocket): Promise<void> {
  if (tracked.socket.closed) return Promise.resolve();
  return new Promise((resolve) => {
    const previous = tracked.onDone;
    tracked.onDone = () => {
      previous();
      resolve();
    };
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A readable pattern of `n` bytes, so the hex and text views show where each byte came from. */
export function patternBytes(n: number, label = 'byte'): Buffer {
  const unit = Buffer.from(`${label} stream 0123456789 `);
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i += unit.length) unit.copy(out, i, 0, Math.min(unit.length, n - i));
  return out;
}
