import type { Socket } from 'node:net';
import { LIMITS, type ReplyResult, type WireError } from '@socket-playground/protocol';
import type { AgentContext } from './agent-context.ts';
import { checkPort } from './address.ts';
import { clientRefusal, dial, type DialFailedCall } from './dial.ts';
import type { TrackedSocket } from './tracked-socket.ts';
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

  private refuse(error: WireError, failedCall: DialFailedCall, socketId = '-'): ClientResult {
    return clientRefusal(this.ctx, this.clientId, error, failedCall, socketId);
  }

  /** `onConnected`: called once connect() has returned (demonstrations count them). */
  async run(request: EchoClientRequest, onConnected: () => void = () => {}): Promise<ClientResult> {
    const { ctx } = this;
    const context = { host: request.host, port: request.port };
    const payload = Buffer.from(request.message, 'utf8');
    if (checkPort(request.port, { allowZero: false }).ok && payload.length > LIMITS.maxEchoMessageBytes) {
      return this.refuse(playgroundError('MESSAGE_TOO_LONG', `${payload.length} bytes`, { limit: LIMITS.maxEchoMessageBytes }), 'send');
    }
    const dialled = await dial(ctx, this.clientId, request, (socket) => (this.socket = socket));
    if (!dialled.ok) return dialled;
    const { tracked, socketId, closed } = dialled;
    const socket = tracked.socket;
    this.tracked = tracked;
    onConnected();

    let received = Buffer.alloc(0);
    let failure: WireError | undefined;
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
