import { randomUUID } from 'node:crypto';
import {
  LIMITS,
  type AgentMessage,
  type LabCommand,
  type LabState,
  type NetLabState,
  type Reply,
  type SequencedLabEvent,
  type WireError,
} from '@socket-playground/protocol';
import { scopeOf, type AgentLink } from '@socket-playground/lab';
import { EventLog } from './event-log.ts';
import { DEFAULT_SESSION_LIMITS, SessionCaps, type SessionLimits } from './session-caps.ts';

/** What a page connection receives from the session. */
export interface SessionSubscriber {
  onEvent(entry: SequencedLabEvent): void;
  onState(state: LabState): void;
  /** Something every page should hear about (e.g. the session reached its connection cap). */
  onProblem?(error: WireError): void;
  /** How this page keeps up (flow control), for diagnostics and tests. */
  stats?(): PageStats;
}

/** One open page's flow-control counters. */
export interface PageStats {
  /** Bytes queued on its WebSocket, not yet handed to the kernel. */
  bufferedAmount: number;
  /** Behind: events are being dropped for it until it catches up. */
  behind: boolean;
  /** Events dropped for it because it did not read them fast enough. */
  droppedEvents: number;
  /** `gap` messages it was sent. */
  gaps: number;
  /** Commands refused with RATE_LIMITED. */
  rateLimited: number;
}

/**
 * Pages get at most this many connections listed in the lab state, with `connectionCount` saying
 * how many are open in all: 10,000 connections would otherwise make every state message megabytes
 * (the page shows a few per server, and each server's exact count). The caps count them all.
 */
export const PAGE_STATE_CONNECTIONS = 200;

/**
 * Under a flood of events (more than HIGH_RATE_EVENTS in the last RATE_WINDOW_MS: 3,000 a second),
 * events reach the pages in batches at most every EVENT_BATCH_MS, not one message per tick: at
 * 20,000 events a second a page would otherwise get thousands of small messages a second, each a
 * task, a parse and a copy of its event list. Below that rate they go out as they come, as before.
 */
export const RATE_WINDOW_MS = 100;
export const HIGH_RATE_EVENTS = 300;
export const EVENT_BATCH_MS = 8;

export interface SessionOptions {
  agents: AgentLink[];
  /** After the last page leaves, servers reachable beyond loopback are stopped after this long. */
  exposedGraceMs: number;
  replayEvents?: number;
  /** Caps on servers, clients and connections (default: LIMITS). */
  limits?: Partial<SessionLimits>;
  log?: (line: string) => void;
}

/**
 * One learner's lab: its host agents, the numbered event history and the current state.
 * Pages come and go (reload, reconnect); the session and its sockets stay until the bridge stops.
 */
export class Session {
  readonly bridgeId = randomUUID();
  readonly log: EventLog;
  private readonly agents = new Map<string, AgentLink>();
  private readonly agentStates = new Map<string, LabState>();
  private readonly subscribers = new Set<SessionSubscriber>();
  private readonly pending = new Map<string, { labHost: string; settle: (reply: Reply) => void }>();
  private nextReq = 1;
  private exposedTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private netlab: NetLabState | null = null;
  /** The connection cap was reached and the pages were told (see warnIfFull). */
  private connectionsFull = false;
  /** Caps on what the session opens; `caps.limits` may be lowered (tests do). */
  readonly caps: SessionCaps;
  /** Events numbered but not yet handed to the pages (only under a flood; see EVENT_BATCH_MS). */
  private queued: SequencedLabEvent[] = [];
  private queueTimer: NodeJS.Timeout | undefined;
  private rateWindowStart = -Infinity;
  private rateWindowCount = 0;
  private flooded = false;

  constructor(private readonly options: SessionOptions) {
    this.log = new EventLog(options.replayEvents ?? LIMITS.replayEvents);
    this.caps = new SessionCaps(
      { ...DEFAULT_SESSION_LIMITS, ...options.limits },
      () => this.fullState,
      (labHost) => this.agentStates.get(labHost),
    );
    for (const agent of options.agents) this.addAgent(agent);
  }

  /** Add a host agent (the multi-host lab adds one per namespace). */
  addAgent(agent: AgentLink): void {
    this.agents.set(agent.labHost, agent);
    this.agentStates.set(agent.labHost, { servers: [], connections: [], steppers: [] });
    agent.onMessage((m) => this.onAgentMessage(agent.labHost, m));
    agent.onExit((detail) => this.onAgentExit(agent.labHost, detail));
  }

