import type { FlowLane, FlowModel } from './flow-types.ts';

/**
 * Pixels for the call-flow model. Time runs down, one row per event (event order, not a
 * clock), with a compact extra gap where the clock moved on between two events, so a pause
 * the learner took between steps shows without stretching the diagram. Pure and testable.
 */
export interface LayoutOptions {
  laneWidth: number;
  rowHeight: number;
  /** Left column for seq numbers and times. */
  gutter: number;
  /** Space above the first row. */
  top: number;
  /**
   * The clock for what is still going on (an open blocking call, bytes not read yet): the
   * diagram's bottom grows with it. Null: a finished recording, the bottom is the last event.
   */
  now: number | null;
}

export const DEFAULT_LAYOUT: Omit<LayoutOptions, 'now'> = { laneWidth: 164, rowHeight: 30, gutter: 0, top: 22 };

/** Lanes widen to use the space there is (arrows between them get room for their labels), within limits. */
export const MIN_LANE_WIDTH = 164;
export const MAX_LANE_WIDTH = 250;

export function fitLaneWidth(available: number, columns: number): number {
  const share = Math.floor((available - 24) / Math.max(1, columns));
  return Math.max(MIN_LANE_WIDTH, Math.min(MAX_LANE_WIDTH, share));
}

/** Pauses at least this long are labelled with their length in the gutter. */
export const LABELLED_GAP_MS = 1000;
const MAX_GAP_PX = 36;
const MAX_GROWTH_PX = 180;

/** Extra space between two rows for `dt` ms of clock: nothing for a burst, up to 36 px for a long pause. */
export function gapPx(dtMs: number): number {
  if (!(dtMs > 20)) return 0;
  return Math.min(MAX_GAP_PX, Math.round(8 * Math.log2(dtMs / 20)));
}

/** How far "now" sits below the last event after `dt` ms: grows fast at first, then slowly, capped. */
export function growthPx(dtMs: number): number {
  if (!(dtMs > 0)) return 0;
  return Math.min(MAX_GROWTH_PX, Math.round(44 * Math.log2(1 + dtMs / 1000)));
}

export interface FlowLayout {
  width: number;
  height: number;
  /** Centre x of each lane, by key. */
  laneX: ReadonlyMap<string, number>;
  /** The lanes of each column, oldest first: a column is reused once its lane has ended. */
  columns: ReadonlyArray<readonly string[]>;
  /** Centre y of each row. */
  rowY: readonly number[];
  /** The bottom edge of what is still going on (open bars grow to here). */
  nowY: number;
  /** Where each lane's lifeline stops: its end row, or "now" while it lives. */
  laneEndY: ReadonlyMap<string, number>;
  /** Pauses of a second or more: the y between the two rows and the length. */
  pauses: ReadonlyArray<{ y: number; ms: number }>;
}

export function layoutFlow(model: FlowModel, options: LayoutOptions): FlowLayout {
  const { laneWidth, rowHeight, gutter, top, now } = options;
  const columns = assignColumns(model.lanes);
  const laneX = new Map<string, number>();
  columns.forEach((keys, column) => {
    for (const key of keys) laneX.set(key, gutter + column * laneWidth + laneWidth / 2);
  });

  const rowY: number[] = [];
  const pauses: Array<{ y: number; ms: number }> = [];
  let y = top + rowHeight / 2;
  model.rows.forEach((row, i) => {
    const prev = model.rows[i - 1];
    if (prev) {
      const dt = row.ts - prev.ts;
      const gap = gapPx(dt);
      if (dt >= LABELLED_GAP_MS) pauses.push({ y: y + (rowHeight + gap) / 2, ms: dt });
      y += rowHeight + gap;
    }
    rowY.push(y);
  });

  const last = model.rows.at(-1);
  const lastY = rowY.at(-1) ?? top;
  const growth = now !== null && last ? growthPx(now - last.ts) : 0;
  const nowY = lastY + rowHeight * 0.75 + growth;

  const laneEndY = new Map<string, number>();
  for (const lane of model.lanes) {
    laneEndY.set(lane.key, lane.endRow !== null ? (rowY[lane.endRow] ?? nowY) + rowHeight / 2 : nowY);
  }
  return {
    width: gutter + Math.max(1, columns.length) * laneWidth + 24,
    height: nowY + rowHeight,
    laneX,
    columns,
    rowY,
    nowY,
    laneEndY,
    pauses,
  };
}

