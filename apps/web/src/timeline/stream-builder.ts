import type { Endpoint, LabEvent, LabEventOf, SequencedLabEvent } from '@socket-playground/protocol';
import { endKey } from '../flow/lanes.ts';
import { lastIndexAtOrBefore } from '../replay/session-file.ts';
import { lowerBound, mergeConnection, newConnection, newSocketEnd, notePeers, Pairer, recvDir, seat, sendDir, sideOf, tupleKey } from './pairing.ts';
import type { ByteBlock, DirIndex, MarkKind, SocketEnd, StreamConnection, StreamMark, StreamModel } from './stream-types.ts';

export type * from './stream-types.ts';

interface SocketState {
  end: SocketEnd;
  conn: StreamConnection | null;
  /** Its addresses are known (it has been offered to the pairer). */
  known: boolean;
  lastSeq: number;
}

/**
 * Builds the byte streams from the ordered events, and keeps them up to date as events arrive:
 * `update()` with the page's event array applies only the events after the last seq it saw
 * (the ring keeps entries in order and by identity), and forgets what the ring let go of.
 * Anything else (a loaded file, a restarted bridge) rebuilds from scratch. Each event costs
 * O(1) amortised (O(log n) to find where to resume), so a session of 100,000 events builds in
 * one linear pass and a batch of new events costs as much as the batch.
 */
export class StreamBuilder {
  private sockets = new Map<string, SocketState>();
  private readonly pairer = new Pairer();
  private connections: StreamConnection[] = [];
  private blocks: ByteBlock[] = [];
  private hosts: string[] = [];
  private nextConn = 1;
  private lastT: number | null = null;
  private maxBytes = 0;
  private version = 0;
  private generation = 0;
  private source: readonly SequencedLabEvent[] | null = null;
  private last: SequencedLabEvent | null = null;
  private firstSeq = 0;
  private appliedCount = 0;
  private model: StreamModel = this.snapshot();

  /** The model of these events; the same object while the array is the same. */
  update(events: readonly SequencedLabEvent[]): StreamModel {
    if (events === this.source) return this.model;
    let start = this.resumeAt(events);
    if (start < 0) {
      this.reset();
      start = 0;
    }
    const first = events[0]?.seq ?? 0;
    if (start > 0 && first > this.firstSeq) this.trim(first);
    this.firstSeq = first;
    for (let i = start; i < events.length; i++) this.apply(events[i]!);
    this.appliedCount += events.length - start;
    this.source = events;
    this.last = events.at(-1) ?? null;
    this.model = this.snapshot();
    return this.model;
  }

  /** Events applied since this builder was made (each once, unless a rebuild started over). */
  get applied(): number {
    return this.appliedCount;
  }

  /** Index of the first event not applied yet, or -1 when these events do not continue ours. */
  private resumeAt(events: readonly SequencedLabEvent[]): number {
    const last = this.last;
    if (last === null) return -1;
    if (events.length === 0 || events[0]!.seq < this.firstSeq) return -1;
    const i = lastIndexAtOrBefore(events, last.seq);
    const at = events[i];
    if (!at || at.seq !== last.seq) return -1;
    if (at !== last && (at.event.ts !== last.event.ts || at.event.call !== last.event.call)) return -1;
    return i + 1;
  }

  private reset(): void {
    this.generation++;
    this.sockets = new Map();
    this.pairer.clear();
    this.connections = [];
    this.blocks = [];
    this.hosts = [];
    this.nextConn = 1;
    this.lastT = null;
    this.maxBytes = 0;
  }

  private snapshot(): StreamModel {
    return {
      version: ++this.version,
      generation: this.generation,
      connections: this.connections,
      blocks: this.blocks,
      hosts: this.hosts,
      firstSeq: this.firstSeq,
      lastSeq: this.last?.seq ?? 0,
      firstT: this.source?.[0]?.event.ts ?? null,
      lastT: this.lastT,
      maxBytes: this.maxBytes,
    };
  }

