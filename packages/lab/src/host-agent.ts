import { LIMITS, type AgentCommand, type AgentMessage, type LabCommand, type LabState, type Reply, type WireError } from '@socket-playground/protocol';
import { createAgentContext, type AgentContext } from './agent-context.ts';
import { AppClient } from './app/app-client.ts';
import { appConnectionHandler } from './app/app-server.ts';
import { EchoClient } from './echo-client.ts';
import { DemoScope } from './demo/demo-scope.ts';
import { runDemo } from './demo/run-demo.ts';
import { EchoServer } from './echo-server.ts';
import { Stepper } from './step/stepper.ts';
import { playgroundError } from './wire-error.ts';

/** Under a stream of changes, a lab state snapshot goes out at most this often… */
export const STATE_INTERVAL_MS = 20;
/** …and at most this often once it lists more than STATE_SMALL_CONNECTIONS connections. */
export const STATE_INTERVAL_LARGE_MS = 200;
export const STATE_SMALL_CONNECTIONS = 200;
/** A snapshot lists at most this many connections (then `connectionCount` has the total). */
export const SNAPSHOT_CONNECTIONS = 500;

export interface HostAgentOptions {
  labHost: string;
  /** CIDRs of other lab hosts this agent may connect to (loopback is always allowed). */
  extraDestinations?: readonly string[];
  /** Runs in its own network namespace (see AgentContext.isolated). */
  isolated?: boolean;
  /** Where every message goes: straight to the bridge, or to stdout as JSON lines. */
  send: (message: AgentMessage) => void;
}

/**
 * Runs real servers and clients on one host and reports what they do. It knows nothing of
 * WebSockets or pages: commands in, messages out, so it can run in the bridge's process or as
 * a child process in another network namespace, speaking the same protocol over stdio.
 */
export class HostAgent {
  private readonly ctx: AgentContext;
  private readonly servers = new Map<string, EchoServer>();
  private readonly clients = new Map<string, EchoClient | AppClient>();
  private readonly steppers = new Map<string, Stepper>();
  /** Demonstrations running now, closed at shutdown. */
  private readonly demos = new Set<DemoScope>();
  private statePending = false;
  private stateTimer: NodeJS.Timeout | undefined;
  private stateImmediate: NodeJS.Immediate | undefined;
  /** When the last snapshot went out (performance.now()), and how many connections it listed. */
  private lastStateAt = -Infinity;
  private lastStateConnections = 0;
  private stopped = false;

  constructor(private readonly options: HostAgentOptions) {
    this.ctx = createAgentContext({
      labHost: options.labHost,
      extraDestinations: options.extraDestinations ?? [],
      isolated: options.isolated ?? false,
      retainedBytes: LIMITS.retainedBytesPerAgent,
      emit: (event) => options.send({ type: 'lab', event }),
      stateChanged: () => this.scheduleState(),
    });
  }

  get labHost(): string {
    return this.options.labHost;
  }

  /** Handle one command; the reply (if any) goes out through `send`. Never throws. */
  async handle(command: AgentCommand): Promise<void> {
    if (command.type === 'shutdown') {
      await this.shutdown();
      return;
    }
    let reply: Reply;
    try {
      reply = await this.run(command);
    } catch (err) {
      // A bug, not a socket error: report it instead of taking the agent down.
      reply = fail(command.reqId, playgroundError('INTERNAL', err instanceof Error ? err.message : String(err)));
    }
    this.options.send(reply);
  }

  private async run(command: LabCommand): Promise<Reply> {
    if (this.stopped) return fail(command.reqId, playgroundError('AGENT_FAILED', 'agent is shutting down'));
    switch (command.type) {
      case 'server.start': {
        const started = command.kind === 'app' ? await EchoServer.start(this.ctx, command, appConnectionHandler(), 'app') : await EchoServer.start(this.ctx, command);
        if (!started.ok) return fail(command.reqId, started.error);
        const { server } = started;
        this.servers.set(server.serverId, server);
        this.flushState();
        return ok(command.reqId, { kind: 'server.started', serverId: server.serverId, listening: server.listening, exposed: server.exposed });
      }
      case 'server.stop': {
        const server = this.servers.get(command.serverId);
        if (!server) return fail(command.reqId, playgroundError('UNKNOWN_SERVER', 'no such server', { serverId: command.serverId }));
        this.servers.delete(command.serverId);
        await server.stop();
        // The state without it goes out before the reply: whoever counts servers sees the room at once.
        this.flushState();
        return ok(command.reqId, { kind: 'server.stopped', serverId: command.serverId });
      }
      case 'client.run': {
        const client = new EchoClient(this.ctx, this.ctx.nextId('cli'));
        return this.runClient(command.reqId, client, () => client.run(command));
      }
      case 'app.request': {
        const client = new AppClient(this.ctx, this.ctx.nextId('cli'));
        return this.runClient(command.reqId, client, () => client.run(command));
      }
      case 'stepper.start': {
        const created = await Stepper.create(this.ctx, command);
        if (!created.ok) return fail(command.reqId, created.error);
        this.steppers.set(created.stepper.stepperId, created.stepper);
        this.flushState();
        return ok(command.reqId, { kind: 'stepper', stepperId: created.stepper.stepperId });
      }
      case 'stepper.step':
      case 'stepper.run':
      case 'stepper.bufsize':
      case 'stepper.stop': {
        const stepper = this.steppers.get(command.stepperId);
        if (!stepper) return fail(command.reqId, playgroundError('UNKNOWN_STEPPER', 'no such program', { stepperId: command.stepperId }));
        if (command.type === 'stepper.step') {
          const refused = stepper.step();
          if (refused) return fail(command.reqId, refused);
        } else if (command.type === 'stepper.run') {
          stepper.setRunning(command.running);
        } else if (command.type === 'stepper.bufsize') {
          stepper.setBufsize(command.bufsize);
        } else {
          this.steppers.delete(command.stepperId);
          await stepper.stop();
          this.flushState();
        }
        return ok(command.reqId, { kind: 'stepper', stepperId: command.stepperId });
      }
      case 'demo.run': {
        const scope = new DemoScope();
        this.demos.add(scope);
        try {
          const result = await runDemo(this.ctx, command.spec, scope);
          return result.ok ? ok(command.reqId, { kind: 'demo', summary: result.summary }) : fail(command.reqId, result.error);
        } finally {
          this.demos.delete(scope);
        }
      }
      case 'bytes.get': {
        const data = this.ctx.bytes.get(command.dataId);
        return ok(command.reqId, { kind: 'bytes', dataId: command.dataId, data: data ? data.toString('base64') : null });
      }
    }
  }

