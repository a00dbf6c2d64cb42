import type { Segment } from './flow-layout.ts';

/** An axis-aligned box in diagram pixels. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where along an arrow its label may sit, best first: the middle, then out towards the ends. */
const ALONG = [0.5, 0.62, 0.38, 0.74, 0.26, 0.85, 0.15] as const;
/** Room kept between a label and what it must not cover. */
const MARGIN = 2;

/** The box of a `w` × `h` label centred on (x, y). */
export function boxAt(x: number, y: number, w: number, h: number): Rect {
  return { left: x - w / 2, top: y - h / 2, right: x + w / 2, bottom: y + h / 2 };
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left) + MARGIN;
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) + MARGIN;
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The centre for an arrow's label: the arrow's middle unless that covers a call's pill (or a label
 * placed before), then the first free place further along the arrow; where every place covers
 * something, the one that covers least (`covered`: how many square pixels it covers, 0 when free). `lift` moves the label up off a flat arrow's line.
 * Pure and deterministic: the same diagram puts every label in the same place.
 */
export function placeOnSegment(seg: Segment, w: number, h: number, lift: number, obstacles: readonly Rect[]): { x: number; y: number; covered: number } {
  let best = { x: 0, y: 0, covered: Infinity };
  for (const t of ALONG) {
    const x = seg.x1 + (seg.x2 - seg.x1) * t;
    const y = seg.y1 + (seg.y2 - seg.y1) * t - lift;
    const box = boxAt(x, y, w, h);
    let covered = 0;
    for (const o of obstacles) covered += overlapArea(box, o);
    if (covered === 0) return { x, y, covered };
    if (covered < best.covered) best = { x, y, covered };
  }
  return best;
}
