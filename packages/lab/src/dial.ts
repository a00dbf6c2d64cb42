import { connect, type Socket } from 'node:net';
import type { WireError } from '@socket-playground/protocol';
import type { AgentContext } from './agent-context.ts';
import { checkPort, destinationAllowed } from './address.ts';
import { resolveHost } from './resolve.ts';
import { TrackedSocket } from './tracked-socket.ts';
import { mapNodeError, playgroundError } from './wire-error.ts';

export interface DialRequest {
  host: string;
  /** As typed by the learner: checked here, since a string would make Node connect to a Unix socket. */
  port: number | string;
  /** Give up on connect() after this long (ETIMEDOUT); without it the kernel retries for minutes. */
  connectTimeoutMs?: number | undefined;
}

export type DialFailedCall = 'connect' | 'policy' | 'send' | 'recv';

export type Dialled =
  | { ok: true; tracked: TrackedSocket; socketId: string; port: number; closed: Promise<void> }
  | { ok: false; error: WireError };

/** Report a client's failure as an error event, and hand the error back. */
export function clientRefusal(ctx: AgentContext, owner: string, error: WireError, failedCall: DialFailedCall, socketId = '-'): { ok: false; error: WireError } {
  ctx.emit({ ts: ctx.now(), labHost: ctx.labHost, socketId, owner, role: 'client', call: 'error', failedCall, error });
  return { ok: false, error };
}

/**
 * socket() and connect() for a lab client. The host is resolved once and checked against the
 * destinations the lab may reach; that exact address is dialled, so a name cannot point elsewhere
 * between the check and the connect. `onSocket` sees the raw socket at once (to abort it early).
 */
export async function dial(ctx: AgentContext, owner: string, request: DialRequest, onSocket: (socket: Socket) => void = () => {}): Promise<Dialled> {
  const context = { host: request.host, port: request.port };
  const port = checkPort(request.port, { allowZero: false });
  if (!port.ok) return clientRefusal(ctx, owner, playgroundError('INVALID_PORT', 'port out of range or not a whole number', context), 'connect');
  const resolved = await resolveHost(request.host, { emptyMeansAny: false });
  if (!resolved.ok) return clientRefusal(ctx, owner, resolved.error, 'connect');
  const target = resolved.addresses.find((a) => destinationAllowed(a.address, ctx.extraDestinations));
  if (!target) {
    const address = resolved.addresses[0]?.address ?? request.host;
    return clientRefusal(ctx, owner, playgroundError('DESTINATION_NOT_ALLOWED', 'not loopback or a lab host', { ...context, address }), 'policy');
  }

  const socketId = ctx.nextId('s');
  const base = { labHost: ctx.labHost, socketId, owner, role: 'client' as const };
  ctx.emit({ ...base, ts: ctx.now(), call: 'socket', family: target.family });
  const started = ctx.now();
  const socket = connect({ host: target.address, port: port.port, family: target.family === 'IPv6' ? 6 : 4, autoSelectFamily: false });
  onSocket(socket);

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

  let tracked: TrackedSocket | undefined;
  const closed = new Promise<void>((resolve) => {
    tracked = new TrackedSocket(ctx, socket, socketId, owner, 'client', () => resolve());
  });
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
  return { ok: true, tracked, socketId, port: port.port, closed };
}
