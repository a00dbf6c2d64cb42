import { z } from 'zod';
import { LIMITS } from './limits.ts';

/** An address/port pair as the kernel reports it (getsockname / getpeername). */
export const Endpoint = z.object({
  address: z.string().max(64),
  port: z.number().int().min(0).max(65535),
  family: z.enum(['IPv4', 'IPv6']),
});
export type Endpoint = z.infer<typeof Endpoint>;

/** Identifier chosen by the sender of a command, echoed in its reply. */
export const ReqId = z.string().min(1).max(64);

/** A host name or address as the learner typed it; validated semantically by the lab. */
export const HostInput = z.string().max(LIMITS.maxHostLength);

/** Port as typed. Range, integrality and even type are checked by the lab, to give a clear error. */
export const PortInput = z.union([z.number(), z.string().max(32)]);

/** Ids the lab gives to servers, clients and sockets (e.g. "srv1", "cli3", "s12"). */
export const Id = z.string().min(1).max(32);

/** Error codes: errno names from the kernel (EADDRINUSE…) or the playground's own (INVALID_PORT…). */
export const ErrorCode = z.string().min(1).max(48);

/** A failure as it crosses the wire: what failed, the errno, and the raw message. */
export const WireError = z.object({
  code: ErrorCode,
  /** Negative libuv errno when the kernel produced it. */
  errno: z.number().int().optional(),
  /** The system call that failed, as the kernel saw it (not Node's syscall label, see lab/errors.ts). */
  syscall: z.string().max(32).optional(),
  /** The raw message from Node or the playground (English, technical). */
  message: z.string().max(1000),
  /** Values that make the explanation concrete: the address, the port, the limit… */
  context: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type WireError = z.infer<typeof WireError>;
