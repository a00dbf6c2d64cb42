import type { LabEventOf } from '@socket-playground/protocol';

/**
 * The byte streams of a session, one connection at a time: what `buildStreams()` makes of the
 * ordered events. Pure data, no React. A TCP connection carries two independent byte streams,
 * one each way; every send() and recv() moves a range [offset, offset + bytes) of one of them.
 *
 * Sides: `a` is the client's socket (it called connect()), `b` the server's accepted socket.
 * Direction 0 is a → b (client to server), direction 1 is b → a. A side is null when that
 * socket is not in the session: a program outside the playground (nc), or its events are gone.
 */
export type Side = 'a' | 'b';
export type DirIndex = 0 | 1;
export type CloseReason = LabEventOf<'close'>['reason'];

/** One socket of a connection, as the events named it. */
export interface SocketEnd {
  /** "labHost/socketId": unique within a session. */
  key: string;
  labHost: string;
  socketId: string;
  /** The program that owns it ("srv1", "cli1", "step2"). */
  owner: string;
  role: 'client' | 'accepted';
  /** Its own address and its peer's, as "127.0.0.1:50001" (null until an event said). */
  local: string | null;
  remote: string | null;
  closed: { seq: number; reason: CloseReason } | null;
}

/** A send() or recv() that moved bytes of one direction of a connection. */
export interface ByteBlock {
  seq: number;
  /** Wall-clock time of the call (ms since the epoch). */
  ts: number;
  /** The time the timeline places it at: `ts`, never earlier than the block before it. */
  t: number;
  call: 'send' | 'recv';
  labHost: string;
  socketId: string;
  owner: string;
  bytes: number;
  /** Stream offset of the first byte, in this direction. */
  offset: number;
  /** Base64 of the first bytes (at most 256). */
  preview: string;
  /** Handle for `bytes.get`, while the agent still holds the bytes. */
  dataId?: string;
  /** For a send: bytes Node still held after this write. */
  queued?: number;
  /** For a recv: the bufsize the program asked for (step mode). */
  bufsize?: number;
  conn: StreamConnection;
  dir: DirIndex;
}

export type MarkKind = 'close' | 'reset' | 'error' | 'eof';

/** Something that happened to the connection rather than to its bytes. */
export interface StreamMark {
  kind: MarkKind;
  seq: number;
  ts: number;
  t: number;
  /** The socket it happened on. */
  side: Side;
  /** The direction whose lane shows it: a close ends the closer's sending direction, an EOF the one into the reader. */
  dir: DirIndex;
  /** Short words for the timeline: "close (peer)", "RST", "EOF", "ECONNRESET". */
  label: string;
  reason?: CloseReason;
  code?: string;
}

/** One direction of a connection: the sender's sends and the receiver's recvs. */
export interface StreamDirection {
  index: DirIndex;
  from: Side;
  to: Side;
  /** The sender's sends, in order (their offsets grow). */
  sends: ByteBlock[];
  /** The receiver's recvs that returned bytes, in order. */
  recvs: ByteBlock[];
  /** Sends and recvs together, in event order. */
  blocks: ByteBlock[];
  /** Stream position after the sender's last send (or its close's bytesSent), -1 before any. */
  sentTo: number;
  /** Stream position after the receiver's last recv (or its close's bytesReceived), -1 before any. */
  readTo: number;
  /** `queued` of the sender's latest send: bytes Node had not yet handed to the kernel. */
  queued: number | null;
  /** The receiver's recv() returned 0: the sender closed this direction. */
  eofSeq: number | null;
}

export interface StreamConnection {
  /** "c1", "c2", … in the order they appeared. */
  id: string;
  a: SocketEnd | null;
  b: SocketEnd | null;
  /** The client's and the server's address ("127.0.0.1:50001"), also for a side outside the session. */
  aEnd: string | null;
  bEnd: string | null;
  dirs: [StreamDirection, StreamDirection];
  /** Both directions' blocks, in event order. */
  blocks: ByteBlock[];
  marks: StreamMark[];
  /** Lab hosts of its sockets. */
  hosts: string[];
  firstSeq: number;
  lastSeq: number;
  firstT: number;
  lastT: number;
}

export interface StreamModel {
  /** Bumped by every change: the arrays inside grow in place, so views key on this. */
  version: number;
  /** Bumped when the model was rebuilt from scratch (another session): caches keyed on blocks start over. */
  generation: number;
  connections: readonly StreamConnection[];
  /** Every block of every connection, in event order. */
  blocks: readonly ByteBlock[];
  hosts: readonly string[];
  /** Seq of the oldest event the model was built from (0: none). */
  firstSeq: number;
  lastSeq: number;
  firstT: number | null;
  lastT: number | null;
  /** The biggest block seen (for scaling block sizes). */
  maxBytes: number;
}