  private apply(source: SequencedLabEvent): void {
    const { seq, event } = source;
    const t = Math.max(event.ts, this.lastT ?? event.ts);
    this.lastT = t;
    if (event.call === 'accept') {
      // The event is on the listener; it names the new socket and its two addresses.
      const state = this.socket(event, event.newSocketId, 'accepted', seq);
      if (event.local && event.remote && !state.known) this.learn(state, event.local, event.remote, seq, t);
      return;
    }
    if (event.socketId === '-' || event.role === 'listener') return;
    const state = this.socket(event, event.socketId, event.role, seq);
    if (event.local && event.remote && !state.known) this.learn(state, event.local, event.remote, seq, t);
    switch (event.call) {
      case 'send':
      case 'recv':
        if (event.call === 'recv' && event.eof) {
          const conn = this.connOf(state, seq, t);
          const dir = recvDir(sideOf(state.end.role));
          conn.dirs[dir].eofSeq = seq;
          this.mark(conn, state.end, { kind: 'eof', seq, ts: event.ts, t, dir, label: 'EOF' });
        } else this.block(this.connOf(state, seq, t), state.end, source, t, event);
        break;
      case 'close':
        this.close(state, seq, t, event);
        break;
      case 'error':
        if (state.conn) this.error(state, seq, t, event);
        break;
      default:
        if (state.conn) touch(state.conn, seq, t);
    }
  }

  private socket(event: LabEvent, socketId: string, role: SocketEnd['role'], seq: number): SocketState {
    const key = `${event.labHost}/${socketId}`;
    let state = this.sockets.get(key);
    if (!state) {
      state = { end: newSocketEnd(event, socketId, role), conn: null, known: false, lastSeq: seq };
      this.sockets.set(key, state);
    }
    state.lastSeq = seq;
    return state;
  }

  /** The socket's addresses are known: join its partner's connection, or open one and wait for it. */
  private learn(state: SocketState, local: Endpoint, remote: Endpoint, seq: number, t: number): void {
    const { end } = state;
    state.known = true;
    end.local = endKey(local);
    end.remote = endKey(remote);
    const partner = this.pairer.partner(tupleKey(end.labHost, end.role, local, remote), end);
    const other = partner ? this.sockets.get(partner.key) : undefined;
    if (other?.conn) {
      if (state.conn && state.conn !== other.conn) this.merge(state.conn, other.conn);
      seat(other.conn, end);
      state.conn = other.conn;
      touch(other.conn, seq, t);
      return;
    }
    if (state.conn) notePeers(state.conn, end);
    else this.connOf(state, seq, t);
  }

  private connOf(state: SocketState, seq: number, t: number): StreamConnection {
    if (!state.conn) {
      state.conn = newConnection(this.nextConn++, seq, t);
      seat(state.conn, state.end);
      this.connections.push(state.conn);
      if (!this.hosts.includes(state.end.labHost)) this.hosts = [...this.hosts, state.end.labHost];
    }
    touch(state.conn, seq, t);
    return state.conn;
  }

  private block(conn: StreamConnection, end: SocketEnd, source: SequencedLabEvent, t: number, event: LabEventOf<'send'> | LabEventOf<'recv'>): void {
    const side = sideOf(end.role);
    const dir: DirIndex = event.call === 'send' ? sendDir(side) : recvDir(side);
    const block = new EventBlock(source, end, conn, dir, t);
    const d = conn.dirs[dir];
    const stop = event.offset + event.bytes;
    if (event.call === 'send') {
      d.sends.push(block);
      d.sentTo = Math.max(d.sentTo, stop);
      d.queued = event.queued;
    } else {
      d.recvs.push(block);
      d.readTo = Math.max(d.readTo, stop);
    }
    d.blocks.push(block);
    conn.blocks.push(block);
    this.blocks.push(block);
    this.maxBytes = Math.max(this.maxBytes, event.bytes);
  }

  private close(state: SocketState, seq: number, t: number, event: LabEventOf<'close'>): void {
    const { end, conn } = state;
    end.closed = { seq, reason: event.reason };
    if (!conn) return;
    const side = sideOf(end.role);
    const out = conn.dirs[sendDir(side)];
    const into = conn.dirs[recvDir(side)];
    out.sentTo = Math.max(out.sentTo, event.bytesSent);
    into.readTo = Math.max(into.readTo, event.bytesReceived);
    const kind: MarkKind = event.reason === 'reset' ? 'reset' : event.reason === 'error' ? 'error' : 'close';
    const label = event.reason === 'reset' ? 'reset (RST)' : `close (${event.reason})`;
    this.mark(conn, end, { kind, seq, ts: event.ts, t, dir: kind === 'reset' ? into.index : out.index, label, reason: event.reason });
  }

