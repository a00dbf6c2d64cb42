import type { Socket as DgramSocket } from 'node:dgram';
import { connect, type TcpNetConnectOpts, type Socket } from 'node:net';
import type { WireError } from '@socket-playground/protocol';
import type { AgentContext } from './agent-context.ts';
import { checkPort, destinationAllowed, dialAddress } from './address.ts';
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

export type Destination = { ok: true; address: string; family: 'IPv4' | 'IPv6' } | { ok: false; error: WireError; failedCall: 'connect' | 'policy' };

/**
 * Resolve what the learner typed, once, and pick the address to dial: the first one the lab may
 * reach (loopback, or a lab host in `extraDestinations`), in the exact form it will be dialled
 * (see dialAddress). A name that resolves to loopback and elsewhere yields its loopback address;
 * one that resolves only elsewhere is refused with the address it resolved to.
 */
export async function chooseDestination(host: string, port: number | string, extraDestinations: readonly string[]): Promise<Destination> {
  const resolved = await resolveHost(host, { emptyMeansAny: false });
  if (!resolved.ok) return { ok: false, error: resolved.error, failedCall: 'connect' };
  const allowed = resolved.addresses.find((a) => destinationAllowed(a.address, extraDestinations));
  if (!allowed) {
    const first = resolved.addresses[0];
    const address = first ? dialAddress(first.address).address : host;
    const all = resolved.addresses.map((a) => a.address);
    const context = { host, port, address, ...(all.length > 1 ? { resolved: all.join(', ').slice(0, 512) } : {}) };
    return { ok: false, error: playgroundError('DESTINATION_NOT_ALLOWED', 'not loopback or a lab host', context), failedCall: 'policy' };
  }
  const target = dialAddress(allowed.address);
  // dialAddress only rewrites within this host (mapped → IPv4, unspecified → loopback); check the result anyway.
  if (!destinationAllowed(target.address, extraDestinations)) {
    return { ok: false, error: playgroundError('DESTINATION_NOT_ALLOWED', 'not loopback or a lab host', { host, port, address: target.address }), failedCall: 'policy' };
  }
  return { ok: true, ...target };
}

/**
 * The one place a lab client socket is created (dial() and the demonstrations' clients): connect()
 * to an IP literal the policy allows, never a name, never anything else. Throws on anything else:
 * that would be a bug in the caller, which must have refused the destination already.
 */
export function openClientSocket(options: TcpNetConnectOpts & { host: string }, extraDestinations: readonly string[] = []): Socket {
  if (!destinationAllowed(options.host, extraDestinations)) throw new Error(`refusing to connect to ${options.host}: not loopback or a lab host`);
  return connect({ ...options, autoSelectFamily: false });
}

/**
 * The one place the lab sends a datagram (the UDP demonstration): sendto() an IP literal the policy
 * allows, like openClientSocket. Throws before sending anything else (a bug in the caller).
 */
export function sendDatagram(socket: DgramSocket, data: Buffer, port: number, host: string, extraDestinations: readonly string[] = []): Promise<void> {
  if (!destinationAllowed(host, extraDestinations)) throw new Error(`refusing to send to ${host}: not loopback or a lab host`);
  return new Promise<void>((resolve, reject) => socket.send(data, port, host, (err) => (err ? reject(err) : resolve())));
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
  const target = await chooseDestination(request.host, port.port, ctx.extraDestinations);
  if (!target.ok) return clientRefusal(ctx, owner, target.error, target.failedCall);

  const socketId = ctx.nextId('s');
  const base = { labHost: ctx.labHost, socketId, owner, role: 'client' as const };
  ctx.emit({ ...base, ts: ctx.now(), call: 'socket', family: target.family });
  const started = ctx.now();
  const socket = openClientSocket({ host: target.address, port: port.port, family: target.family === 'IPv6' ? 6 : 4 }, ctx.extraDestinations);
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
