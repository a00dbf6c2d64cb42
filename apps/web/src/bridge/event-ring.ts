/** How many events the page keeps by default: a long session (the Bytes tab shows them all), still bounded. */
export const EVENT_RING_CAPACITY = 100_000;

/**
 * The page keeps at most `capacity` events (100,000 by default): enough to study a session,
 * bounded so a chatty server cannot eat the tab's memory. Oldest go first and are counted.
 *
 * Appends go into one growing buffer (amortised O(1) per event, whatever the batch size); the
 * `entries` snapshot is copied from it only when read after a change. The page reads it once per
 * frame (bridge-connection.ts), so 20,000 events a second in 2,500 messages cost one copy a frame,
 * not one per message. Each change gives a new snapshot array, so React sees a new value;
 * entries keep their identity, so memoised rows do not re-render.
 */
export class EventRing<T> {
  /** Live entries are buffer[start…]; the dead head is cut off once it is as long as the capacity. */
  private buffer: T[] = [];
  private start = 0;
  private snapshot: readonly T[] = [];
  private dirty = false;
  private discardedCount = 0;

  constructor(readonly capacity = EVENT_RING_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  /** Append in order; returns how many old entries were discarded to make room. */
  push(batch: readonly T[]): number {
    if (batch.length === 0) return 0;
    for (const item of batch) this.buffer.push(item);
    this.dirty = true;
    const overflow = Math.max(0, this.buffer.length - this.start - this.capacity);
    this.start += overflow;
    this.discardedCount += overflow;
    // Compact now and then (amortised: at most once per `capacity` appends).
    if (this.start >= this.capacity) {
      this.buffer = this.buffer.slice(this.start);
      this.start = 0;
    }
    return overflow;
  }

  clear(): void {
    this.buffer = [];
    this.start = 0;
    this.snapshot = [];
    this.dirty = false;
    this.discardedCount = 0;
  }

  /** The entries, oldest first. The same array until the next push or clear. */
  get entries(): readonly T[] {
    if (this.dirty) {
      this.snapshot = this.buffer.slice(this.start);
      this.dirty = false;
    }
    return this.snapshot;
  }

  /** How many entries have been pushed out since the last clear. */
  get discarded(): number {
    return this.discardedCount;
  }
}
