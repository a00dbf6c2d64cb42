import type { z } from 'zod';
import type { WireError } from './common.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: WireError };

/**
 * Parse one message that crossed a process boundary: JSON text, then the schema.
 * Never throws; the error says what was wrong in a line a developer can act on.
 */
export function parseMessage<S extends z.ZodType>(schema: S, text: string): Parsed<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'BAD_MESSAGE', message: 'not valid JSON' } };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  const reqId = typeof json === 'object' && json !== null && 'reqId' in json ? (json as { reqId: unknown }).reqId : undefined;
  return {
    ok: false,
    error: {
      code: 'BAD_MESSAGE',
      message: `does not match the protocol${where}: ${first?.message ?? 'invalid'}`.slice(0, 1000),
      ...(typeof reqId === 'string' ? { context: { reqId: reqId.slice(0, 64) } } : {}),
    },
  };
}
