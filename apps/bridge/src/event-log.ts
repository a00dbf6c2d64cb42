import type { LabEvent, SequencedLabEvent } from '@socket-playground/protocol';

/**
 * The session's numbered event history, bounded: a ring of the newest `capacity` events.
 * Sequence numbers start at 1 and never repeat within one bridge run.
 */
export class EventLog {
  private readonly ring: (SequencedLabEvent | undefined)[];
  private next = 1;

  constructor(private readonly capacity: number) {
    this.ring = new Array<SequencedLabEvent | undefined>(capacity);
  }

  append(event: LabEvent): SequencedLabEvent {
    const entry = { seq: this.next++, event };
    this.ring[entry.seq % this.capacity] = entry;
    return entry;
  }

  /** Sequence number of the newest event (0 when there is none). */
  get lastSeq(): number {
    return this.next - 1;
  }

  /** Oldest sequence number still held. */
  get firstSeq(): number {
    return Math.max(1, this.next - this.capacity);
  }

  /**
   * Events after `afterSeq`, plus how many of those are gone from the ring.
   * A resume point from the future (another bridge run) replays nothing.
   */
  since(afterSeq: number): { events: SequencedLabEvent[]; dropped: number } {
    if (afterSeq >= this.lastSeq) return { events: [], dropped: 0 };
    const from = Math.max(afterSeq + 1, this.firstSeq);
    const events: SequencedLabEvent[] = [];
    for (let seq = from; seq <= this.lastSeq; seq++) {
      const entry = this.ring[seq % this.capacity];
      if (entry) events.push(entry);
    }
    return { events, dropped: from - (afterSeq + 1) };
  }
}
