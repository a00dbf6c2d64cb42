/** How long to wait before reconnect attempt `attempt` (1, 2, 3…). */
export interface BackoffOptions {
  /** Ceiling of the first wait. */
  baseMs: number;
  /** The ceiling never grows past this: no wait is longer. */
  maxMs: number;
  /** No wait is shorter, whatever the random source says (default: half of baseMs). */
  minMs?: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 5000, minMs: 125 };

/** The range a wait for `attempt` falls in: [ceiling / 2, ceiling], kept within [minMs, maxMs]. */
export function backoffRange(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): { min: number; max: number } {
  const exponent = Math.max(0, Math.floor(Number.isFinite(attempt) ? attempt : 1) - 1);
  // 2 ** 30 is plenty: beyond that the cap applies anyway, and we avoid Infinity.
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 30));
  const floor = Math.min(options.minMs ?? options.baseMs / 2, options.maxMs);
  return { min: Math.max(floor, ceiling / 2), max: Math.max(floor, ceiling) };
}

/**
 * Exponential backoff with "equal jitter": the ceiling doubles per attempt (250, 500, 1000 …
 * 5000 ms) and the wait is half the ceiling plus a random half. The fixed half keeps a dead
 * bridge from being hammered; the random half keeps several tabs from retrying in lockstep
 * (a bridge restart would otherwise meet every open tab at the same instant). The connection
 * starts again from attempt 1 once a connection succeeds.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const { min, max } = backoffRange(attempt, options);
  const drawn = random();
  const r = Number.isFinite(drawn) ? Math.min(1, Math.max(0, drawn)) : 1;
  return Math.round(min + r * (max - min));
}
