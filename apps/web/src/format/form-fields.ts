import { LIMITS, type WireError } from '@socket-playground/protocol';

/** What the form fields turn into before a command goes to the bridge. */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

/**
 * A port as typed. Anything that is a number goes to the bridge as is, even 70000 or 1.5, so
 * the learner sees the lab's own INVALID_PORT; only text that is no number at all (JSON cannot
 * carry NaN) is refused here, with the very same error.
 */
export function parsePortField(text: string): FieldResult<number> {
  const trimmed = text.trim();
  const n = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(n)) {
    return { ok: false, error: { code: 'INVALID_PORT', message: 'not a number', context: { port: text } } };
  }
  return { ok: true, value: n };
}

/** The backlog must be a whole number 0..65535 for the command to be valid at all. */
export function parseBacklogField(text: string): FieldResult<number> {
  const trimmed = text.trim();
  const n = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    return { ok: false, error: { code: 'INVALID_BACKLOG', message: 'not a whole number from 0 to 65535', context: { backlog: text } } };
  }
  return { ok: true, value: n };
}

/** recv()'s bufsize: a whole number of bytes the protocol allows (1 to 65536). */
export function parseBufsizeField(text: string): FieldResult<number> {
  const trimmed = text.trim();
  const n = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isInteger(n) || n < LIMITS.minRecvBufsize || n > LIMITS.maxRecvBufsize) {
    return {
      ok: false,
      error: { code: 'INVALID_BUFSIZE', message: 'not a whole number in range', context: { bufsize: text, min: LIMITS.minRecvBufsize, max: LIMITS.maxRecvBufsize } },
    };
  }
  return { ok: true, value: n };
}
