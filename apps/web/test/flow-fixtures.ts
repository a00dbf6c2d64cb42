import type { Endpoint, LabEvent, SequencedLabEvent } from '@socket-playground/protocol';

/**
 * Builds realistic event sequences for the flow tests (and the demo sessions of the
 * screenshots): the same shapes the lab emits, with stream offsets kept per direction.
 */

type Role = 'listener' | 'accepted' | 'client';
type Base = Pick<LabEvent, 'ts' | 'labHost' | 'socketId' | 'owner' | 'role' | 'local' | 'remote' | 'nodeCall'>;
// Distributes over the union, so each call keeps its own fields.
type Draft = LabEvent extends infer E ? (E extends LabEvent ? Omit<E, keyof Base> : never) : never;

export interface Side {
  socketId: string;
  owner: string;
  role: Role;
  local: Endpoint;
  remote?: Endpoint;
  /** Everything this side has sent, as text. */
  sent: string;
  received: number;
  peer: Side | null;
}

export const ep = (port: number, address = '127.0.0.1'): Endpoint => ({ address, port, family: address.includes(':') && !address.includes('.') ? 'IPv6' : 'IPv4' });
const utf8 = (text: string) => new TextEncoder().encode(text);
const b64 = (text: string) => btoa(String.fromCharCode(...utf8(text)));
/** Fixtures stay ASCII, so characters are bytes. */
const byteLength = (text: string) => utf8(text).length;

export class Recorder {
  readonly events: SequencedLabEvent[] = [];
  ts = 1_700_000_000_000;
  private seq = 0;
  private sockets = 0;

  /** Let the clock run (a learner pausing between steps). */
  wait(ms: number): this {
    this.ts += ms;
    return this;
  }

  emit(side: Pick<Side, 'socketId' | 'owner' | 'role'> & Partial<Side>, event: Draft, nodeCall?: string): number {
    this.ts += 0.25;
    const base: Base = { ts: this.ts, labHost: 'local', socketId: side.socketId, owner: side.owner, role: side.role };
    if (side.local) base.local = side.local;
    if (side.remote) base.remote = side.remote;
    if (nodeCall) base.nodeCall = nodeCall;
    this.events.push({ seq: ++this.seq, event: { ...base, ...event } as LabEvent });
    return this.seq;
  }

  newSocketId(): string {
    return `s${++this.sockets}`;
  }

  /** server.listen(): socket, bind and listen in one Node call. */
  listen(owner: string, port: number, backlog = 128, address = '127.0.0.1'): Side {
    const side: Side = { socketId: this.newSocketId(), owner, role: 'listener', local: ep(port, address), sent: '', received: 0, peer: null };
    const call = 'server.listen()';
    this.emit({ ...side, local: undefined }, { call: 'socket', family: side.local.family }, call);
    this.emit(side, { call: 'bind', requested: { host: address, port } }, call);
    this.emit(side, { call: 'listen', backlog }, call);
    return side;
  }

  /** A lab client: socket() then (optionally blocking) connect(). */
  connect(owner: string, localPort: number, server: Endpoint, options: { nodeCall?: string; block?: boolean } = {}): Side {
    const side: Side = { socketId: this.newSocketId(), owner, role: 'client', local: ep(localPort, server.address), remote: server, sent: '', received: 0, peer: null };
    this.emit({ socketId: side.socketId, owner, role: 'client' }, { call: 'socket', family: server.family }, options.nodeCall);
    if (options.block) this.emit({ socketId: side.socketId, owner, role: 'client' }, { call: 'block', blockedCall: 'connect' }, options.nodeCall);
    this.emit(side, { call: 'connect', target: { host: server.address, port: server.port, address: server.address }, durationMs: 0.3 }, options.nodeCall);
    return side;
  }

  /** accept() on a listener returns the server's end of `client`'s connection (or of an outside peer). */
  accept(listener: Side, client: Side | Endpoint): Side {
    const remote = 'socketId' in client ? client.local : client;
    const side: Side = { socketId: this.newSocketId(), owner: listener.owner, role: 'accepted', local: listener.local, remote, sent: '', received: 0, peer: null };
    if ('socketId' in client) {
      side.peer = client;
      client.peer = side;
    } else {
      side.peer = { socketId: '-', owner: 'outside', role: 'client', local: remote, sent: '', received: 0, peer: side };
    }
    this.emit({ ...listener, remote }, { call: 'accept', newSocketId: side.socketId });
    return side;
  }

  block(side: Side, blockedCall: 'accept' | 'recv' | 'connect' | 'send', bufsize?: number): number {
    return this.emit(side, { call: 'block', blockedCall, ...(bufsize !== undefined ? { bufsize } : {}) });
  }

  send(side: Side, text: string): number {
    const offset = byteLength(side.sent);
    side.sent += text;
    return this.emit(side, { call: 'send', bytes: byteLength(text), offset, preview: b64(text), queued: 0 });
  }

  /** What an outside peer (nc) sends: no event, just bytes in the stream. */
  outsideSends(accepted: Side, text: string): void {
    if (accepted.peer) accepted.peer.sent += text;
  }

  /** recv(n): takes the next n bytes the peer sent (0 when nothing: an EOF). */
  recv(side: Side, n: number, bufsize?: number): number {
    const stream = side.peer?.sent ?? '';
    const chunk = stream.slice(side.received, side.received + n);
    const offset = side.received;
    side.received += chunk.length;
    const extra = bufsize !== undefined ? { bufsize } : {};
    return this.emit(side, { call: 'recv', bytes: chunk.length, offset, preview: b64(chunk), eof: false, ...extra });
  }

  eof(side: Side): number {
    return this.emit(side, { call: 'recv', bytes: 0, offset: side.received, preview: '', eof: true });
  }

  close(side: Side, reason: 'local' | 'peer' | 'reset' | 'error' = 'local'): number {
    return this.emit(side, { call: 'close', reason, bytesSent: byteLength(side.sent), bytesReceived: side.received });
  }

  error(side: Pick<Side, 'socketId' | 'owner' | 'role'>, code: string, failedCall: 'connect' | 'recv' | 'bind' | 'policy' = 'recv'): number {
    return this.emit(side, { call: 'error', failedCall, error: { code, message: code } });
  }
}

/** The notes' session: echo server, one client says "Hello, world", both close in order. */
export function echoSession(): { r: Recorder; server: Side; client: Side; accepted: Side } {
  const r = new Recorder();
  const server = r.listen('srv1', 65432);
  const client = r.connect('cli1', 50001, server.local);
  const accepted = r.accept(server, client);
  r.send(client, 'Hello, world');
  r.recv(accepted, 12);
  r.send(accepted, 'Hello, world');
  r.recv(client, 12);
  r.eof(accepted);
  r.close(accepted, 'peer');
  r.eof(client);
  r.close(client, 'local');
  return { r, server, client, accepted };
}
