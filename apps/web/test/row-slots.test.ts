import { describe, expect, it } from 'vitest';
import { RowSlots } from '../src/ui/row-slots.ts';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('row slots', () => {
  it('keeps the slot of a row that stays on screen, and gives new rows the slots that were left', () => {
    const slots = new RowSlots();
    expect(slots.assign(range(1, 5))).toEqual([0, 1, 2, 3, 4]);
    // Rows 1 and 2 scrolled away; 6 and 7 came in at the bottom and take their slots.
    expect(slots.assign(range(3, 7))).toEqual([2, 3, 4, 0, 1]);
  });

  it('never gives two rows on screen one slot, and uses no more slots than rows, over a long run', () => {
    const slots = new RowSlots();
    let first = 1;
    // A busy list: a few new rows per frame, the window now and then growing or shrinking; ids with gaps (a filter).
    for (let frame = 0; frame < 2000; frame++) {
      first += frame % 3;
      const size = 14 + (frame % 7);
      const ids = range(first, first + size - 1).map((i) => i * 2 + (i % 5 === 0 ? 1 : 0));
      const got = slots.assign(ids);
      expect(new Set(got).size).toBe(ids.length);
      expect(Math.max(...got)).toBeLessThan(20);
    }
  });

  it('starts over after clear', () => {
    const slots = new RowSlots();
    slots.assign([10, 11, 12]);
    slots.clear();
    expect(slots.assign([12, 13])).toEqual([0, 1]);
  });
});
