import type { LabEventOf, WireError } from '@socket-playground/protocol';

type Context = NonNullable<WireError['context']>;
type FailedCall = LabEventOf<'error'>['failedCall'];

interface NodeSystemError extends Error {
  code?: string;
  errno?: number;
  syscall?: string;
}

/** Errors bind() reports, which libuv defers and Node then labels as coming from listen(). */
const BIND_ERRORS = new Set(['EADDRINUSE', 'EADDRNOTAVAIL', 'EACCES']);

/** Node's syscall label → the Berkeley call a learner would recognise. */
const SYSCALL_TO_CALL: Record<string, FailedCall> = {
  listen: 'listen',
  bind: 'bind',
  connect: 'connect',
  read: 'recv',
  write: 'send',
  writev: 'send',
  getaddrinfo: 'resolve',
  accept: 'accept',
};

export interface MappedError {
  failedCall: FailedCall;
  error: WireError;
}

/**
 * Turn whatever Node threw into the wire form. Handles the AggregateError that
 * autoSelectFamily produces (empty message; the real errors are inside).
 */
export function mapNodeError(err: unknown, fallbackCall: FailedCall, context: Context = {}): MappedError {
  const inner = err instanceof AggregateError && err.errors.length > 0 ? (err.errors[0] as unknown) : err;
  const e = (inner instanceof Error ? inner : new Error(String(inner))) as NodeSystemError;
  const code = e.code ?? 'UNKNOWN';
  let failedCall = (e.syscall && SYSCALL_TO_CALL[e.syscall]) || fallbackCall;
  let syscall = e.syscall;
  if (e.syscall === 'listen' && BIND_ERRORS.has(code)) {
    failedCall = 'bind';
    syscall = 'bind';
  }
  return {
    failedCall,
    error: {
      code,
      ...(typeof e.errno === 'number' ? { errno: e.errno } : {}),
      ...(syscall ? { syscall } : {}),
      message: (e.message || code).slice(0, 1000),
      context,
    },
  };
}

/** An error the playground itself raises (validation, policy), before any syscall. */
export function playgroundError(code: string, message: string, context: Context = {}): WireError {
  return { code, message, context };
}