/** Rows a column stays empty between an ended lane and the next one (room for the new lane's name). */
export const COLUMN_REUSE_GAP = 2;

/**
 * Columns for lanes, in order of appearance: a lane takes the leftmost column whose last lane
 * has ended (at least COLUMN_REUSE_GAP rows before it starts), else a new one. Twenty clients
 * one after another share a column instead of spreading across the screen. Stable as events
 * arrive: a lane's column depends only on the lanes that appeared before it.
 */
export function assignColumns(lanes: readonly FlowLane[]): string[][] {
  const columns: string[][] = [];
  const freeAfter: number[] = [];
  for (const lane of [...lanes].sort((a, b) => a.firstRow - b.firstRow || a.index - b.index)) {
    let column = freeAfter.findIndex((end) => end + COLUMN_REUSE_GAP <= lane.firstRow);
    if (column < 0) {
      column = columns.length;
      columns.push([]);
      freeAfter.push(0);
    }
    columns[column]!.push(lane.key);
    freeAfter[column] = lane.endRow === null ? Infinity : Math.max(lane.endRow, lane.lastRow);
  }
  return columns;
}

/** The lane a column's header names for rows [first, last] in view: the newest one begun by then. */
export function laneInView(column: readonly string[], lanes: ReadonlyMap<string, FlowLane>, last: number): string | undefined {
  let shown = column[0];
  for (const key of column) if ((lanes.get(key)?.firstRow ?? Infinity) <= last) shown = key;
  return shown;
}

/** The rows whose y lies in [from, to]: what a scrolled window needs to draw. */
export function rowsInView(rowY: readonly number[], from: number, to: number): { first: number; last: number } {
  let lo = 0;
  let hi = rowY.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rowY[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < rowY.length && rowY[end]! <= to) end++;
  return { first: lo, last: end - 1 };
}

/** Items are pills on their lane: wide enough for the label, never wider than the lane. */
export const PILL_HEIGHT = 22;
const CHAR_PX = 6.7;
/** A Chinese character (or a full-width sign) is about this many monospace Latin characters wide. */
export const WIDE_CHAR = 1.7;

/** Chinese characters, CJK punctuation and full-width forms. */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** The width of a character in monospace Latin characters. */
function charUnits(ch: string): number {
  return WIDE.test(ch) ? WIDE_CHAR : 1;
}

/** How wide a label is, in monospace Latin characters (a Chinese character counts WIDE_CHAR). */
export function textUnits(label: string): number {
  let units = 0;
  for (const ch of label) units += charUnits(ch);
  return units;
}

export function pillWidth(label: string, laneWidth: number): number {
  return Math.min(laneWidth - 14, Math.ceil(textUnits(label) * CHAR_PX + 20));
}

/** The label cut to what fits in a pill of the lane, with "…". */
export function fitLabel(label: string, laneWidth: number): string {
  const max = Math.floor((laneWidth - 34) / CHAR_PX);
  if (textUnits(label) <= max) return label;
  let out = '';
  let units = 0;
  for (const ch of label) {
    const w = charUnits(ch);
    if (units + w > Math.max(1, max - 1)) break;
    out += ch;
    units += w;
  }
  return `${out || [...label][0]}…`;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * An arrow from one lane to another, starting and ending at the edges of the pills it links
 * (`fromHalf`/`toHalf`: half their widths, 0 where there is no pill, e.g. an outside peer).
 */
export function arrowSegment(fromX: number, fromY: number, fromHalf: number, toX: number, toY: number, toHalf: number): Segment {
  const dir = toX >= fromX ? 1 : -1;
  return { x1: fromX + dir * fromHalf, y1: fromY, x2: toX - dir * (toHalf + 3), y2: toY };
}
