import type { Endpoint, LabEvent } from '@socket-playground/protocol';
import { endKey, normalizeAddress } from '../flow/lanes.ts';
import type { DirIndex, Side, SocketEnd, StreamConnection, StreamDirection } from './stream-types.ts';

/**
 * Which sockets are the two ends of one TCP connection. A client's (local, remote) is the
 * accepted socket's (remote, local). Loopback addresses repeat on every lab host (each network
 * namespace has its own 127.0.0.1), so a loopback pair must also share its lab host; real card
 * addresses are unique within the lab, so a client on pc2 pairs with a server on pc1.
 */

export function isLoopback(endpoint: Endpoint): boolean {
  const a = normalizeAddress(endpoint.address);
  return a === '::1' || a.startsWith('127.');
}

/** The connection's key as the client sees it: "client end>server end", scoped for loopback. */
export function tupleKey(labHost: string, role: 'client' | 'accepted', local: Endpoint, remote: Endpoint): string {
  const scope = isLoopback(local) || isLoopback(remote) ? labHost : '*';
  const [client, server] = role === 'client' ? [local, remote] : [remote, local];
  return `${scope}|${endKey(client)}>${endKey(server)}`;
}

export function sideOf(role: SocketEnd['role']): Side {
  return role === 'client' ? 'a' : 'b';
}

/** The direction a socket's sends travel in (its recvs travel the other way). */
export function sendDir(side: Side): DirIndex {
  return side === 'a' ? 0 : 1;
}

export function recvDir(side: Side): DirIndex {
  return side === 'a' ? 1 : 0;
}

export function newSocketEnd(event: LabEvent, socketId: string, role: SocketEnd['role']): SocketEnd {
  return {
    key: `${event.labHost}/${socketId}`,
    labHost: event.labHost,
    socketId,
    owner: event.owner,
    role,
    local: null,
    remote: null,
    closed: null,
  };
}

function newDirection(index: DirIndex): StreamDirection {
  return { index, from: index === 0 ? 'a' : 'b', to: index === 0 ? 'b' : 'a', sends: [], recvs: [], blocks: [], sentTo: -1, readTo: -1, queued: null, eofSeq: null };
}

export function newConnection(n: number, seq: number, t: number): StreamConnection {
  return {
    id: `c${n}`,
    a: null,
    b: null,
    aEnd: null,
    bEnd: null,
    dirs: [newDirection(0), newDirection(1)],
    blocks: [],
    marks: [],
    hosts: [],
    firstSeq: seq,
    lastSeq: seq,
    firstT: t,
    lastT: t,
  };
}

/** Put a socket on its side of a connection and note the addresses it knows. */
export function seat(conn: StreamConnection, end: SocketEnd): void {
  const side = sideOf(end.role);
  conn[side] = end;
  if (!conn.hosts.includes(end.labHost)) conn.hosts.push(end.labHost);
  notePeers(conn, end);
}

/** The client's end is the accepted socket's remote and the other way round. */
export function notePeers(conn: StreamConnection, end: SocketEnd): void {
  if (end.role === 'client') {
    conn.aEnd ??= end.local;
    conn.bEnd ??= end.remote;
  } else {
    conn.bEnd ??= end.local;
    conn.aEnd ??= end.remote;
  }
}

/** Fold the blocks, marks and counters of `from` into `into` (two records of one connection). */
export function mergeConnection(from: StreamConnection, into: StreamConnection): void {
  for (const block of from.blocks) block.conn = into;
  const bySeq = (x: { seq: number }, y: { seq: number }) => x.seq - y.seq;
  into.blocks = [...into.blocks, ...from.blocks].sort(bySeq);
  into.marks = [...into.marks, ...from.marks].sort(bySeq);
  for (const i of [0, 1] as const) {
    const d = into.dirs[i];
    const f = from.dirs[i];
    d.sends = [...d.sends, ...f.sends].sort(bySeq);
    d.recvs = [...d.recvs, ...f.recvs].sort(bySeq);
    d.blocks = [...d.blocks, ...f.blocks].sort(bySeq);
    d.sentTo = Math.max(d.sentTo, f.sentTo);
    d.readTo = Math.max(d.readTo, f.readTo);
    d.queued = d.sends.at(-1)?.queued ?? d.queued;
    d.eofSeq ??= f.eofSeq;
  }
  for (const host of from.hosts) if (!into.hosts.includes(host)) into.hosts.push(host);
  into.firstSeq = Math.min(into.firstSeq, from.firstSeq);
  into.firstT = Math.min(into.firstT, from.firstT);
  into.lastSeq = Math.max(into.lastSeq, from.lastSeq);
  into.lastT = Math.max(into.lastT, from.lastT);
}

/**
 * Sockets waiting for their partner, by tuple key. A socket stays here until its partner
 * comes: in step mode a client may connect, send and close before the server accepts.
 */
export class Pairer {
  private readonly waiting = new Map<string, SocketEnd>();

  /** The waiting partner of a socket with this tuple, taken off the list; or null (then it waits). */
  partner(tuple: string, end: SocketEnd): SocketEnd | null {
    const other = this.waiting.get(tuple);
    if (other && other.role !== end.role && other.key !== end.key) {
      this.waiting.delete(tuple);
      return other;
    }
    this.waiting.set(tuple, end);
    return null;
  }

  /** Forget sockets whose connection was dropped from memory. */
  forget(keys: ReadonlySet<string>): void {
    for (const [tuple, end] of this.waiting) if (keys.has(end.key)) this.waiting.delete(tuple);
  }

  clear(): void {
    this.waiting.clear();
  }
}

/** Index of the first item whose `key(item)` is ≥ `value` (items sorted by it). */
export function lowerBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first item whose `key(item)` is > `value` (items sorted by it). */
export function upperBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