  private error(state: SocketState, seq: number, t: number, event: LabEventOf<'error'>): void {
    const { end } = state;
    const conn = state.conn!;
    const code = event.error.code;
    const reset = code === 'ECONNRESET' || code === 'EPIPE';
    const side = sideOf(end.role);
    const dir = reset ? recvDir(side) : sendDir(side);
    this.mark(conn, end, { kind: reset ? 'reset' : 'error', seq, ts: event.ts, t, dir, label: `${event.failedCall}: ${code}`, code });
  }

  private mark(conn: StreamConnection, end: SocketEnd, mark: Omit<StreamMark, 'side'>): void {
    conn.marks.push({ ...mark, side: sideOf(end.role) });
    touch(conn, mark.seq, mark.t);
  }

  /** Two records of one connection (a socket's bytes came before its addresses): fold `from` into `into`. */
  private merge(from: StreamConnection, into: StreamConnection): void {
    mergeConnection(from, into);
    this.connections = this.connections.filter((c) => c !== from);
  }

  /** The ring let go of events before `minSeq`: drop their blocks and marks, and connections left empty. */
  private trim(minSeq: number): void {
    const bySeq = (x: { seq: number }) => x.seq;
    const cut = <T extends { seq: number }>(items: T[]) => {
      const k = lowerBound(items, minSeq, bySeq);
      if (k > 0) items.splice(0, k);
    };
    cut(this.blocks);
    const gone = new Set<string>();
    const kept: StreamConnection[] = [];
    for (const conn of this.connections) {
      if (conn.lastSeq < minSeq) {
        for (const end of [conn.a, conn.b]) if (end) gone.add(end.key);
        continue;
      }
      kept.push(conn);
      if (conn.firstSeq >= minSeq) continue;
      cut(conn.blocks);
      cut(conn.marks);
      for (const d of conn.dirs) {
        cut(d.sends);
        cut(d.recvs);
        cut(d.blocks);
      }
      conn.firstSeq = minSeq;
      conn.firstT = Math.max(conn.firstT, conn.blocks[0]?.t ?? conn.marks[0]?.t ?? conn.firstT);
    }
    if (kept.length !== this.connections.length) this.connections = kept;
    for (const [key, state] of this.sockets) {
      if (gone.has(key) || (state.conn === null && state.lastSeq < minSeq)) this.sockets.delete(key);
    }
    if (gone.size > 0) this.pairer.forget(gone);
  }
}

type BlockEvent = LabEventOf<'send'> | LabEventOf<'recv'>;

/**
 * A ByteBlock that keeps only what its event does not: a million blocks each hold five
 * references (the event, the socket, the connection, the direction, and the timeline time when
 * it differs from the event's), and read the rest from the event (which the page keeps anyway).
 */
class EventBlock implements ByteBlock {
  private readonly late: number | undefined;

  constructor(
    private readonly source: SequencedLabEvent,
    private readonly end: SocketEnd,
    public conn: StreamConnection,
    public readonly dir: DirIndex,
    t: number,
  ) {
    this.late = t === source.event.ts ? undefined : t;
  }

  private get event(): BlockEvent {
    return this.source.event as BlockEvent;
  }

  get seq(): number {
    return this.source.seq;
  }
  get ts(): number {
    return this.source.event.ts;
  }
  get t(): number {
    return this.late ?? this.source.event.ts;
  }
  get call(): 'send' | 'recv' {
    return this.event.call;
  }
  get labHost(): string {
    return this.end.labHost;
  }
  get socketId(): string {
    return this.end.socketId;
  }
  get owner(): string {
    return this.end.owner;
  }
  get bytes(): number {
    return this.event.bytes;
  }
  get offset(): number {
    return this.event.offset;
  }
  get preview(): string {
    return this.event.preview;
  }
  get dataId(): string | undefined {
    return this.event.dataId;
  }
  get queued(): number | undefined {
    const e = this.event;
    return e.call === 'send' ? e.queued : undefined;
  }
  get bufsize(): number | undefined {
    const e = this.event;
    return e.call === 'recv' ? e.bufsize : undefined;
  }
}

function touch(conn: StreamConnection, seq: number, t: number): void {
  conn.lastSeq = Math.max(conn.lastSeq, seq);
  conn.lastT = Math.max(conn.lastT, t);
}

/** The byte streams of these events, built in one pass (for tests and benchmarks). */
export function buildStreams(events: readonly SequencedLabEvent[]): StreamModel {
  return new StreamBuilder().update(events);
}
