import { performance } from 'node:perf_hooks';
import { MAX_DEMO_SERIAL_MS, type DemoSpec, type DemoSummary } from '@socket-playground/protocol';
import type { AgentContext } from '../agent-context.ts';
import type { ConnectionHandler } from '../echo-server.ts';
import type { TrackedSocket } from '../tracked-socket.ts';
import { closed, connectDemoClient, DemoError, sleep, startDemoServer } from './demo-socket.ts';
import type { DemoScope } from './demo-scope.ts';

type Spec = Extract<DemoSpec, { demo: 'many-clients' }>;
type Summary = Extract<DemoSummary, { demo: 'many-clients' }>;
type Run = Summary['runs'][number];


/**
 * The notes' blocking server, one client at a time: it serves a connection until that client
 * closes, and only then takes the next. Connections the kernel completed meanwhile wait unread
 * (paused here, their bytes held back until their turn).
 */
function oneAtATime(onServing: (n: number) => void): ConnectionHandler {
  const waiting: TrackedSocket[] = [];
  let current: TrackedSocket | undefined;
  const next = () => {
    if (current) return;
    current = waiting.shift();
    if (!current) return;
    onServing(1);
    const conn = current;
    conn.onReceive = (chunk) => conn.send(chunk);
    conn.onDone = () => {
      onServing(-1);
      current = undefined;
      next();
    };
    conn.socket.resume();
  };
  return (conn) => {
    conn.socket.pause();
    waiting.push(conn);
    next();
  };
}

/** The event-loop server: every connection is served as its bytes arrive. */
function eventLoop(onServing: (n: number) => void): ConnectionHandler {
  return (conn) => {
    onServing(1);
    conn.onReceive = (chunk) => conn.send(chunk);
    conn.onDone = () => onServing(-1);
  };
}

/**
 * Many connections: N clients, each connects, sends a line, waits for its echo, holds the
 * connection for `holdMs` (its "conversation"), then closes. Against the blocking server they are
 * served one after another (total ≈ N × holdMs); against the event loop, all at once (≈ holdMs).
 */
export async function runManyClients(ctx: AgentContext, demoId: string, spec: Spec, scope: DemoScope): Promise<Summary> {
  const t0 = performance.now();
  if (spec.servers.includes('blocking') && spec.clients * spec.holdMs > MAX_DEMO_SERIAL_MS) {
    throw new DemoError('DEMO_TOO_LONG', `${spec.clients} clients × ${spec.holdMs} ms one after another would take over ${MAX_DEMO_SERIAL_MS / 1000} s`);
  }
  const runs: Run[] = [];
  for (const kind of spec.servers) runs.push(await oneRun(ctx, demoId, spec, scope, kind));
  return { demo: 'many-clients', demoId, port: runs[0]?.port ?? 0, durationMs: performance.now() - t0, runs };
}

async function oneRun(ctx: AgentContext, demoId: string, spec: Spec, scope: DemoScope, kind: Run['server']): Promise<Run> {
  let serving = 0;
  let maxConcurrent = 0;
  const onServing = (d: number) => {
    serving += d;
    maxConcurrent = Math.max(maxConcurrent, serving);
  };
  const server = scope.server(await startDemoServer(ctx, kind === 'blocking' ? oneAtATime(onServing) : eventLoop(onServing)));
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: spec.clients }, async (_, i): Promise<number | null> => {
      try {
        const client = scope.client(await connectDemoClient(ctx, `${demoId}-${kind === 'blocking' ? 'b' : 'e'}${i + 1}`, server.listening.port));
        const line = Buffer.from(`client ${i + 1}\n`);
        let got = 0;
        let doneMs = 0;
        const done = closed(client);
        client.onReceive = (chunk) => {
          got += chunk.length;
          if (got < line.length) return;
          doneMs = performance.now() - t0;
          void sleep(spec.holdMs).then(() => client.end());
        };
        client.send(line);
        await done;
        return got >= line.length ? doneMs : null;
      } catch {
        return null;
      }
    }),
  );
  const totalMs = performance.now() - t0;
  await server.stop();
  const doneMs = results.filter((r): r is number => r !== null);
  return { server: kind, clients: spec.clients, completed: doneMs.length, failed: spec.clients - doneMs.length, totalMs, maxConcurrent, doneMs, port: server.listening.port };
}
