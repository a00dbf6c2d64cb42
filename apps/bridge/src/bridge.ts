import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InProcessAgentLink, type AgentLink } from '@socket-playground/lab';
import { allowedHostsFor, allowedOriginsFor } from './guards.ts';
import { createHttpApp } from './http-app.ts';
import { NetLabController, type NetLabControllerOptions } from './netlab-controller.ts';
import { Session } from './session.ts';
import { attachGateway, type GatewayStats } from './ws-gateway.ts';

/** The bridge always listens here: never on another interface. */
export const BRIDGE_HOST = '127.0.0.1';

export interface BridgeOptions {
  port: number;
  token: string;
  staticDir: string;
  /** Extra exact origins/hosts allowed, e.g. the Vite dev server's. */
  extraOrigins?: string[];
  extraHosts?: string[];
  heartbeatMs?: number;
  exposedGraceMs?: number;
  /** Events kept for replay to pages that reconnect (default LIMITS.replayEvents). */
  replayEvents?: number;
  /** Host agents; defaults to one in-process agent named "local". */
  agents?: AgentLink[];
  /** How the who-can-connect lab finds out what this machine can do (tests, and `--lab single-host`). */
  netlab?: NetLabControllerOptions;
  log?: (line: string) => void;
}

export interface RunningBridge {
  port: number;
  netlab: NetLabController;
  url: string;
  session: Session;
  server: Server;
  /** WebSocket upgrade counters (accepted, refused, open page connections). */
  gateway: GatewayStats;
  close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const session = new Session({
    agents: options.agents ?? [new InProcessAgentLink('local')],
    exposedGraceMs: options.exposedGraceMs ?? 60_000,
    ...(options.replayEvents !== undefined ? { replayEvents: options.replayEvents } : {}),
    log,
  });
  const hostsFor = (port: number) => allowedHostsFor(port, options.extraHosts);
  // The allowed sets need the real port, known only after listen (port 0 in tests).
  const allowedHosts = new Set<string>();
  const allowedOrigins = new Set<string>();
  const netlab = new NetLabController(session, log, options.netlab);
  const app = createHttpApp({ allowedHosts, allowedOrigins, staticDir: options.staticDir });
  const server = createServer(app);
  const gateway = attachGateway(server, session, {
    token: options.token,
    allowedHosts,
    allowedOrigins,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    privileged: process.getuid?.() === 0,
    netlab,
    log,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: BRIDGE_HOST, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  for (const h of hostsFor(port)) allowedHosts.add(h);
  for (const o of allowedOriginsFor(port, options.extraOrigins)) allowedOrigins.add(o);

  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://${BRIDGE_HOST}:${port}/#token=${options.token}`,
    session,
    server,
    netlab,
    gateway: gateway.stats,
    close() {
      closing ??= (async () => {
        gateway.close();
        await netlab.close();
        await session.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}
