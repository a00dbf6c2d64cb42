import { z } from 'zod';
import { Endpoint, Id } from './common.ts';
import { NetLabState } from './topology.ts';

/** A server the lab runs, as a snapshot (the events say how it got here). */
export const ServerInfo = z.object({
  serverId: Id,
  labHost: z.string(),
  kind: z.enum(['echo', 'app']),
  requested: z.object({ host: z.string(), port: z.number(), backlog: z.number() }),
  /** Where it really listens (port 0 becomes the kernel's choice). */
  listening: Endpoint,
  /** True when it listens beyond loopback: other machines may reach it. */
  exposed: z.boolean(),
  socketId: Id,
  connections: z.number().int().min(0),
});
export type ServerInfo = z.infer<typeof ServerInfo>;

/** An open TCP connection the lab owns (an accepted socket or a client). */
export const ConnectionInfo = z.object({
  socketId: Id,
  labHost: z.string(),
  owner: Id,
  role: z.enum(['accepted', 'client']),
  local: Endpoint,
  remote: Endpoint,
  bytesSent: z.number().int().min(0),
  bytesReceived: z.number().int().min(0),
});
export type ConnectionInfo = z.infer<typeof ConnectionInfo>;

/** The calls a stepped program performs, in the names a learner knows. */
export const StepCall = z.enum(['listen', 'accept', 'recv', 'sendall', 'close', 'connect']);
export type StepCall = z.infer<typeof StepCall>;

/** A connection as the kernel sees it, read from /proc/net/tcp (Linux): measured, not modelled. */
export const KernelConnection = z.object({
  local: Endpoint,
  remote: Endpoint,
  /** TCP state name, e.g. ESTABLISHED, SYN_RECV, CLOSE_WAIT. */
  state: z.string().max(16),
  /** Bytes received by the kernel that the program has not read yet. */
  recvQueue: z.number().int().min(0),
  /** Bytes the program sent that the peer has not acknowledged yet. */
  sendQueue: z.number().int().min(0),
});
export type KernelConnection = z.infer<typeof KernelConnection>;

/**
 * A program run one real call at a time (step mode): the notes' blocking echo server or the
 * echo client. Between steps its thread is really blocked, so the kernel does the waiting.
 */
export const StepperInfo = z.object({
  stepperId: Id,
  labHost: z.string(),
  program: z.enum(['blocking-echo-server', 'echo-client']),
  /** The call the next step performs; null once the program has finished. */
  next: StepCall.nullable(),
  /** Set while a call is waiting in the kernel (accept with no client, recv with no data…). */
  blockedIn: z.enum(['accept', 'recv', 'connect', 'send']).nullable(),
  /** Auto-stepping ("run") rather than waiting for the learner. */
  running: z.boolean(),
  finished: z.boolean(),
  bufsize: z.number().int().min(1),
  target: z.object({ host: z.string(), port: z.number().int() }),
  backlog: z.number().int().optional(),
  /** Where the server listens, once it does. */
  listening: Endpoint.optional(),
  /** The connection the program is serving (server) or owns (client), once there is one. */
  connection: z.object({ local: Endpoint, remote: Endpoint }).optional(),
  /** Live kernel view; absent where the OS offers no way to measure it. */
  kernel: z
    .object({
      /** Connections the kernel completed that accept() has not taken yet (the accept queue). */
      acceptQueue: z.array(KernelConnection),
      /** The program's own connection, as the kernel sees it. */
      connection: KernelConnection.optional(),
    })
    .optional(),
});
export type StepperInfo = z.infer<typeof StepperInfo>;

export const LabState = z.object({
  servers: z.array(ServerInfo),
  connections: z.array(ConnectionInfo),
  /**
   * How many connections are open in all, when `connections` lists only some of them (the bridge
   * lists at most a few hundred to its pages; each server's own `connections` count stays exact). Absent when
   * `connections` lists every one.
   */
  connectionCount: z.number().int().min(0).optional(),
  steppers: z.array(StepperInfo),
  /** The multi-host lab, when one was started (set by the bridge, not by agents). */
  netlab: NetLabState.nullable().optional(),
});
export type LabState = z.infer<typeof LabState>;
