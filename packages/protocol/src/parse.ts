import type { z } from 'zod';
import { ReqId, type WireError } from './common.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: WireError };

/**
 * The reqId of a message that failed, when it is one a reply may carry. Checked with the protocol's
 * own ReqId schema: zod counts characters (an emoji is one), so a hand-written `length` test (UTF-16
 * units, an emoji is two) would drop ids the schema accepts.
 */
export function usableReqId(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  // Own property only: never one inherited through a "__proto__" key.
  if (!Object.prototype.hasOwnProperty.call(json, 'reqId')) return undefined;
  const reqId = (json as { reqId: unknown }).reqId;
  return typeof reqId === 'string' && ReqId.safeParse(reqId).success ? reqId : undefined;
}

/**
 * Parse one message that crossed a process boundary: JSON text, then the schema.
 * Never throws; the error says what was wrong in a line a developer can act on. The reqId is
 * echoed in the error's context only when a reply could carry it (a malformed one is not).
 */
export function parseMessage<S extends z.ZodType>(schema: S, text: string): Parsed<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'BAD_MESSAGE', message: 'not valid JSON' } };
  }
  const reqId = usableReqId(json);
  const fail = (message: string): Parsed<z.output<S>> => ({
    ok: false,
    error: { code: 'BAD_MESSAGE', message: message.slice(0, 1000), ...(reqId !== undefined ? { context: { reqId } } : {}) },
  });
  let result: ReturnType<S['safeParse']>;
  try {
    result = schema.safeParse(json) as ReturnType<S['safeParse']>;
  } catch (err) {
    // A schema's own code (a refinement) failed on an input nobody foresaw: still an answer, not a crash.
    return fail(`could not be checked against the protocol: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (result.success) return { ok: true, value: result.data as z.output<S> };
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.map((p) => String(p)).join('.')}` : '';
  return fail(`does not match the protocol${where}: ${first?.message ?? 'invalid'}`);
}
