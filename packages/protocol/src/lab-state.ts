import { z } from 'zod';
import { Endpoint, Id } from './common.ts';

/** A server the lab runs, as a snapshot (the events say how it got here). */
export const ServerInfo = z.object({
  serverId: Id,
  labHost: z.string(),
  kind: z.literal('echo'),
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

export const LabState = z.object({
  servers: z.array(ServerInfo),
  connections: z.array(ConnectionInfo),
});
export type LabState = z.infer<typeof LabState>;
