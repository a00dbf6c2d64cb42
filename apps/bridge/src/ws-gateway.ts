import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { LIMITS } from '@socket-playground/protocol';
import { hostAllowed, originAllowed, peerIsLoopback, tokenMatches } from './guards.ts';
import { PageConnection } from './page-connection.ts';
import type { NetLabController } from './netlab-controller.ts';
import type { Session } from './session.ts';

export interface GatewayOptions {
  token: string;
  allowedHosts: ReadonlySet<string>;
  allowedOrigins: ReadonlySet<string>;
  heartbeatMs: number;
  privileged: boolean;
  netlab: NetLabController;
  log: (line: string) => void;
}

/**
 * Most fragments one message may arrive in. Browsers send a page's command (at most
 * LIMITS.maxCommandBytes) in one frame or a handful; a flood of tiny continuation frames is
 * closed by ws (1008) long before it costs memory. maxPayload (1009) bounds the sum of the
 * fragments' payloads, this bounds their number.
 */
export const MAX_MESSAGE_FRAGMENTS = 64;

/** Counters the tests use to prove a refused request never became a page connection. */
export interface GatewayStats {
  /** Upgrades that passed every check and became a page connection. */
  readonly accepted: number;
  /** Upgrade requests refused with 403. */
  readonly refused: number;
  /** Page connections open right now. */
  readonly open: number;
}

export interface Gateway {
  readonly stats: GatewayStats;
  close(): void;
}

/** Why an upgrade was refused, or undefined when every check passed. */
export function upgradeRefusal(req: IncomingMessage, options: GatewayOptions): string | undefined {
  const url = new URL(req.url ?? '/', 'http://bridge.invalid');
  if (url.pathname !== '/ws') return 'unknown path';
  if (!peerIsLoopback(req.socket.remoteAddress)) return 'peer is not on loopback';
  if (!hostAllowed(req.headers.host, options.allowedHosts)) return 'Host header not allowed';
  if (!originAllowed(req.headers.origin, options.allowedOrigins)) return 'Origin not allowed';
  if (!tokenMatches(url.searchParams.get('token'), options.token)) return 'missing or wrong token';
  return undefined;
}

/**
 * The WebSocket endpoint. Every check happens before the upgrade, so a refused request never
 * becomes a WebSocket. Small maxPayload, no compression, and a heartbeat for dead pages.
 */
export function attachGateway(server: Server, session: Session, options: GatewayOptions): Gateway {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.maxCommandBytes,
    maxFragments: MAX_MESSAGE_FRAGMENTS,
    perMessageDeflate: false,
  });
  const alive = new WeakMap<WebSocket, boolean>();
  let accepted = 0;
  let refused = 0;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(req, options);
    if (refusal) {
      refused++;
      options.log(`refused a WebSocket upgrade: ${refusal}`);
      // A client that resets mid-refusal must not crash the bridge with an unhandled 'error'.
      socket.on('error', () => undefined);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      // ws closes the connection itself (e.g. 1009 for a message over maxPayload); just don't crash.
      ws.on('error', (err) => options.log(`page connection error: ${err.message}`));
      accepted++;
      new PageConnection(ws, session, options.privileged, options.netlab);
    });
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  return {
    stats: {
      get accepted() {
        return accepted;
      },
      get refused() {
        return refused;
      },
      get open() {
        return wss.clients.size;
      },
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(1001, 'bridge stopping');
      // A page that never answers the close handshake must not hold the bridge open (ws waits 30 s).
      setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, 1000).unref();
      wss.close();
    },
  };
}
