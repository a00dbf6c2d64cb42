import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { DemoSpec, DemoSummary } from '@socket-playground/protocol';
import type { AgentContext } from '../agent-context.ts';
import { EchoClient } from '../echo-client.ts';
import { LISTEN, readKernelSockets } from '../step/kernel-probe.ts';
import { Stepper } from '../step/stepper.ts';
import { DemoError, DEMO_HOST, sleep } from './demo-socket.ts';
import type { DemoScope } from './demo-scope.ts';

type Spec = Extract<DemoSpec, { demo: 'backlog' }>;
type Summary = Extract<DemoSummary, { demo: 'backlog' }>;

/** Pace of the server once it accepts: quick, the interesting part is the wait before. */
const SERVE_STEP_MS = 15;

/** net.core.somaxconn caps every backlog; null where there is no /proc. */
function somaxconn(): number | null {
  try {
    return Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim());
  } catch {
    return null;
  }
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new DemoError('DEMO_FAILED', `timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * The listen backlog, for real: the notes' blocking server (step mode: it truly does not call
 * accept()) listens with a small backlog; more clients than that connect. The kernel completes
 * handshakes into the accept queue until it is full (on Linux it holds backlog + 1); the other
 * clients' SYNs are dropped and their connect() keeps waiting. Then the server accepts, one
 * client at a time, and the waiting clients get in as their SYNs are retried.
 */
export async function runBacklog(ctx: AgentContext, demoId: string, spec: Spec, scope: DemoScope): Promise<Summary> {
  const t0 = performance.now();
  const created = await Stepper.create(ctx, {
    program: 'blocking-echo-server',
    host: DEMO_HOST,
    port: 0,
    backlog: spec.backlog,
    bufsize: 1024,
    exposeConfirmed: false,
    runDelayMs: SERVE_STEP_MS,
  });
  if (!created.ok) throw new DemoError(created.error.code, created.error.message);
  const server = created.stepper;
  scope.onClose(() => server.stop());
  await until(() => server.info().next === 'listen', 'the server to start');
  server.step();
  await until(() => server.info().listening !== undefined && server.info().next === 'accept', 'the server to listen');
  const port = server.info().listening?.port ?? 0;

  let connected = 0;
  const clients = Array.from({ length: spec.clients }, (_, i) => new EchoClient(ctx, `${demoId}-c${i + 1}`));
  scope.onClose(() => clients.forEach((c) => c.destroy()));
  const outcomes = clients.map((client, i) =>
    client
      .run({ host: DEMO_HOST, port, message: `client ${i + 1}`, connectTimeoutMs: spec.waitMs + 15_000, echoTimeoutMs: spec.waitMs + 15_000 }, () => connected++)
      .then((r) => r.ok),
  );
  await sleep(spec.waitMs);
  const connectedBeforeAccept = connected;
  const kernel = readKernelSockets();
  const listener = kernel?.find((s) => s.stateCode === LISTEN && s.local.port === port);
  // For a listening socket the kernel reports the accept queue's length as its receive queue.
  const acceptQueue = listener ? listener.recvQueue : null;

  server.setRunning(true);
  const results = await Promise.all(outcomes);
  const served = results.filter(Boolean).length;
  return {
    demo: 'backlog',
    demoId,
    port,
    durationMs: performance.now() - t0,
    backlog: spec.backlog,
    somaxconn: somaxconn(),
    clients: spec.clients,
    connectedBeforeAccept,
    acceptQueue,
    served,
    failed: spec.clients - served,
  };
}