  /** Forget host agents that are gone (their lab stopped); the caller closed them. */
  removeAgents(labHosts: readonly string[]): void {
    for (const h of labHosts) {
      this.agents.delete(h);
      this.agentStates.delete(h);
      this.caps.forgetHost(h);
    }
    this.publishState();
  }

  /** The multi-host lab's status, shown with the rest of the state. */
  setNetLab(netlab: NetLabState | null): void {
    this.netlab = netlab;
    this.publishState();
  }

  private publishState(): void {
    // Events before the state that follows them.
    this.flushEvents();
    const state = this.state;
    for (const s of this.subscribers) s.onState(state);
    this.warnIfFull();
  }

  /**
   * Peers from outside the lab (a learner's own clients, other machines for an exposed server) can
   * fill the session's connections without any command: the pages are told once when the cap is
   * reached (new clients are refused from then on), and again only after it fell well below.
   */
  private warnIfFull(): void {
    const { connections } = this.caps.counts();
    const limit = this.caps.limits.maxConnections;
    if (!this.connectionsFull && connections >= limit) {
      this.connectionsFull = true;
      const error: WireError = { code: 'TOO_MANY_CONNECTIONS', message: `${connections} connections open; at most ${limit}`, context: { limit, count: connections } };
      for (const s of this.subscribers) s.onProblem?.(error);
    } else if (this.connectionsFull && connections < limit * 0.9) {
      this.connectionsFull = false;
    }
  }

  get labHosts(): string[] {
    return [...this.agents.keys()];
  }

  /**
   * The lab state as pages get it: every server and stepped program, and at most
   * PAGE_STATE_CONNECTIONS connections (then `connectionCount` says how many are open in all).
   */
  get state(): LabState {
    return this.mergedState(PAGE_STATE_CONNECTIONS);
  }

  /**
   * Every connection the agents listed (each lists at most a few hundred), and `connectionCount`
   * whenever one listed only some: what the caps count.
   */
  get fullState(): LabState {
    return this.mergedState(Infinity);
  }

  /** The agents' states as one, with at most `maxConnections` connections listed. */
  private mergedState(maxConnections: number): LabState {
    const states = [...this.agentStates.values()];
    let total = 0;
    const connections: LabState['connections'] = [];
    for (const s of states) {
      total += s.connectionCount ?? s.connections.length;
      for (const c of s.connections) {
        if (connections.length >= maxConnections) break;
        connections.push(c);
      }
    }
    return {
      servers: states.flatMap((s) => s.servers),
      connections,
      ...(total > connections.length ? { connectionCount: total } : {}),
      steppers: states.flatMap((s) => s.steppers),
      netlab: this.netlab,
    };
  }

  /** Flow-control counters of every open page. */
  pageStats(): PageStats[] {
    return [...this.subscribers].flatMap((s) => (s.stats ? [s.stats()] : []));
  }

