import { LIMITS, type LabCommand, type LabState, type Reply, type WireError } from '@socket-playground/protocol';

/** The per-session caps (LIMITS by default; tests lower them). */
export interface SessionLimits {
  maxServers: number;
  maxClients: number;
  maxConnections: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  maxServers: LIMITS.maxServers,
  maxClients: LIMITS.maxClients,
  maxConnections: LIMITS.maxConnections,
};

type Kind = 'server' | 'client';

/** What a command would open: a server, a client (which also opens a connection), or nothing counted. */
function kindOf(command: LabCommand): Kind | undefined {
  switch (command.type) {
    case 'server.start':
      return 'server';
    case 'stepper.start':
      return command.program === 'blocking-echo-server' ? 'server' : 'client';
    case 'client.run':
    case 'app.request':
    case 'demo.run':
      return 'client';
    default:
      return undefined;
  }
}

export type Admission = { ok: true; done: (reply: Reply) => void } | { ok: false; error: WireError };

/**
 * Counts what the session runs for its pages, so that a page (or a flood of commands) cannot open
 * servers, clients or connections without bound. Counts come from the lab state, plus what is in
 * flight, plus what an agent reported started but its next state snapshot does not list yet (the
 * reply comes a tick before the state): so commands sent all at once are counted exactly.
 *
 * A demonstration runs inside the lab agent and closes everything it opened when it ends: it counts
 * as one client while it runs; its own sockets are not in the lab state and not counted.
 */
export class SessionCaps {
  private readonly inFlight = { server: 0, client: 0 };
  /** Stepped programs and servers started (`labHost/id`) that the host's state does not list yet. */
  private readonly unseen = new Map<string, Kind>();

  constructor(
    public limits: SessionLimits,
    private readonly stateOf: () => LabState,
    private readonly hostState: (labHost: string) => LabState | undefined,
  ) {}

  counts(): { servers: number; clients: number; connections: number } {
    const state = this.stateOf();
    const live = state.steppers.filter((s) => !s.finished);
    const unseen = [...this.unseen.values()];
    return {
      servers: state.servers.length + live.filter((s) => s.program === 'blocking-echo-server').length + this.inFlight.server + unseen.filter((k) => k === 'server').length,
      clients: live.filter((s) => s.program === 'echo-client').length + this.inFlight.client + unseen.filter((k) => k === 'client').length,
      // An agent with many connections lists only some; connectionCount has them all.
      connections: (state.connectionCount ?? state.connections.length) + live.filter((s) => s.connection !== undefined).length,
    };
  }

  /** May this command run? If so, call `done` with its reply. */
  admit(command: LabCommand): Admission {
    const kind = kindOf(command);
    if (kind === undefined) return { ok: true, done: (reply) => this.stopped(command, reply) };
    const { servers, clients, connections } = this.counts();
    const { maxServers, maxClients, maxConnections } = this.limits;
    if (kind === 'server' && servers >= maxServers) {
      return { ok: false, error: { code: 'TOO_MANY_SERVERS', message: `${servers} servers open; at most ${maxServers}`, context: { limit: maxServers, count: servers } } };
    }
    if (kind === 'client' && clients >= maxClients) {
      return { ok: false, error: { code: 'TOO_MANY_CLIENTS', message: `${clients} clients running; at most ${maxClients}`, context: { limit: maxClients, count: clients } } };
    }
    if (kind === 'client' && connections >= maxConnections) {
      return {
        ok: false,
        error: { code: 'TOO_MANY_CONNECTIONS', message: `${connections} connections open; at most ${maxConnections}`, context: { limit: maxConnections, count: connections } },
      };
    }
    this.inFlight[kind]++;
    return {
      ok: true,
      done: (reply) => {
        this.inFlight[kind]--;
        if (!reply.ok) return;
        // Only servers and stepped programs outlive their command.
        const id = reply.result.kind === 'server.started' ? reply.result.serverId : reply.result.kind === 'stepper' ? reply.result.stepperId : undefined;
        if (id === undefined || this.listed(command.labHost, id)) return;
        this.unseen.set(`${command.labHost}/${id}`, kind);
      },
    };
  }

  /** A new state from a host: what it lists is counted from the state now. */
  seen(labHost: string, state: LabState): void {
    for (const s of state.servers) this.unseen.delete(`${labHost}/${s.serverId}`);
    for (const s of state.steppers) this.unseen.delete(`${labHost}/${s.stepperId}`);
  }

  /** A host is gone (its agent exited, or the lab stopped): nothing of it is open any more. */
  forgetHost(labHost: string): void {
    for (const key of this.unseen.keys()) if (key.startsWith(`${labHost}/`)) this.unseen.delete(key);
  }

  private listed(labHost: string, id: string): boolean {
    const state = this.hostState(labHost);
    return !!state && (state.servers.some((s) => s.serverId === id) || state.steppers.some((s) => s.stepperId === id));
  }

  /** A stop that succeeded before any state listed the thing. */
  private stopped(command: LabCommand, reply: Reply): void {
    if (!reply.ok) return;
    if (command.type === 'server.stop') this.unseen.delete(`${command.labHost}/${command.serverId}`);
    if (command.type === 'stepper.stop') this.unseen.delete(`${command.labHost}/${command.stepperId}`);
  }
}
