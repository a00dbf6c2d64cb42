import { lowerBound, upperBound } from './pairing.ts';
import type { ByteBlock, DirIndex, StreamConnection } from './stream-types.ts';
import { xOfT, type TimeView } from './time-view.ts';

/**
 * Geometry of the timeline, in CSS pixels, without drawing: a time axis on top, a gutter of
 * names on the left, and per connection a header and two lanes (one per direction). In a lane
 * the sender's sends rise above the middle line and the receiver's recvs hang below it, so
 * "three sends, one recv" is seen at a glance. Sizes grow with the log of the bytes.
 */
export const GEOMETRY = {
  axis: 24,
  gutter: 178,
  head: 20,
  lane: 46,
  gap: 10,
} as const;

export interface LaneRow {
  dir: DirIndex;
  /** Top of the lane, in content coordinates (the axis not counted). */
  y: number;
  h: number;
}

export interface ConnRow {
  conn: StreamConnection;
  y: number;
  h: number;
  lanes: LaneRow[];
}

export interface TimelineLayout {
  rows: ConnRow[];
  /** Height of all rows (without the axis). */
  height: number;
}

export function layoutRows(connections: readonly StreamConnection[], dirs: readonly DirIndex[]): TimelineLayout {
  const rows: ConnRow[] = [];
  let y = 0;
  for (const conn of connections) {
    const lanes = dirs.map((dir, i) => ({ dir, y: y + GEOMETRY.head + i * GEOMETRY.lane, h: GEOMETRY.lane }));
    const h = GEOMETRY.head + dirs.length * GEOMETRY.lane;
    rows.push({ conn, y, h, lanes });
    y += h + GEOMETRY.gap;
  }
  return { rows, height: Math.max(0, y - GEOMETRY.gap) };
}

/** The rows that overlap [top, top + height) of the content: binary search, then a short walk. */
export function rowsInView(layout: TimelineLayout, top: number, height: number): ConnRow[] {
  const rows = layout.rows;
  const out: ConnRow[] = [];
  for (let i = lowerBound(rows, top, (r) => r.y + r.h); i < rows.length && rows[i]!.y < top + height; i++) out.push(rows[i]!);
  return out;
}

/** A block's size: both grow with log2(bytes), so 1 byte and 64 KiB both stay visible. */
export function blockBox(bytes: number, maxBytes: number): { w: number; h: number } {
  const scale = Math.log2(1 + bytes) / Math.log2(1 + Math.max(maxBytes, 64));
  const half = GEOMETRY.lane / 2 - 4;
  return { w: Math.round(5 + 11 * scale), h: Math.max(3, Math.round(3 + (half - 3) * scale)) };
}

/** Blocks (in event order, so in `t` order) whose time lies within [t0, t1]. */
export function blocksBetween(blocks: readonly ByteBlock[], t0: number, t1: number): [number, number] {
  const from = lowerBound(blocks, t0, (b) => b.t);
  const to = upperBound(blocks, t1, (b) => b.t);
  return [from, Math.max(from, to)];
}

export interface BlockRect {
  x: number;
  y: number;
  w: number;
  h: number;
  seq: number;
}

/**
 * Where a block sits in its lane (content coordinates; x from the plot's left edge): its left
 * edge at its time; a send above the lane's middle line, a recv below it.
 */
export function blockRect(block: ByteBlock, lane: LaneRow, view: TimeView, plotWidth: number, maxBytes: number): BlockRect {
  const { w, h } = blockBox(block.bytes, maxBytes);
  const x = xOfT(block.t, view, plotWidth);
  const mid = lane.y + lane.h / 2;
  return { x, y: block.call === 'send' ? mid - h - 1 : mid + 1, w, h, seq: block.seq };
}

/** The topmost rect under a point (the last drawn wins), with a little slack for thin blocks. */
export function hitTest(rects: readonly BlockRect[], x: number, y: number, slack = 2): BlockRect | null {
  for (let i = rects.length - 1; i >= 0; i--) {
    const r = rects[i]!;
    if (x >= r.x - slack && x <= r.x + r.w + slack && y >= r.y - slack && y <= r.y + r.h + slack) return r;
  }
  return null;
}