  /** A one-shot client: listed (its connection shows, shutdown aborts it) only while it runs. */
  private async runClient(
    reqId: string,
    client: EchoClient | AppClient,
    run: () => Promise<{ ok: true; result: Extract<Reply, { ok: true }>['result'] } | { ok: false; error: WireError }>,
  ): Promise<Reply> {
    this.clients.set(client.clientId, client);
    try {
      const result = await run();
      return result.ok ? ok(reqId, result.result) : fail(reqId, result.error);
    } finally {
      this.clients.delete(client.clientId);
    }
  }

  /**
   * The lab as it is now. At most SNAPSHOT_CONNECTIONS connections are listed, then
   * `connectionCount` says how many are open in all (each server's own count is exact): with
   * 10,000 connections a full list would be megabytes, kept alive until the next snapshot.
   */
  snapshot(): LabState {
    const servers = [...this.servers.values()];
    const all = [...servers.flatMap((s) => s.connectionInfos()), ...[...this.clients.values()].flatMap((c) => c.connectionInfo())];
    const connections = all.length > SNAPSHOT_CONNECTIONS ? all.slice(0, SNAPSHOT_CONNECTIONS) : all;
    return {
      servers: servers.map((s) => s.info()),
      connections,
      ...(all.length > connections.length ? { connectionCount: all.length } : {}),
      steppers: [...this.steppers.values()].map((s) => s.info()),
    };
  }

  /**
   * Coalesce changes into snapshots. After a quiet spell a change goes out on the next tick, as
   * before; under a stream of changes (every send and recv is one: byte counts) at most one
   * snapshot per STATE_INTERVAL_MS, or per STATE_INTERVAL_LARGE_MS once it lists more than
   * STATE_SMALL_CONNECTIONS connections (10,000 connections make a snapshot of megabytes). The
   * last change is always sent: a snapshot is only ever delayed, never skipped.
   */
  private scheduleState(): void {
    if (this.statePending) return;
    this.statePending = true;
    const interval = this.lastStateConnections > STATE_SMALL_CONNECTIONS ? STATE_INTERVAL_LARGE_MS : STATE_INTERVAL_MS;
    const wait = this.lastStateAt + interval - performance.now();
    if (wait <= 0) this.stateImmediate = setImmediate(() => this.sendState());
    else this.stateTimer = setTimeout(() => this.sendState(), Math.ceil(wait));
  }

  /**
   * Send the state now, instead of whenever it was due: a server or stepped program started or
   * stopped (a learner's command, rare) is in the state before the reply goes out.
   */
  private flushState(): void {
    clearTimeout(this.stateTimer);
    clearImmediate(this.stateImmediate);
    this.sendState();
  }

  private sendState(): void {
    this.statePending = false;
    this.stateTimer = undefined;
    this.stateImmediate = undefined;
    const state = this.snapshot();
    this.lastStateAt = performance.now();
    this.lastStateConnections = state.connectionCount ?? state.connections.length;
    this.options.send({ type: 'state', state });
  }

  /** Close every socket this agent opened. Safe to call twice. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    for (const client of this.clients.values()) client.destroy();
    const servers = [...this.servers.values()];
    const steppers = [...this.steppers.values()];
    this.servers.clear();
    this.steppers.clear();
    const demos = [...this.demos];
    this.demos.clear();
    await Promise.all([...servers.map((s) => s.stop()), ...steppers.map((s) => s.stop()), ...demos.map((d) => d.close())]);
  }
}

function ok(reqId: string, result: Extract<Reply, { ok: true }>['result']): Reply {
  return { type: 'reply', reqId, ok: true, result };
}

function fail(reqId: string, error: WireError): Reply {
  return { type: 'reply', reqId, ok: false, error };
}
