/**
 * Where each row of a long list starts, kept up to date incrementally. The event list grows at its
 * end and loses its oldest entries (a ring); recomputing 100,000 positions on every frame is what
 * made a busy page fall behind. Here an update costs what was added: positions are kept as running
 * totals over every row ever added, and the list's start is an offset into them.
 */
export class RowPositions<T> {
  private entries: readonly T[] = [];
  /** Running totals: `ends[base + i]` is where row i ends, `ends[base - 1]` (or 0) where row 0 starts. */
  private ends = new Float64Array(1024);
  /** Index in `ends` of the first row's end. */
  private base = 0;
  private version: unknown = undefined;

  constructor(private readonly heightOf: (entry: T) => number) {}

  /** Bring the positions up to `entries`; `version` changes when heights change (all are recomputed). */
  update(entries: readonly T[], version: unknown): void {
    if (entries === this.entries && version === this.version) return;
    const prev = this.entries;
    const prevLast = prev.at(-1);
    // Same list grown at its end and trimmed at its start? The previous last row, the same object, is still there.
    let kept = -1;
    if (version === this.version && prevLast !== undefined) {
      // From the end: as far back as the rows added since (all of them, for another list).
      for (let i = entries.length - 1; i >= 0; i--) {
        if (entries[i] === prevLast) {
          kept = i + 1;
          break;
        }
      }
    }
    const dropped = kept >= 0 ? prev.length - kept : -1;
    if (kept < 0 || dropped < 0 || (kept > 0 && entries[0] !== prev[dropped])) {
      this.rebuild(entries);
    } else {
      this.base += dropped;
      this.append(entries, kept);
    }
    this.entries = entries;
    this.version = version;
  }

  get count(): number {
    return this.entries.length;
  }

  private origin(): number {
    return this.base > 0 ? this.ends[this.base - 1]! : 0;
  }

  /** Where row `i` starts (0 for the first). */
  start(i: number): number {
    const at = this.base + i - 1;
    return (at >= 0 ? this.ends[at]! : 0) - this.origin();
  }

  size(i: number): number {
    return this.start(i + 1) - this.start(i);
  }

  /** Height of all rows. */
  get total(): number {
    return this.entries.length === 0 ? 0 : this.ends[this.base + this.entries.length - 1]! - this.origin();
  }

  /** The row at `y` (clamped to the rows there are). */
  indexAt(y: number): number {
    let lo = 0;
    let hi = this.entries.length - 1;
    if (hi < 0) return 0;
    const target = y + this.origin();
    // First row whose end is beyond y.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[this.base + mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private rebuild(entries: readonly T[]): void {
    this.base = 0;
    if (this.ends.length < entries.length) this.ends = new Float64Array(Math.max(1024, entries.length * 2));
    let end = 0;
    for (let i = 0; i < entries.length; i++) {
      end += this.heightOf(entries[i]!);
      this.ends[i] = end;
    }
  }

  /** Rows `from`… of `entries` are new (the first rows are where they were). */
  private append(entries: readonly T[], from: number): void {
    const need = this.base + entries.length;
    if (need > this.ends.length) {
      // Move the live part down (the dropped rows' totals are no longer needed), growing if full.
      const live = this.ends.subarray(Math.max(0, this.base - 1), this.base + from);
      const next = new Float64Array(Math.max(1024, entries.length * 2));
      next.set(live);
      this.base = this.base > 0 ? 1 : 0;
      this.ends = next;
    }
    let end = this.base + from > 0 ? this.ends[this.base + from - 1]! : 0;
    for (let i = from; i < entries.length; i++) {
      end += this.heightOf(entries[i]!);
      this.ends[this.base + i] = end;
    }
  }
}
