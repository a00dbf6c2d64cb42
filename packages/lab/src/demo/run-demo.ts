import { MAX_DEMO_CALLS, MAX_DEMO_SERIAL_MS, type DemoSpec, type DemoSummary, type WireError } from '@socket-playground/protocol';
import type { AgentContext } from '../agent-context.ts';
import { playgroundError } from '../wire-error.ts';
import { runBacklog } from './backlog.ts';
import { runByteStream } from './byte-stream.ts';
import { DemoError } from './demo-socket.ts';
import { DemoScope } from './demo-scope.ts';
import { runManyClients } from './many-clients.ts';
import { runRecvBufsize } from './recv-bufsize.ts';
import { runSendall } from './sendall.ts';
import { runUdp } from './udp.ts';

export type DemoResult = { ok: true; summary: DemoSummary } | { ok: false; error: WireError };

/** Longest any demonstration may run before it is stopped and everything it opened is closed. */
export const DEMO_DEADLINE_MS = MAX_DEMO_SERIAL_MS * 2 + 10_000;

/**
 * Run one demonstration to its end. Whatever happens — done, failed, out of time, agent shutting
 * down — every socket and program it opened is closed before this returns.
 */
export async function runDemo(ctx: AgentContext, spec: DemoSpec, scope = new DemoScope()): Promise<DemoResult> {
  const demoId = ctx.nextId('demo');
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DemoError('DEMO_TIMEOUT', `the demonstration did not finish within ${DEMO_DEADLINE_MS / 1000} s`)), DEMO_DEADLINE_MS);
  });
  try {
    const calls = callsOf(spec);
    if (calls > MAX_DEMO_CALLS) throw new DemoError('DEMO_TOO_BIG', `it would make about ${calls} sends or recvs; at most ${MAX_DEMO_CALLS}`);
    const summary = await Promise.race([run(ctx, demoId, spec, scope), deadline]);
    return { ok: true, summary };
  } catch (err) {
    if (err instanceof DemoError) return { ok: false, error: playgroundError(err.code, err.message, { demo: spec.demo }) };
    return { ok: false, error: playgroundError('DEMO_FAILED', err instanceof Error ? err.message : String(err), { demo: spec.demo }) };
  } finally {
    clearTimeout(timer);
    await scope.close();
  }
}

/** Roughly how many sends or recvs the demonstration makes on its busiest socket. */
function callsOf(spec: DemoSpec): number {
  switch (spec.demo) {
    case 'recv-bufsize':
      return Math.ceil(spec.messageBytes / spec.bufsize);
    case 'byte-stream':
      return Math.ceil(spec.largeBytes / spec.bufsize);
    case 'sendall':
      return Math.ceil(spec.totalBytes / spec.chunkBytes);
    default:
      return 0;
  }
}

function run(ctx: AgentContext, demoId: string, spec: DemoSpec, scope: DemoScope): Promise<DemoSummary> {
  switch (spec.demo) {
    case 'recv-bufsize':
      return runRecvBufsize(ctx, demoId, spec, scope);
    case 'byte-stream':
      return runByteStream(ctx, demoId, spec, scope);
    case 'sendall':
      return runSendall(ctx, demoId, spec, scope);
    case 'many-clients':
      return runManyClients(ctx, demoId, spec, scope);
    case 'backlog':
      return runBacklog(ctx, demoId, spec, scope);
    case 'udp':
      return runUdp(ctx, demoId, spec, scope);
  }
}
