import type { LabCall, LabEventOf } from '@socket-playground/protocol';

/**
 * The call-flow model: a sequence diagram derived from the ordered events alone, so a recorded
 * session replays exactly as it looked live. Rows are event positions (one row per event);
 * pixels are the layout's business (flow-layout.ts).
 */

/** Who a column stands for: a lab server or client, or a peer outside the playground (nc, Python…). */
export type LaneKind = 'server' | 'client' | 'outside-client' | 'outside-server';

export interface FlowLane {
  /** Stable key: "local/srv1", "local/outside/127.0.0.1:54321". */
  key: string;
  kind: LaneKind;
  labHost: string;
  /** The lab's owner id (srv1, cli3, step1); null for a peer outside the playground. */
  owner: string | null;
  /** A stepped program (step mode), run one call at a time. */
  stepped: boolean;
  /** "echo server srv1", "stepped client step2", "outside client". */
  title: string;
  /** Where it listens or connects from, once known. */
  address: string | null;
  /** Column, left to right, in order of appearance. */
  index: number;
  firstRow: number;
  /** Last row with anything drawn on this lane. */
  lastRow: number;
  /** Row of the close that ended the lane (all its sockets closed), or null while it lives. */
  endRow: number | null;
}

export type ItemCall = Exclude<LabCall, 'block'>;
export type ItemTone = 'setup' | 'connect' | 'data' | 'eof' | 'close' | 'reset' | 'error';

/** One call, drawn on its lane at its row (one row per event, but a wait that ended at once shares its row). */
export interface FlowItem {
  seq: number;
  row: number;
  lane: string;
  socketId: string;
  call: ItemCall;
  /** "recv(1024) → 12 B", "close(): FIN", "ECONNREFUSED". */
  label: string;
  tone: ItemTone;
  nodeCall?: string;
}

export type BlockedCall = LabEventOf<'block'>['blockedCall'];

/** A blocking call: from its `block` event until the event that ended the wait (or still waiting). */
export interface FlowBlock {
  seq: number;
  row: number;
  /** Returned at once (the next event, within INSTANT_BLOCK_MS): shares that row, drawn as no bar. */
  instant: boolean;
  lane: string;
  socketId: string;
  call: BlockedCall;
  bufsize?: number;
  startTs: number;
  /** Row/seq/ts of the event that ended the wait; null while the caller still waits. */
  endRow: number | null;
  endSeq: number | null;
  endTs: number | null;
  /** How the wait ended: the call returned, or an error/close cut it short. */
  endedBy: 'return' | 'error' | 'close' | null;
}

/** One TCP connection: the client's connect() and the server's accept() of the same 4-tuple. */
export interface FlowConnection {
  id: string;
  clientLane: string;
  serverLane: string;
  /** "127.0.0.1:54321" and "127.0.0.1:65432". */
  clientEnd: string;
  serverEnd: string;
  connectSeq: number | null;
  connectRow: number | null;
  acceptSeq: number | null;
  acceptRow: number | null;
  /** Where the handshake is drawn: the earlier of connect and accept. */
  row: number;
  /** The server's kernel completed the handshake but accept() has not taken it (yet). */
  queued: boolean;
  clientSocket: string | null;
  serverSocket: string | null;
}

/** The English words; the page shows `calls.flow.handshake` in its language. */
export const HANDSHAKE_LABEL = 'three-way handshake, done by the kernels';

/** Bytes from a send to the recv that carried them, an end of stream (FIN) or a reset (RST). */
export interface FlowArrow {
  id: string;
  kind: 'data' | 'fin' | 'rst';
  fromLane: string;
  toLane: string;
  /** The send (or close) event; null when the sender is outside the playground. */
  fromSeq: number | null;
  fromRow: number;
  /** The recv event; null when the receiver is outside, or has not read them yet. */
  toSeq: number | null;
  /** Null while the bytes still wait in the receiver's buffer: drawn down to "now". */
  toRow: number | null;
  bytes: number;
  /** Up to 24 printable characters of those bytes. */
  preview: string;
}

/** Calls Node made inside one API call (socket+bind+listen inside server.listen()). */
export interface FlowGroup {
  lane: string;
  socketId: string;
  nodeCall: string;
  firstRow: number;
  lastRow: number;
}

export interface FlowRow {
  seq: number;
  ts: number;
  lane: string;
}

export interface FlowModel {
  lanes: FlowLane[];
  rows: FlowRow[];
  items: FlowItem[];
  blocks: FlowBlock[];
  connections: FlowConnection[];
  arrows: FlowArrow[];
  groups: FlowGroup[];
  /** Lane key of each event, by seq. */
  laneOfSeq: ReadonlyMap<number, string>;
}
