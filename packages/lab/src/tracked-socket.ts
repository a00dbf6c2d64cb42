import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { LIMITS, type ConnectionInfo, type Endpoint, type LabEventOf, type WireError } from '@socket-playground/protocol';
import type { AgentContext } from './agent-context.ts';
import { familyOf } from './address.ts';
import { mapNodeError } from './wire-error.ts';

type CloseReason = 'local' | 'peer' | 'reset' | 'error';

/**
 * Hot connections: a socket that makes more than HOT_CALLS send/recv calls within HOT_WINDOW_MS
 * reports them merged, one event per direction per window (`calls: k`, the total `bytes`, the first
 * call's offset, a preview of the merged bytes' start, and their `dataId` only if they are at most
 * MERGED_BYTES_KEPT). A window with at most HOT_EXIT_CALLS calls ends it (lower than HOT_CALLS, so a
 * busy connection that the scheduler slows for a moment does not flip back and forth): sparse calls,
 * and sockets that read with a bufsize (step mode, demonstrations of recv(bufsize)), always get one
 * event per call.
 */
export const HOT_WINDOW_MS = 16;
export const HOT_CALLS = 32;
export const HOT_EXIT_CALLS = 8;
export const MERGED_BYTES_KEPT = 64 * 1024;

/** Calls of one direction merged in the current hot window. */
class Merged {
  ts = 0;
  calls = 0;
  bytes = 0;
  offset = 0;
  queued = 0;
  /** The first chunks, until they hold a preview's worth. */
  readonly head: Buffer[] = [];
  headBytes = 0;
  /** Every chunk, while they add up to at most MERGED_BYTES_KEPT (then dropped: no dataId). */
  all: Buffer[] | undefined = [];

