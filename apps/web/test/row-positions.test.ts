import { describe, expect, it } from 'vitest';
import { EventRing } from '../src/bridge/event-ring.ts';
import { RowPositions } from '../src/ui/row-positions.ts';

interface Row {
  seq: number;
  h: number;
}

function check(p: RowPositions<Row>, rows: readonly Row[]): void {
  let y = 0;
  for (let i = 0; i < rows.length; i++) {
    expect(p.start(i)).toBe(y);
    expect(p.size(i)).toBe(rows[i]!.h);
    if (rows[i]!.h > 0) expect(p.indexAt(y + rows[i]!.h / 2)).toBe(i);
    y += rows[i]!.h;
  }
  expect(p.total).toBe(y);
}

describe('RowPositions', () => {
  it('matches the running totals as a ring grows and drops its oldest rows, past many buffer sizes', () => {
    const ring = new EventRing<Row>(3000);
    const p = new RowPositions<Row>((r) => r.h);
    let seq = 0;
    for (let round = 0; round < 60; round++) {
      ring.push(Array.from({ length: 1 + ((round * 37) % 400) }, () => ({ seq: ++seq, h: 20 + (seq % 3) * 19 })));
      p.update(ring.entries, 1);
      if (round % 10 === 0 || round === 59) check(p, ring.entries);
    }
    expect(p.indexAt(-5)).toBe(0);
    expect(p.indexAt(p.total + 100)).toBe(ring.entries.length - 1);
  });

  it('recomputes for another list, or when the heights change', () => {
    let unit = 10;
    const p = new RowPositions<Row>((r) => r.h * unit);
    const a = [{ seq: 1, h: 1 }, { seq: 2, h: 2 }];
    p.update(a, 'v1');
    check(p, a.map((r) => ({ ...r, h: r.h * 10 })));
    unit = 20;
    p.update(a, 'v2');
    expect(p.total).toBe(60);
    const b = [{ seq: 5, h: 3 }];
    p.update(b, 'v2');
    expect(p.total).toBe(60);
    p.update([], 'v2');
    expect(p.total).toBe(0);
  });
});
