import { connect, type Socket } from 'node:net';
import { LIMITS, type ReplyResult, type WireError } from '@socket-playground/protocol';
import type { AgentContext } from './agent-context.ts';
import { checkPort, destinationAllowed } from './address.ts';
import { resolveHost } from './resolve.ts';
import { TrackedSocket } from './tracked-socket.ts';
import { mapNodeError, playgroundError } from './wire-error.ts';

export interface EchoClientRequest {
  host: string;
  /** As typed by the learner: checked here, since a string would make Node listen on a Unix socket. */
  port: number | string;
  message: string;
  connectTimeoutMs?: number | undefined;
  /** How long to wait for the whole echo once connected (default LIMITS.echoTimeoutMs). */
  echoTimeoutMs?: number;
}

type ClientDone = Extract<ReplyResult, { kind: 'client.done' }>;
export type ClientResult = { ok: true; result: ClientDone } | { ok: false; error: WireError };

/**
 * The notes' echo client, for real: socket, connect, sendall(message), recv until the whole
 * echo is back, close. The host is resolved once, checked, and that exact address is dialled.
 */
export class EchoClient {
  private socket: Socket | undefined;
  private tracked: TrackedSocket | undefined;

  constructor(
    private readonly ctx: AgentContext,
    readonly clientId: string,
  ) {}

  private refuse(error: WireError, failedCall: 'connect' | 'policy' | 'send' | 'recv', socketId = '-'): ClientResult {
    const { ctx } = this;
    ctx.emit({ ts: ctx.now(), labHost: ctx.labHost, socketId, owner: this.clientId, role: 'client', call: 'error', failedCall, error });
    return { ok: false, error };
  }

  /** `onConnected`: called once connect() has returned (demonstrations count them). */
  async run(request: EchoClientRequest, onConnected: () => void = () => {}): Promise<ClientResult> {
    const { ctx } = this;
    const context = { host: request.host, port: request.port };
    const port = checkPort(request.port, { allowZero: false });
    if (!port.ok) return this.refuse(playgroundError('INVALID_PORT', 'port out of range or not a whole number', context), 'connect');
    const payload = Buffer.from(request.message, 'utf8');
    if (payload.length > LIMITS.maxEchoMessageBytes) {
      return this.refuse(playgroundError('MESSAGE_TOO_LONG', `${payload.length} bytes`, { limit: LIMITS.maxEchoMessageBytes }), 'send');
    }
    const resolved = await resolveHost(request.host, { emptyMeansAny: false });
    if (!resolved.ok) return this.refuse(resolved.error, 'connect');
    const target = resolved.addresses.find((a) => destinationAllowed(a.address, ctx.extraDestinations));
    if (!target) {
      const address = resolved.addresses[0]?.address ?? request.host;
      return this.refuse(playgroundError('DESTINATION_NOT_ALLOWED', 'not loopback or a lab host', { ...context, address }), 'policy');
    }

    const socketId = ctx.nextId('s');
    const base = { labHost: ctx.labHost, socketId, owner: this.clientId, role: 'client' as const };
    ctx.emit({ ...base, ts: ctx.now(), call: 'socket', family: target.family });
    const started = ctx.now();
    const socket = connect({ host: target.address, port: port.port, family: target.family === 'IPv6' ? 6 : 4, autoSelectFamily: false });
    this.socket = socket;

    const connected = await new Promise<{ ok: true } | { ok: false; err: unknown }>((resolve) => {
      const limit = request.connectTimeoutMs;
      // No SYN-ACK in time: report it as the kernel eventually would, without waiting minutes.
      const timer = limit
        ? setTimeout(() => resolve({ ok: false, err: Object.assign(new Error(`no answer within ${limit} ms`), { code: 'ETIMEDOUT', syscall: 'connect' }) }), limit)
        : undefined;
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve({ ok: true });
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        resolve({ ok: false, err });
      });
    });
    if (!connected.ok) {
      const mapped = mapNodeError(connected.err, 'connect', { ...context, address: target.address });
      ctx.emit({ ...base, ts: ctx.now(), call: 'error', failedCall: mapped.failedCall, error: mapped.error });
      ctx.emit({ ...base, ts: ctx.now(), call: 'close', reason: 'error', bytesSent: 0, bytesReceived: 0 });
      socket.destroy();
      return { ok: false, error: mapped.error };
    }

    let received = Buffer.alloc(0);
    let failure: WireError | undefined;
    const closed = new Promise<void>((resolve) => {
      this.tracked = new TrackedSocket(ctx, socket, socketId, this.clientId, 'client', () => resolve());
    });
    const tracked = this.tracked;
    if (!tracked) throw new Error('unreachable');
    ctx.emit({
      ...base,
      ts: ctx.now(),
      call: 'connect',
      target: { host: request.host, port: port.port, address: target.address },
      durationMs: ctx.now() - started,
      local: tracked.local,
      remote: tracked.remote,
    });
    ctx.stateChanged();
    onConnected();

    socket.on('error', (err) => (failure ??= mapNodeError(err, 'recv', context).error));
    const echoTimeoutMs = request.echoTimeoutMs ?? LIMITS.echoTimeoutMs;
    const timer = setTimeout(() => {
      failure ??= playgroundError('ECHO_TIMEOUT', 'echo incomplete', {
        received: received.length,
        expected: payload.length,
        timeoutMs: echoTimeoutMs,
      });
      tracked.destroy();
    }, echoTimeoutMs);
    tracked.onReceive = (chunk) => {
      received = Buffer.concat([received, chunk]);
      // The whole echo is back: close our side, as the notes' client leaves its `with` block.
      if (received.length >= payload.length) tracked.end();
    };
    tracked.onPeerEnd = () => {
      if (received.length < payload.length) failure ??= playgroundError('ECHO_TIMEOUT', 'peer closed before the echo was complete', {
        received: received.length,
        expected: payload.length,
        timeoutMs: echoTimeoutMs,
      });
    };
    tracked.send(payload);
    if (payload.length === 0) tracked.end();
    await closed;
    clearTimeout(timer);
    if (failure) {
      if (failure.code === 'ECHO_TIMEOUT') this.refuse(failure, 'recv', socketId);
      return { ok: false, error: failure };
    }
    return {
      ok: true,
      result: {
        kind: 'client.done',
        clientId: this.clientId,
        local: tracked.local,
        remote: tracked.remote,
        received: received.toString('base64'),
        echoed: received.equals(payload),
      },
    };
  }

  connectionInfo() {
    return this.tracked && !this.tracked.socket.destroyed ? [this.tracked.info()] : [];
  }

  /** Abort at shutdown. */
  destroy(): void {
    if (this.tracked) this.tracked.destroy();
    else this.socket?.destroy();
  }
}
