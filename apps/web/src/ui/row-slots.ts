/**
 * Stable places in the page for the rows of a list that follows a busy lab. A row keeps its slot
 * (so its element, and React skips it) for as long as it stays on screen; a new row takes a slot
 * that a row which scrolled away left free. Each frame then costs what arrived, not every row on
 * screen: at 1,000 events/s and 120 frames a second, 8 of the ~18 rows on screen are new.
 * Invariant: the rows of one `assign` get distinct slots, numbered from 0 up, at most as many slots
 * as the most rows ever assigned at once.
 */
export class RowSlots {
  private readonly slotOf = new Map<number, number>();

  /** The slot of each row (by its unique id, e.g. the event's seq), in the order given. */
  assign(ids: readonly number[]): number[] {
    const onScreen = new Set(ids);
    const taken = new Set<number>();
    for (const [id, slot] of this.slotOf) {
      if (onScreen.has(id)) taken.add(slot);
      else this.slotOf.delete(id);
    }
    let free = 0;
    return ids.map((id) => {
      const had = this.slotOf.get(id);
      if (had !== undefined) return had;
      while (taken.has(free)) free++;
      taken.add(free);
      this.slotOf.set(id, free);
      return free;
    });
  }

  /** Forget every row (the list stopped following: rows go back to being keyed by their event). */
  clear(): void {
    this.slotOf.clear();
  }
}