  /** The clock is read only for the first call (the merged event's time). */
  add(clock: { now(): number }, chunk: Buffer, offset: number): void {
    if (this.calls === 0) {
      this.ts = clock.now();
      this.offset = offset;
    }
    this.calls++;
    this.bytes += chunk.length;
    if (this.headBytes < LIMITS.previewBytes) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
    }
    if (this.all) {
      if (this.bytes <= MERGED_BYTES_KEPT) this.all.push(chunk);
      else this.all = undefined;
    }
  }

  reset(): void {
    this.calls = 0;
    this.bytes = 0;
    this.head.length = 0;
    this.headBytes = 0;
    this.all = [];
  }
}

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
  /** Start (performance.now()) of the current counting window, and the send/recv calls in it. */
  private windowStart = -Infinity;
  private windowCalls = 0;
  /** Set while the socket is hot: its calls merge until the timer reports them. */
  private hotTimer: NodeJS.Timeout | undefined;
  private mergedSend: Merged | undefined;
  private mergedRecv: Merged | undefined;
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

  /**
   * One event of this socket: the fields every event has, then `fields`. Built in this order on
   * purpose: in V8, `{ ...common, more }` makes an object about 2.4 times larger (a recv: 680
   * against 280 bytes), and the bridge keeps thousands of events in its replay ring.
   */
  private event<const F extends object>(fields: F, ts: number = this.ctx.now()) {
    return { ts, labHost: this.ctx.labHost, socketId: this.socketId, owner: this.owner, role: this.role, local: this.local, remote: this.remote, ...fields };
  }

  /**
   * Count this call in the current window; true when it should merge (the socket is hot).
   * Never for a socket with a bufsize: each of its recvs is what the learner is shown.
   */
  private hot(): boolean {
    if (this.hotTimer) {
      this.windowCalls++;
      return true;
    }
    if (this.bufsize !== undefined) return false;
    const now = performance.now();
    if (now - this.windowStart > HOT_WINDOW_MS) {
      this.windowStart = now;
      this.windowCalls = 0;
    }
    if (++this.windowCalls <= HOT_CALLS) return false;
    this.windowCalls = 1;
    this.armHotTimer();
    return true;
  }

  private armHotTimer(): void {
    this.hotTimer = setTimeout(() => this.hotTick(), HOT_WINDOW_MS);
    this.hotTimer.unref();
  }

  /** End of a hot window: report what merged; stay hot unless the window was quiet. */
  private hotTick(): void {
    const busy = this.windowCalls > HOT_EXIT_CALLS;
    this.windowCalls = 0;
    this.flushMerged();
    if (busy && !this.socket.destroyed) this.armHotTimer();
    else {
      this.hotTimer = undefined;
      this.windowStart = -Infinity;
    }
  }

  /** Report merged calls (the older direction first), e.g. before an event that must follow them. */
  private flushMerged(): void {
    const send = this.mergedSend?.calls ? this.mergedSend : undefined;
    const recv = this.mergedRecv?.calls ? this.mergedRecv : undefined;
    if (!send && !recv) return;
    if (send && recv && recv.ts < send.ts) {
      this.emitMerged('recv', recv);
      this.emitMerged('send', send);
    } else {
      if (send) this.emitMerged('send', send);
      if (recv) this.emitMerged('recv', recv);
    }
    this.ctx.stateChanged();
  }

  private emitMerged(call: 'send' | 'recv', m: Merged): void {
    const head = m.head.length === 1 ? m.head[0]! : Buffer.concat(m.head);
    const preview = head.subarray(0, LIMITS.previewBytes).toString('base64');
    let dataId: string | undefined;
    if (m.bytes > LIMITS.previewBytes && m.all) dataId = this.ctx.bytes.putOwned(m.all.length === 1 ? Buffer.from(m.all[0]!) : Buffer.concat(m.all, m.bytes));
    const calls = m.calls > 1 ? m.calls : undefined;
    if (call === 'send') {
      this.ctx.emit(this.event({ call, bytes: m.bytes, offset: m.offset, preview, ...(dataId ? { dataId } : {}), ...(calls ? { calls } : {}), queued: m.queued }, m.ts));
    } else {
      this.ctx.emit(this.event({ call, bytes: m.bytes, offset: m.offset, preview, ...(dataId ? { dataId } : {}), ...(calls ? { calls } : {}), eof: false }, m.ts));
    }
    m.reset();
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
    if (this.hot()) {
      const m = (this.mergedSend ??= new Merged());
      m.add(this.ctx, chunk, offset);
      m.queued = this.socket.writableLength;
      return accepted;
    }
    this.ctx.emit(this.event({ call: 'send', ...this.dataFields(chunk, offset), queued: this.socket.writableLength }));
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
    this.flushMerged();
    this.ctx.emit(this.event({ call: 'error', failedCall, error }));
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
    if (this.hot()) {
      (this.mergedRecv ??= new Merged()).add(this.ctx, chunk, offset);
      this.onReceive(chunk);
      return;
    }
    this.ctx.emit(this.event({ call: 'recv', ...this.dataFields(chunk, offset), ...(this.bufsize ? { bufsize: this.bufsize } : {}), eof: false }));
    this.ctx.stateChanged();
    this.onReceive(chunk);
  }

  private onEnd(): void {
    this.closeReason ??= 'peer';
    this.flushMerged();
    this.ctx.emit(this.event({ call: 'recv', bytes: 0, offset: this.bytesReceived, preview: '', eof: true }));
    this.onPeerEnd();
  }

  private onError(err: Error): void {
    const mapped = mapNodeError(err, 'recv', { host: this.remote.address, port: this.remote.port });
    this.closeReason = mapped.error.code === 'ECONNRESET' ? 'reset' : 'error';
    this.flushMerged();
    this.ctx.emit(this.event({ call: 'error', failedCall: mapped.failedCall, error: mapped.error }));
  }

  private onClose(): void {
    clearTimeout(this.hotTimer);
    this.hotTimer = undefined;
    this.flushMerged();
    this.ctx.emit(
      this.event({
        call: 'close',
        reason: this.closeReason ?? 'local',
        bytesSent: this.bytesSent,
        bytesReceived: this.bytesReceived,
      }),
    );
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
