/** How many events the page keeps by default: a long session (the Bytes tab shows them all), still bounded. */
export const EVENT_RING_CAPACITY = 100_000;

/**
 * The page keeps at most `capacity` events (100,000 by default): enough to study a session,
 * bounded so a chatty server cannot eat the tab's memory. Oldest go first and are counted.
 *
 * Each change produces a new array, so React sees a new snapshot; entries themselves keep
 * their identity, so memoised rows do not re-render.
 */
export class EventRing<T> {
  private items: readonly T[] = [];
  private discardedCount = 0;

  constructor(readonly capacity = EVENT_RING_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  /** Append in order; returns how many old entries were discarded to make room. */
  push(batch: readonly T[]): number {
    if (batch.length === 0) return 0;
    const joined = this.items.concat(batch);
    const overflow = Math.max(0, joined.length - this.capacity);
    this.items = overflow > 0 ? joined.slice(overflow) : joined;
    this.discardedCount += overflow;
    return overflow;
  }

  clear(): void {
    this.items = [];
    this.discardedCount = 0;
  }

  /** The entries, oldest first. The same array until the next push or clear. */
  get entries(): readonly T[] {
    return this.items;
  }

  /** How many entries have been pushed out since the last clear. */
  get discarded(): number {
    return this.discardedCount;
  }
}
