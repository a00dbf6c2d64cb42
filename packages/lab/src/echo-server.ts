import { createServer, type Server, type Socket } from 'node:net';
import type { Endpoint, LabEvent, ServerInfo, WireError } from '@socket-playground/protocol';
import type { AgentContext } from './agent-context.ts';
import { checkPort, scopeOf } from './address.ts';
import { resolveHost } from './resolve.ts';
import { endpointOf, TrackedSocket } from './tracked-socket.ts';
import { mapNodeError, playgroundError } from './wire-error.ts';

export interface EchoServerRequest {
  host: string;
  /** As typed by the learner: checked here, since a string would make Node listen on a Unix socket. */
  port: number | string;
  backlog: number;
  exposeConfirmed: boolean;
}

export type StartResult = { ok: true; server: EchoServer } | { ok: false; error: WireError };

/** What the server does with each accepted connection; the default echoes. Demonstrations bring their own. */
export type ConnectionHandler = (connection: TrackedSocket) => void;

/** Echo: whatever recv() returned goes straight back with send(). */
const echo: ConnectionHandler = (tracked) => {
  tracked.onReceive = (chunk) => tracked.send(chunk);
};

/** Node runs socket(), bind() and listen() inside this one call; the events say so. */
const LISTEN_CALL = 'server.listen()';

/**
 * A real TCP echo server: every byte it receives it sends back, on every connection,
 * until the peer closes. Connections from outside the playground (nc, Python) are tracked too.
 */
export class EchoServer {
  private readonly connections = new Set<TrackedSocket>();
  private closed = false;

  private constructor(
    private readonly ctx: AgentContext,
    private readonly server: Server,
    readonly serverId: string,
    readonly socketId: string,
    /** As asked, with the port validated (0 stays 0: `listening` has the kernel's choice). */
    readonly request: EchoServerRequest & { port: number },
    readonly listening: Endpoint,
    readonly exposed: boolean,
    private readonly handler: ConnectionHandler,
    private readonly kind: ServerInfo['kind'],
  ) {
    server.on('connection', (socket) => this.onAccept(socket));
  }

  /** `kind` names what the handler serves, for the page ("echo" unless it is the application server). */
  static async start(ctx: AgentContext, request: EchoServerRequest, handler: ConnectionHandler = echo, kind: ServerInfo['kind'] = 'echo'): Promise<StartResult> {
    const serverId = ctx.nextId('srv');
    const refuse = (error: WireError, failedCall: 'bind' | 'policy'): StartResult => {
      ctx.emit({ ts: ctx.now(), labHost: ctx.labHost, socketId: '-', owner: serverId, role: 'listener', call: 'error', failedCall, error });
      return { ok: false, error };
    };
    const context = { host: request.host, port: request.port };

    const port = checkPort(request.port, { allowZero: true });
    if (!port.ok) return refuse(playgroundError('INVALID_PORT', 'port out of range or not a whole number', context), 'bind');
    const resolved = await resolveHost(request.host, { emptyMeansAny: true });
    if (!resolved.ok) return refuse(resolved.error, 'bind');
    const target = resolved.addresses[0];
    if (!target) return refuse(playgroundError('INVALID_ADDRESS', 'no address', context), 'bind');
    const exposed = scopeOf(target.address) !== 'loopback';
    if (exposed && !request.exposeConfirmed && !ctx.isolated) {
      return refuse(playgroundError('EXPOSE_NOT_CONFIRMED', 'binding beyond loopback needs confirmation', context), 'policy');
    }

    const socketId = ctx.nextId('s');
    const base = { labHost: ctx.labHost, socketId, owner: serverId, role: 'listener' as const, nodeCall: LISTEN_CALL };
    ctx.emit({ ...base, ts: ctx.now(), call: 'socket', family: target.family });

    const server = createServer({ allowHalfOpen: false });
    const outcome = await new Promise<{ ok: true } | { ok: false; err: unknown }>((resolve) => {
      server.once('error', (err) => resolve({ ok: false, err }));
      server.listen({ host: target.address, port: port.port, backlog: request.backlog }, () => resolve({ ok: true }));
    });
    if (!outcome.ok) {
      const mapped = mapNodeError(outcome.err, 'bind', { ...context, address: target.address });
      ctx.emit({ ...base, ts: ctx.now(), call: 'error', failedCall: mapped.failedCall, error: mapped.error });
      ctx.emit({ ...base, ts: ctx.now(), call: 'close', reason: 'error', bytesSent: 0, bytesReceived: 0 });
      server.close();
      return { ok: false, error: mapped.error };
    }

    const addr = server.address();
    const local = typeof addr === 'object' && addr ? endpointOf(addr.address, addr.port) : undefined;
    if (!local) throw new Error('listening server has no address');
    const requested = { host: request.host, port: port.port };
    const events: LabEvent[] = [
      { ...base, ts: ctx.now(), local, call: 'bind', requested },
      { ...base, ts: ctx.now(), local, call: 'listen', backlog: request.backlog },
    ];
    events.forEach((e) => ctx.emit(e));
    const echo = new EchoServer(ctx, server, serverId, socketId, { ...request, port: port.port }, local, exposed, handler, kind);
    server.on('error', (err) => {
      const mapped = mapNodeError(err, 'accept', context);
      ctx.emit({ ...base, ts: ctx.now(), call: 'error', failedCall: mapped.failedCall, error: mapped.error });
    });
    return { ok: true, server: echo };
  }

  private onAccept(socket: Socket): void {
    const newSocketId = this.ctx.nextId('s');
    const tracked = new TrackedSocket(this.ctx, socket, newSocketId, this.serverId, 'accepted', (t) => {
      this.connections.delete(t);
    });
    this.ctx.emit({
      ts: this.ctx.now(),
      labHost: this.ctx.labHost,
      socketId: this.socketId,
      owner: this.serverId,
      role: 'listener',
      call: 'accept',
      newSocketId,
      local: tracked.local,
      remote: tracked.remote,
    });
    this.handler(tracked);
    this.connections.add(tracked);
    this.ctx.stateChanged();
  }

  /** Close the listening socket and every connection it accepted. */
  async stop(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const c of this.connections) c.destroy();
    await done;
    this.ctx.emit({
      ts: this.ctx.now(),
      labHost: this.ctx.labHost,
      socketId: this.socketId,
      owner: this.serverId,
      role: 'listener',
      call: 'close',
      reason: 'local',
      local: this.listening,
      bytesSent: 0,
      bytesReceived: 0,
    });
    this.ctx.stateChanged();
  }

  connectionInfos() {
    return [...this.connections].map((c) => c.info());
  }

  info(): ServerInfo {
    return {
      serverId: this.serverId,
      labHost: this.ctx.labHost,
      kind: this.kind,
      requested: { host: this.request.host, port: this.request.port, backlog: this.request.backlog },
      listening: this.listening,
      exposed: this.exposed,
      socketId: this.socketId,
      connections: this.connections.size,
    };
  }
}
