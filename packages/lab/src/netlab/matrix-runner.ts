import { performance } from 'node:perf_hooks';
import { LabCommand, type BindChoice, type LabCommandDraft, type LabEvent, type MatrixCell, type MatrixResult, type Reply, type ReachOutcome, type Topology } from '@socket-playground/protocol';
import type { AgentLink } from '../agent-link.ts';

/** Sends one command to a lab host and waits for its reply (the bridge's Session.run). */
export type RunOnHost = (labHost: string, command: LabCommandDraft) => Promise<Reply>;

/** How long a probe waits for the handshake before calling it ETIMEDOUT. */
export const PROBE_CONNECT_TIMEOUT_MS = 1500;
const KNOWN: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'EADDRNOTAVAIL', 'EINVAL']);

/** What every client tries: loopback, the wildcard, localhost, ::1, and every card of every host. */
export function matrixTargets(topology: Topology): string[] {
  const cards = topology.hosts.flatMap((h) => h.cards.flatMap((c) => c.addresses.map((a) => a.split('/')[0] ?? a)));
  return ['127.0.0.1', '0.0.0.0', 'localhost', '::1', ...cards];
}

/**
 * Who can connect, for real: open the listener(s) on the server host with this bind, let every
 * host try every target at once (each a real connect, send and echo), then close the listeners.
 */
export async function runMatrix(
  run: RunOnHost,
  topology: Topology,
  serverHost: string,
  bind: BindChoice,
  /** False on a real machine until the learner agrees (namespace hosts are isolated: there it changes nothing). */
  { exposeConfirmed = true }: { exposeConfirmed?: boolean } = {},
): Promise<MatrixResult> {
  const started = performance.now();
  const listeners: MatrixResult['listeners'] = [];
  const serverIds: string[] = [];
  let port = bind.port;
  for (const host of bind.hosts) {
    const reply = await run(serverHost, { type: 'server.start', host, port, backlog: 128, exposeConfirmed });
    if (reply.ok && reply.result.kind === 'server.started') {
      serverIds.push(reply.result.serverId);
      port = reply.result.listening.port; // "both cards": the second listener shares the first one's port
      listeners.push({ host: serverHost, requested: host, address: reply.result.listening.address, port });
    } else if (!reply.ok) {
      listeners.push({ host: serverHost, requested: host, errorCode: reply.error.code, message: reply.error.message });
    }
  }

  const targets = matrixTargets(topology);
  const cells = await Promise.all(
    topology.hosts.flatMap((client) =>
      targets.map(async (target): Promise<MatrixCell> => {
        if (serverIds.length === 0) return { client: client.name, target, outcome: 'not-run', latencyMs: 0, message: 'no listener could be opened' };
        const t0 = performance.now();
        const reply = await run(client.name, { type: 'client.run', host: target, port, message: 'who?', connectTimeoutMs: PROBE_CONNECT_TIMEOUT_MS });
        const latencyMs = performance.now() - t0;
        if (reply.ok && reply.result.kind === 'client.done') {
          const { local, remote, echoed } = reply.result;
          return { client: client.name, target, outcome: 'connected', latencyMs, local: `${local.address}:${local.port}`, remote: `${remote.address}:${remote.port}`, echoed };
        }
        const code = reply.ok ? 'EINVAL' : reply.error.code;
        // Refused by the playground's own policy: no socket was opened, so the kernel said nothing.
        const outcome: ReachOutcome = KNOWN.has(code) ? (code as ReachOutcome) : code === 'DESTINATION_NOT_ALLOWED' ? 'not-run' : 'EINVAL';
        return { client: client.name, target, outcome, latencyMs, message: reply.ok ? undefined : `${code}: ${reply.error.message}` };
      }),
    ),
  );

  await Promise.all(serverIds.map((serverId) => run(serverHost, { type: 'server.stop', serverId })));
  return { serverHost, bind, listeners, cells, mode: 'namespaces', durationMs: performance.now() - started };
}

/**
 * A RunOnHost straight on agent links, for tests and benchmarks that have no bridge. It takes
 * over the links' message listener (the bridge's Session does that job otherwise).
 */
export function requesterFor(agents: readonly AgentLink[], onEvent?: (event: LabEvent) => void): RunOnHost {
  const pending = new Map<string, (reply: Reply) => void>();
  let n = 0;
  for (const agent of agents) {
    agent.onMessage((m) => {
      if (m.type === 'lab') onEvent?.(m.event);
      if (m.type !== 'reply') return;
      pending.get(m.reqId)?.(m);
      pending.delete(m.reqId);
    });
  }
  return (labHost, command) => {
    const agent = agents.find((a) => a.labHost === labHost);
    if (!agent) return Promise.reject(new Error(`no agent for ${labHost}`));
    const reqId = `q${n++}`;
    return new Promise((resolve) => {
      pending.set(reqId, resolve);
      agent.send(LabCommand.parse({ ...command, reqId, labHost }));
    });
  };
}
