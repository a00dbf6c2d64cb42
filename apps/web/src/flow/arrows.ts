import { base64ToBytes, printableText } from '../format/bytes.ts';
import type { DataEvent, SocketRecord } from './connections.ts';
import type { FlowArrow, FlowConnection } from './flow-types.ts';

/**
 * The arrows between lanes: bytes from a send() to the recv()s that returned them, matched by
 * their position in the byte stream (TCP keeps no message boundaries, so one send may come out
 * as several recvs and several sends as one recv); FINs into recv() == b''; resets.
 */

const PREVIEW_CHARS = 24;

/** Printable text of bytes [from, to) of the stream, from whichever event's preview holds them. */
function previewText(from: number, to: number, ...holders: DataEvent[]): string {
  for (const h of holders) {
    const bytes = base64ToBytes(h.preview);
    const start = from - h.offset;
    const end = Math.min(to - h.offset, bytes.length);
    if (start >= 0 && start < bytes.length) {
      const text = printableText(bytes.subarray(start, Math.min(end, start + PREVIEW_CHARS)));
      return end - start > PREVIEW_CHARS || to - h.offset > bytes.length ? `${text}…` : text;
    }
  }
  return '';
}

/** Overlapping stream ranges [offset, offset + bytes) of sends and recvs, one arrow per overlap. */
export function matchData(sends: readonly DataEvent[], recvs: readonly DataEvent[]): Array<{ send: DataEvent; recv: DataEvent; from: number; to: number }> {
  const pairs: Array<{ send: DataEvent; recv: DataEvent; from: number; to: number }> = [];
  const rs = recvs.filter((r) => r.bytes > 0);
  let j = 0;
  for (const send of sends) {
    const sEnd = send.offset + send.bytes;
    while (j < rs.length && rs[j]!.offset + rs[j]!.bytes <= send.offset) j++;
    for (let k = j; k < rs.length; k++) {
      const recv = rs[k]!;
      if (recv.offset >= sEnd) break;
      const from = Math.max(send.offset, recv.offset);
      const to = Math.min(sEnd, recv.offset + recv.bytes);
      if (to > from) pairs.push({ send, recv, from, to });
    }
  }
  return pairs;
}

interface Direction {
  from: SocketRecord | undefined;
  to: SocketRecord | undefined;
  fromLane: string;
  toLane: string;
  /** The receiving end is a peer outside the playground: what reaches it is delivered at once. */
  toOutside: boolean;
}

function directionArrows(d: Direction, id: (kind: string) => string): FlowArrow[] {
  const arrows: FlowArrow[] = [];
  const base = { fromLane: d.fromLane, toLane: d.toLane };
  const { from, to } = d;
  if (from) {
    const pairs = to ? matchData(from.sends, to.recvs) : [];
    for (const p of pairs) {
      arrows.push({ ...base, id: id('d'), kind: 'data', fromSeq: p.send.seq, fromRow: p.send.row, toSeq: p.recv.seq, toRow: p.recv.row, bytes: p.to - p.from, preview: previewText(p.from, p.to, p.send, p.recv) });
    }
    // What the receiver has not read (yet): still in its receive buffer, unless it is gone.
    const readUpTo = to ? Math.max(0, ...to.recvs.map((r) => r.offset + r.bytes)) : 0;
    const waiting = !d.toOutside && (!to || to.close === null);
    for (const send of from.sends) {
      const start = Math.max(send.offset, readUpTo);
      const end = send.offset + send.bytes;
      if (end <= start || !(waiting || d.toOutside)) continue;
      const toRow = d.toOutside ? send.row : null;
      arrows.push({ ...base, id: id('d'), kind: 'data', fromSeq: send.seq, fromRow: send.row, toSeq: null, toRow, bytes: end - start, preview: previewText(start, end, send) });
    }
  } else if (to) {
    // The sender is outside the playground: its bytes are seen arriving, at the recv.
    for (const recv of to.recvs) {
      if (recv.bytes === 0) continue;
      arrows.push({ ...base, id: id('d'), kind: 'data', fromSeq: null, fromRow: recv.row, toSeq: recv.seq, toRow: recv.row, bytes: recv.bytes, preview: previewText(recv.offset, recv.offset + recv.bytes, recv) });
    }
  }
  if (to) {
    for (const eof of to.eofs) {
      const sent = from?.close && from.close.row < eof.row && from.close.reason !== 'reset' ? from.close : null;
      arrows.push({ ...base, id: id('f'), kind: 'fin', fromSeq: sent?.seq ?? null, fromRow: sent?.row ?? eof.row, toSeq: eof.seq, toRow: eof.row, bytes: 0, preview: '' });
    }
    if (to.resetRow !== null) {
      arrows.push({ ...base, id: id('r'), kind: 'rst', fromSeq: null, fromRow: to.resetRow, toSeq: null, toRow: to.resetRow, bytes: 0, preview: '' });
    }
  }
  // A FIN the receiver has not read yet: its next recv() returns b''.
  const closed = from?.close;
  if (closed && closed.reason !== 'reset' && closed.reason !== 'error' && !d.toOutside) {
    const read = to?.eofs.some((e) => e.row > closed.row) ?? false;
    if (!read && (!to || to.close === null)) {
      arrows.push({ ...base, id: id('f'), kind: 'fin', fromSeq: closed.seq, fromRow: closed.row, toSeq: null, toRow: null, bytes: 0, preview: '' });
    }
  }
  return arrows;
}

/** Every arrow of every connection, in a stable order (by connection, then direction). */
export function connectionArrows(connections: readonly FlowConnection[], sockets: ReadonlyMap<string, SocketRecord>): FlowArrow[] {
  const arrows: FlowArrow[] = [];
  for (const c of connections) {
    const client = c.clientSocket ? sockets.get(c.clientSocket) : undefined;
    const server = c.serverSocket ? sockets.get(c.serverSocket) : undefined;
    const outsideClient = c.clientSocket === null;
    const outsideServer = c.serverSocket === null && !c.queued;
    let n = 0;
    const id = (kind: string) => `${c.id}${kind}${++n}`;
    arrows.push(...directionArrows({ from: client, to: server, fromLane: c.clientLane, toLane: c.serverLane, toOutside: outsideServer }, id));
    arrows.push(...directionArrows({ from: server, to: client, fromLane: c.serverLane, toLane: c.clientLane, toOutside: outsideClient }, id));
  }
  return arrows;
}
