/**
 * Keeps count of the bridge's sequence numbers, so the page can tell the learner when events
 * went missing: the bridge holds only the newest few thousand for replay after a reconnect.
 */
export interface Sequenced {
  seq: number;
}

export class SequenceTracker {
  /** Highest sequence number the page holds (0: none yet). */
  lastSeq = 0;
  /** Events known to be lost: reported by the bridge or seen as holes in the numbering. */
  missed = 0;
  /** The seq the next event should carry, or null when the next event sets the baseline. */
  private expectNext: number | null = null;

  /**
   * After a welcome. `resumed`: the bridge will replay from our resume point, skipping
   * `dropped` events it no longer holds; otherwise the next event becomes the baseline.
   */
  welcome(resumed: boolean, dropped: number): void {
    this.missed += dropped;
    this.expectNext = resumed && this.lastSeq > 0 ? this.lastSeq + dropped + 1 : null;
  }

  /** Keep the events that are new (drops replays of ones we have), counting any holes. */
  accept<T extends Sequenced>(batch: readonly T[]): T[] {
    const fresh: T[] = [];
    for (const item of batch) {
      if (item.seq <= this.lastSeq) continue;
      if (this.expectNext !== null && item.seq > this.expectNext) this.missed += item.seq - this.expectNext;
      fresh.push(item);
      this.lastSeq = item.seq;
      this.expectNext = item.seq + 1;
    }
    return fresh;
  }

  /**
   * The bridge dropped events `fromSeq`..`toSeq` because the page fell behind (a `gap` message).
   * Counts them once (and any hole just before them), then expects the event after `toSeq`.
   * Returns how many were newly counted as missed.
   */
  gap(fromSeq: number, toSeq: number): number {
    if (toSeq <= this.lastSeq) return 0;
    const from = Math.max(fromSeq, this.lastSeq + 1);
    let lost = toSeq - from + 1;
    if (this.expectNext !== null && from > this.expectNext) lost += from - this.expectNext;
    this.missed += lost;
    this.lastSeq = toSeq;
    this.expectNext = toSeq + 1;
    return lost;
  }

  /** The bridge restarted: its numbering starts again from 1. */
  reset(): void {
    this.lastSeq = 0;
    this.missed = 0;
    this.expectNext = null;
  }
}
