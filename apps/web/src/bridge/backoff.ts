/** How long to wait before reconnect attempt `attempt` (1, 2, 3…). */
export interface BackoffOptions {
  /** Ceiling of the first wait. */
  baseMs: number;
  /** The ceiling never grows past this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 5000 };

/**
 * Exponential backoff with "equal jitter": the ceiling doubles per attempt (250, 500, 1000 …
 * 5000 ms) and the wait is half the ceiling plus a random half. The fixed half keeps a dead
 * bridge from being hammered; the random half keeps several tabs from retrying in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2 ** 30 is plenty: beyond that the cap applies anyway, and we avoid Infinity.
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 30));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}
