import { describe, expect, it } from 'vitest';
import { boxAt, placeOnSegment, type Rect } from '../src/flow/label-place.ts';

const intersects = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('placeOnSegment (an arrow label that does not cover a pill)', () => {
  const seg = { x1: 0, y1: 0, x2: 200, y2: 200 };

  it('puts the label in the middle of the arrow when nothing is there', () => {
    expect(placeOnSegment(seg, 60, 16, 0, [])).toEqual({ x: 100, y: 100, covered: 0 });
  });

  it('lifts the label off a flat arrow', () => {
    expect(placeOnSegment({ x1: 0, y1: 50, x2: 100, y2: 50 }, 40, 16, 9, [])).toEqual({ x: 50, y: 41, covered: 0 });
  });

  it('moves along the arrow, off a pill that sits on its middle', () => {
    const pill = boxAt(100, 100, 120, 22);
    const at = placeOnSegment(seg, 60, 16, 0, [pill]);
    expect(intersects(boxAt(at.x, at.y, 60, 16), pill)).toBe(false);
    // Still on the arrow.
    expect(at.x).toBeCloseTo(at.y);
  });

  it('keeps clear of labels placed before it', () => {
    const first = placeOnSegment(seg, 60, 16, 0, []);
    const taken = [boxAt(first.x, first.y, 60, 16)];
    const second = placeOnSegment(seg, 60, 16, 0, taken);
    expect(intersects(boxAt(second.x, second.y, 60, 16), taken[0]!)).toBe(false);
  });

  it('where every place covers something, takes the one that covers least (and the same one every time)', () => {
    const wall = { left: -50, top: -50, right: 250, bottom: 250 };
    const small = boxAt(100, 100, 10, 10);
    const a = placeOnSegment(seg, 60, 16, 0, [wall, small]);
    const b = placeOnSegment(seg, 60, 16, 0, [wall, small]);
    expect(a).toEqual(b);
    expect(a.covered).toBeGreaterThan(0);
    expect(intersects(boxAt(a.x, a.y, 60, 16), small)).toBe(false);
  });
});
