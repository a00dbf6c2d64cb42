import { z } from 'zod';
import { Endpoint, Id, WireError } from './common.ts';

/**
 * One Berkeley socket call, as it really happened on a host.
 *
 * Node does not expose the calls one by one, so the lab maps its API onto them honestly:
 * - `server.listen()` is socket + bind + listen in one Node call: three events sharing `nodeCall`;
 * - a `'connection'` event is an accept that returned;
 * - a `write()` is a send (bytes handed to Node, which the kernel takes as it can);
 * - a `'data'` chunk is a recv of that size; `'end'` is a recv that returned 0 bytes.
 */
const base = {
  /** Wall-clock time in milliseconds since the epoch, with sub-millisecond precision. */
  ts: z.number(),
  /** The lab host that made the call ("local" is the learner's own machine). */
  labHost: z.string().min(1).max(32),
  /** The socket the call was made on (a listening socket, an accepted one or a client). */
  socketId: Id,
  /** What owns the socket: a server ("srv1") or a client ("cli1"). */
  owner: Id,
  role: z.enum(['listener', 'accepted', 'client']),
  /** Set when several calls happened inside one Node API call, e.g. "server.listen()". */
  nodeCall: z.string().max(48).optional(),
  /** Local address of the socket once known (getsockname). */
  local: Endpoint.optional(),
  /** Peer address once connected (getpeername); for a UDP datagram, where it went or came from. */
  remote: Endpoint.optional(),
  /** 'udp' for a datagram socket (the UDP demonstration); absent means TCP. */
  transport: z.literal('udp').optional(),
};

/** Bytes moved by one send or recv; the first bytes inline, the rest on request by `dataId`. */
const data = {
  bytes: z.number().int().min(0),
  /** Offset of the first byte in this direction of the stream. */
  offset: z.number().int().min(0),
  /** Base64 of at most LIMITS.previewBytes bytes. */
  preview: z.string(),
  /** Handle to fetch all the bytes of this call while the agent still holds them. */
  dataId: Id.optional(),
  /**
   * Several calls of this direction merged into one event (a hot connection: many calls within
   * milliseconds): how many. `bytes` is their total, `offset` the first one's, the preview the start
   * of the merged bytes. Absent: one call.
   */
  calls: z.number().int().min(2).optional(),
};

export const SocketCall = z.object({ ...base, call: z.literal('socket'), family: z.enum(['IPv4', 'IPv6']) });
export const BindCall = z.object({ ...base, call: z.literal('bind'), requested: z.object({ host: z.string(), port: z.number() }) });
export const ListenCall = z.object({ ...base, call: z.literal('listen'), backlog: z.number().int() });
export const AcceptCall = z.object({
  ...base,
  call: z.literal('accept'),
  /** The new socket accept() returned; the event itself is on the listening socket. */
  newSocketId: Id,
});
export const ConnectCall = z.object({
  ...base,
  call: z.literal('connect'),
  /** What the learner asked for and what it resolved to (one lookup, then connect to that address). */
  target: z.object({ host: z.string(), port: z.number(), address: z.string() }),
  /** How long connect() blocked: the three-way handshake, done by the kernel. */
  durationMs: z.number().min(0),
});
export const SendCall = z.object({
  ...base,
  call: z.literal('send'),
  ...data,
  /** Bytes Node still held after this write, not yet taken by the kernel (write() queues, it does not block). */
  queued: z.number().int().min(0),
});
export const RecvCall = z.object({
  ...base,
  call: z.literal('recv'),
  ...data,
  /** The bufsize this recv was called with, when the program chose one (step mode). */
  bufsize: z.number().int().min(1).optional(),
  /** recv() returned 0: the peer closed its side (end of stream). */
  eof: z.boolean(),
});
export const CloseCall = z.object({
  ...base,
  call: z.literal('close'),
  /** Who ended it: this side, the peer (after EOF), or a reset/error. */
  reason: z.enum(['local', 'peer', 'reset', 'error']),
  bytesSent: z.number().int().min(0),
  bytesReceived: z.number().int().min(0),
});
export const ErrorCall = z.object({
  ...base,
  call: z.literal('error'),
  /** The Berkeley call that failed (bind for EADDRINUSE, even though Node reports "listen"). */
  /** `frame`: the application could not make a message of what recv returned (its own protocol, not the kernel). */
  failedCall: z.enum(['socket', 'bind', 'listen', 'accept', 'connect', 'send', 'recv', 'close', 'resolve', 'policy', 'frame']),
  error: WireError,
});

/**
 * A blocking call began and the caller now waits in the kernel (accept with no client queued,
 * recv with no data, connect during the handshake). The next event of the same call on the same
 * socket (or an error) ends the wait. Event-loop code never blocks, so it emits none.
 */
export const BlockCall = z.object({
  ...base,
  call: z.literal('block'),
  blockedCall: z.enum(['accept', 'recv', 'connect', 'send']),
  /** For recv: the most bytes this recv may return (Python's recv(bufsize)). */
  bufsize: z.number().int().min(1).optional(),
});

export const LabEvent = z.discriminatedUnion('call', [
  BlockCall,
  SocketCall,
  BindCall,
  ListenCall,
  AcceptCall,
  ConnectCall,
  SendCall,
  RecvCall,
  CloseCall,
  ErrorCall,
]);
export type LabEvent = z.infer<typeof LabEvent>;
export type LabCall = LabEvent['call'];
export type LabEventOf<C extends LabCall> = Extract<LabEvent, { call: C }>;

/** A lab event as the bridge numbered it for a session. */
export const SequencedLabEvent = z.object({ seq: z.number().int().min(1), event: LabEvent });
export type SequencedLabEvent = z.infer<typeof SequencedLabEvent>;
