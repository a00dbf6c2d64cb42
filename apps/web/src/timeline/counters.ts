import { lastIndexAtOrBefore } from '../replay/session-file.ts';
import type { ByteBlock, DirIndex, SocketEnd, StreamConnection, StreamDirection } from './stream-types.ts';

/**
 * The numbers a learner watches per direction of a connection: bytes the program sent, bytes
 * the peer program has read, the difference still on its way (in Node's queue, in the kernels'
 * buffers or on the wire), and Node's write queue after the latest write. Positions in the
 * stream, not sums of the blocks held, so they stay right after old events are dropped.
 */
export interface DirectionCounters {
  dir: DirIndex;
  /** Bytes the sending program handed to send(); null when the sender is not in the session. */
  sent: number | null;
  /** Bytes the receiving program got from recv(); null when the receiver is not in the session. */
  received: number | null;
  /** sent − received: written by the sender, not yet read by the receiver. */
  inFlight: number | null;
  /** Node's write queue after the latest send (null: no send seen). */
  queued: number | null;
  /** The receiver's recv() returned 0: this direction is finished. */
  eof: boolean;
  /** The receiver closed its socket with bytes still unread: they will never be read. */
  unreadAtClose: boolean;
}

function directionCounters(conn: StreamConnection, d: StreamDirection): DirectionCounters {
  const sender = conn[d.from];
  const receiver = conn[d.to];
  const sent = sender ? Math.max(0, d.sentTo) : null;
  const received = receiver ? Math.max(0, d.readTo) : null;
  const inFlight = sent !== null && received !== null ? Math.max(0, sent - received) : null;
  return {
    dir: d.index,
    sent,
    received,
    inFlight,
    queued: sender ? d.queued : null,
    eof: d.eofSeq !== null,
    unreadAtClose: Boolean(receiver?.closed) && (inFlight ?? 0) > 0,
  };
}

/** The counters now, or (`atSeq`, the replay's position) as they stood right after that event. */
export function countersOf(conn: StreamConnection, atSeq: number | null = null): [DirectionCounters, DirectionCounters] {
  if (atSeq !== null) return countersAt(conn, atSeq);
  return [directionCounters(conn, conn.dirs[0]), directionCounters(conn, conn.dirs[1])];
}

/** The last of `blocks` (in seq order) at or before `seq`. */
const lastAtOrBefore = (blocks: readonly ByteBlock[], seq: number): ByteBlock | undefined => blocks[lastIndexAtOrBefore(blocks, seq)];

/** A stream position after the last block at or before `seq`; after the side's close, the final one (a close moves no bytes). */
function positionAt(blocks: readonly ByteBlock[], end: SocketEnd | null, final: number, seq: number): number {
  if (end?.closed && end.closed.seq <= seq) return Math.max(0, final);
  const last = lastAtOrBefore(blocks, seq);
  return last ? last.offset + last.bytes : 0;
}

/**
 * The counters as they stood right after event `seq`: only the sends, recvs, EOFs and closes up to
 * it count. After the last event they equal the counters now.
 */
function countersAt(conn: StreamConnection, seq: number): [DirectionCounters, DirectionCounters] {
  const at = (d: StreamDirection): DirectionCounters => {
    const sender = conn[d.from];
    const receiver = conn[d.to];
    const sent = sender ? positionAt(d.sends, sender, d.sentTo, seq) : null;
    const received = receiver ? positionAt(d.recvs, receiver, d.readTo, seq) : null;
    const inFlight = sent !== null && received !== null ? Math.max(0, sent - received) : null;
    const lastSend = lastAtOrBefore(d.sends, seq);
    return {
      dir: d.index,
      sent,
      received,
      inFlight,
      queued: sender ? (lastSend?.queued ?? null) : null,
      eof: d.eofSeq !== null && d.eofSeq <= seq,
      unreadAtClose: Boolean(receiver?.closed && receiver.closed.seq <= seq) && (inFlight ?? 0) > 0,
    };
  };
  return [at(conn.dirs[0]), at(conn.dirs[1])];
}

export type ConnectionState = 'open' | 'closing' | 'closed' | 'reset';

/**
 * Open until a side closes; closed when every side in the session has; reset if an RST was seen.
 * With `atSeq` (the replay's position): as it stood right after that event.
 */
export function connectionState(conn: StreamConnection, atSeq: number | null = null): ConnectionState {
  const upTo = atSeq ?? Infinity;
  if (conn.marks.some((m) => m.kind === 'reset' && m.seq <= upTo)) return 'reset';
  const ends = [conn.a, conn.b].filter((e) => e !== null);
  const closed = ends.filter((e) => e.closed !== null && e.closed.seq <= upTo).length;
  if (closed === 0) return 'open';
  return closed === ends.length ? 'closed' : 'closing';
}

/**
 * Total bytes each way (for the connection list): sent if the sender is here, else what was read.
 * With `atSeq` (the replay's position): as they stood right after that event.
 */
export function bytesEachWay(conn: StreamConnection, atSeq: number | null = null): [number, number] {
  if (atSeq !== null) {
    const [up, down] = countersAt(conn, atSeq);
    const moved = (c: DirectionCounters) => c.sent ?? c.received ?? 0;
    return [moved(up), moved(down)];
  }
  const moved = (d: StreamDirection) => Math.max(0, conn[d.from] ? d.sentTo : d.readTo);
  return [moved(conn.dirs[0]), moved(conn.dirs[1])];
}
