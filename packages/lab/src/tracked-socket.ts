import type { Socket } from 'node:net';
import { LIMITS, type ConnectionInfo, type Endpoint, type LabEventOf, type WireError } from '@socket-playground/protocol';
import type { AgentContext } from './agent-context.ts';
import { familyOf } from './address.ts';
import { mapNodeError } from './wire-error.ts';

type CloseReason = 'local' | 'peer' | 'reset' | 'error';

export function endpointOf(address: string | undefined, port: number | undefined): Endpoint | undefined {
  if (address === undefined || port === undefined) return undefined;
  return { address, port, family: familyOf(address) };
}

/**
 * A connected TCP socket the lab owns, reporting its sends, recvs and close as events.
 * Stream offsets and byte counts per direction live here, so every event carries them.
 */
export class TrackedSocket {
  bytesSent = 0;
  bytesReceived = 0;
  private closeReason: CloseReason | undefined;
  readonly local: Endpoint;
  readonly remote: Endpoint;

  constructor(
    private readonly ctx: AgentContext,
    readonly socket: Socket,
    readonly socketId: string,
    readonly owner: string,
    readonly role: 'accepted' | 'client',
    private readonly onClosed: (tracked: TrackedSocket) => void,
    /** Set when the socket reads with recv(bufsize) semantics (Node's `onread` buffer): no 'data' events then. */
    private readonly bufsize?: number,
  ) {
    // Captured once: after close the kernel no longer answers getsockname/getpeername.
    const unknown: Endpoint = { address: '?', port: 0, family: 'IPv4' };
    this.local = endpointOf(socket.localAddress, socket.localPort) ?? unknown;
    this.remote = endpointOf(socket.remoteAddress, socket.remotePort) ?? unknown;
    if (bufsize === undefined) socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('error', (err) => this.onError(err));
    socket.on('close', () => this.onClose());
  }

  private base() {
    return {
      ts: this.ctx.now(),
      labHost: this.ctx.labHost,
      socketId: this.socketId,
      owner: this.owner,
      role: this.role,
      local: this.local,
      remote: this.remote,
    };
  }

  private dataFields(chunk: Buffer, offset: number) {
    // A chunk that fits in its preview is whole in the event: keeping a copy would only cost memory.
    const dataId = chunk.length > LIMITS.previewBytes ? this.ctx.bytes.put(chunk) : undefined;
    return {
      bytes: chunk.length,
      offset,
      preview: chunk.subarray(0, LIMITS.previewBytes).toString('base64'),
      ...(dataId ? { dataId } : {}),
    };
  }

  /**
   * send(): hand bytes to Node. The kernel takes them as buffer space allows. Returns write()'s
   * answer: false once Node's queue is over its high-water mark (the app should wait for 'drain').
   */
  send(chunk: Buffer): boolean {
    if (this.socket.destroyed || !this.socket.writable) return false;
    const offset = this.bytesSent;
    this.bytesSent += chunk.length;
    const accepted = this.socket.write(chunk);
    this.ctx.emit({ ...this.base(), call: 'send', ...this.dataFields(chunk, offset), queued: this.socket.writableLength });
    this.ctx.stateChanged();
    return accepted;
  }

  /** Orderly close from this side: FIN after queued data. */
  end(): void {
    this.closeReason ??= 'local';
    this.socket.end();
  }

  /** Close at once (used at shutdown); a learner sees it as a local close. */
  destroy(): void {
    this.closeReason ??= 'local';
    this.socket.destroy();
  }

  /** The owner's own failure on this socket (e.g. the application could not frame what arrived). */
  reportError(failedCall: LabEventOf<'error'>['failedCall'], error: WireError): void {
    this.ctx.emit({ ...this.base(), call: 'error', failedCall, error });
  }

  /** Hook for what the owner does with received bytes (the echo server sends them back). */
  onReceive: (chunk: Buffer) => void = () => {};
  /** Hook for end of stream from the peer. */
  onPeerEnd: () => void = () => {};
  /** Hook for after the close was reported. */
  onDone: () => void = () => {};

  /** One recv returned `chunk` (a 'data' event, or one read into the `onread` buffer, copied). */
  received(chunk: Buffer): void {
    const offset = this.bytesReceived;
    this.bytesReceived += chunk.length;
    this.ctx.emit({ ...this.base(), call: 'recv', ...this.dataFields(chunk, offset), ...(this.bufsize ? { bufsize: this.bufsize } : {}), eof: false });
    this.ctx.stateChanged();
    this.onReceive(chunk);
  }

  private onEnd(): void {
    this.closeReason ??= 'peer';
    this.ctx.emit({ ...this.base(), call: 'recv', bytes: 0, offset: this.bytesReceived, preview: '', eof: true });
    this.onPeerEnd();
  }

  private onError(err: Error): void {
    const mapped = mapNodeError(err, 'recv', { host: this.remote.address, port: this.remote.port });
    this.closeReason = mapped.error.code === 'ECONNRESET' ? 'reset' : 'error';
    this.ctx.emit({ ...this.base(), call: 'error', failedCall: mapped.failedCall, error: mapped.error });
  }

  private onClose(): void {
    this.ctx.emit({
      ...this.base(),
      call: 'close',
      reason: this.closeReason ?? 'local',
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
    });
    this.onClosed(this);
    this.ctx.stateChanged();
    this.onDone();
  }

  info(): ConnectionInfo {
    return {
      socketId: this.socketId,
      labHost: this.ctx.labHost,
      owner: this.owner,
      role: this.role,
      local: this.local,
      remote: this.remote,
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
    };
  }
}