  /** Pages open now. */
  get pageCount(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: SessionSubscriber): () => void {
    // A new page got the log up to now (replay): what is queued goes to the others only.
    this.flushEvents();
    this.subscribers.add(subscriber);
    clearTimeout(this.exposedTimer);
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0 && !this.closed) {
        this.exposedTimer = setTimeout(() => void this.stopExposedServers(), this.options.exposedGraceMs);
        this.exposedTimer.unref();
      }
    };
  }

  /**
   * A page's command: refused with TOO_MANY_SERVERS / TOO_MANY_CLIENTS / TOO_MANY_CONNECTIONS when
   * it would go over the session's caps, otherwise forwarded like run(). The bridge's own commands
   * (the who-can-connect matrix, expiry) use run() directly: bounded by construction, never refused.
   */
  runFromPage(command: LabCommand): Promise<Reply> {
    if (!this.agents.has(command.labHost) || this.closed) return this.run(command);
    const admission = this.caps.admit(command);
    if (!admission.ok) return Promise.resolve({ type: 'reply', reqId: command.reqId, ok: false, error: admission.error });
    return this.run(command).then((reply) => {
      admission.done(reply);
      return reply;
    });
  }

  /** Forward a command to its host agent; resolves with the agent's reply. */
  run(command: LabCommand): Promise<Reply> {
    const agent = this.agents.get(command.labHost);
    if (!agent || this.closed) {
      return Promise.resolve({
        type: 'reply',
        reqId: command.reqId,
        ok: false,
        error: { code: 'UNKNOWN_LAB_HOST', message: 'no such lab host', context: { labHost: command.labHost } },
      });
    }
    // Pages choose their own reqIds; the agent sees the session's, so two pages never collide.
    const internal = `r${this.nextReq++}`;
    return new Promise((resolve) => {
      this.pending.set(internal, { labHost: command.labHost, settle: (reply) => resolve({ ...reply, reqId: command.reqId }) });
      agent.send({ ...command, reqId: internal });
    });
  }

  private onAgentMessage(labHost: string, message: AgentMessage): void {
    switch (message.type) {
      case 'lab': {
        const entry = this.log.append(message.event);
        if (!this.queueUnderFlood(entry)) for (const s of this.subscribers) s.onEvent(entry);
        return;
      }
      case 'state': {
        this.agentStates.set(labHost, message.state);
        this.caps.seen(labHost, message.state);
        this.publishState();
        return;
      }
      case 'reply': {
        const pending = this.pending.get(message.reqId);
        this.pending.delete(message.reqId);
        pending?.settle(message);
        return;
      }
      case 'ready':
        return;
    }
  }

  /** Under a flood, queue the event for the next batch (true); otherwise it goes out now (false). */
  private queueUnderFlood(entry: SequencedLabEvent): boolean {
    const now = performance.now();
    if (now - this.rateWindowStart >= RATE_WINDOW_MS) {
      this.flooded = this.rateWindowCount >= HIGH_RATE_EVENTS && now - this.rateWindowStart < 2 * RATE_WINDOW_MS;
      this.rateWindowStart = now;
      this.rateWindowCount = 0;
    }
    this.rateWindowCount++;
    // Once queueing, keep queueing until the batch goes: order is kept.
    if (!this.flooded && this.queued.length === 0) return false;
    this.queued.push(entry);
    this.queueTimer ??= setTimeout(() => this.flushEvents(), EVENT_BATCH_MS);
    return true;
  }

  /** Hand every queued event to the pages, in order. */
  private flushEvents(): void {
    clearTimeout(this.queueTimer);
    this.queueTimer = undefined;
    if (this.queued.length === 0) return;
    const events = this.queued;
    this.queued = [];
    for (const entry of events) for (const s of this.subscribers) s.onEvent(entry);
  }

  /** An agent died on its own: its sockets are gone with it; answer whatever waited on it. */
  private onAgentExit(labHost: string, detail: string): void {
    this.options.log?.(`host agent ${labHost} ${detail}`);
    for (const [reqId, pending] of this.pending) {
      if (pending.labHost !== labHost) continue;
      this.pending.delete(reqId);
      pending.settle({ type: 'reply', reqId, ok: false, error: { code: 'AGENT_FAILED', message: detail, context: { labHost } } });
    }
    if (this.agentStates.has(labHost)) this.agentStates.set(labHost, { servers: [], connections: [], steppers: [] });
    this.caps.forgetHost(labHost);
    this.publishState();
  }

  /** The learner left: close servers that other machines could reach (loopback ones may stay). */
  async stopExposedServers(): Promise<void> {
    const { servers, steppers } = this.state;
    const exposed = servers.filter((s) => s.exposed);
    const exposedSteppers = steppers.filter((s) => s.listening && scopeOf(s.listening.address) !== 'loopback');
    await Promise.all([
      ...exposed.map((s) => this.run({ type: 'server.stop', reqId: `expire-${s.serverId}`, labHost: s.labHost, serverId: s.serverId })),
      ...exposedSteppers.map((s) => this.run({ type: 'stepper.stop', reqId: `expire-${s.stepperId}`, labHost: s.labHost, stepperId: s.stepperId })),
    ]);
    const count = exposed.length + exposedSteppers.length;
    if (count > 0) this.options.log?.(`stopped ${count} server(s) reachable from the network: no page is open`);
  }

  /** Close every socket of every agent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.exposedTimer);
    this.flushEvents();
    await Promise.all([...this.agents.values()].map((a) => a.close()));
  }
}
