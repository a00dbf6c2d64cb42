import type { SequencedLabEvent } from '@socket-playground/protocol';

const collator = new Intl.Collator('en', { numeric: true });

/**
 * The socket ids in the event list (for the socket filter), kept up to date incrementally: the
 * list grows at its end and loses its oldest entries, so each update looks only at what was added
 * and what was dropped, not at the 100,000 entries held. The sorted list keeps its identity until
 * an id appears or disappears, so the filter's options re-render only then.
 */
export class SocketIds {
  private entries: readonly SequencedLabEvent[] = [];
  private readonly counts = new Map<string, number>();
  private sorted: readonly string[] = [];
  private changed = false;

  /** The ids of `entries`, sorted (numerically: s2 before s10). */
  update(entries: readonly SequencedLabEvent[]): readonly string[] {
    if (entries === this.entries) return this.sorted;
    const prev = this.entries;
    const prevLast = prev.at(-1);
    // Where the new entries start: after the previous last one, found from the end.
    let fresh = entries.length;
    if (prevLast) while (fresh > 0 && entries[fresh - 1]!.seq > prevLast.seq) fresh--;
    // The same log, grown at its end and trimmed at its start (the previous last entry is still
    // there, the very same object)? Otherwise (cleared, a saved session) count again.
    if (!prevLast || entries[fresh - 1] !== prevLast) {
      this.counts.clear();
      this.changed = true;
      for (const e of entries) this.add(e);
    } else {
      const firstSeq = entries[0]!.seq;
      for (let i = 0; i < prev.length && prev[i]!.seq < firstSeq; i++) this.remove(prev[i]!);
      for (let i = fresh; i < entries.length; i++) this.add(entries[i]!);
    }
    this.entries = entries;
    if (this.changed) {
      this.sorted = [...this.counts.keys()].sort(collator.compare);
      this.changed = false;
    }
    return this.sorted;
  }

  private add({ event }: SequencedLabEvent): void {
    if (event.socketId === '-') return;
    const n = this.counts.get(event.socketId) ?? 0;
    if (n === 0) this.changed = true;
    this.counts.set(event.socketId, n + 1);
  }

  private remove({ event }: SequencedLabEvent): void {
    if (event.socketId === '-') return;
    const n = this.counts.get(event.socketId) ?? 0;
    if (n <= 1) {
      this.counts.delete(event.socketId);
      this.changed = true;
    } else this.counts.set(event.socketId, n - 1);
  }
}
