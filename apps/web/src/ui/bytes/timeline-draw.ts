import type { Lang } from '../../i18n/prefs.ts';
import { connectionState, countersOf, type ConnectionState } from '../../timeline/counters.ts';
import { blockRect, blocksBetween, GEOMETRY, rowsInView, type BlockRect, type ConnRow, type LaneRow, type TimelineLayout } from '../../timeline/timeline-layout.ts';
import { connectionWho, dirLabel, formatB, markLabel } from '../../timeline/stream-text.ts';
import type { ByteBlock, StreamMark } from '../../timeline/stream-types.ts';
import { tickLabel, ticks, tOfX, xOfT, type TimeView } from '../../timeline/time-view.ts';
import type { TimelinePalette } from './timeline-palette.ts';

/** The fixed words on the canvas (i18n bytes.timeAxis, laneSend, laneRecv, state). */
export interface TimelineLabels {
  axis: string;
  send: string;
  recv: string;
  state: Record<ConnectionState, string>;
}

export interface DrawInput {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  layout: TimelineLayout;
  scrollTop: number;
  view: TimeView;
  maxBytes: number;
  origin: number;
  selected: ByteBlock | null;
  matches: ReadonlySet<number>;
  hits: ReadonlySet<number> | null;
  focusConn: string | null;
  /** The replay's position (an event's ts), or null when live: what came after it is veiled. */
  cursorT: number | null;
  /** The same position as an event's seq: a connection's header says the state it had then. */
  cursorSeq: number | null;
  palette: TimelinePalette;
  labels: TimelineLabels;
  lang: Lang;
}

export interface DrawOutput {
  rects: BlockRect[];
  heads: Array<{ y: number; h: number; conn: string }>;
}

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const BOLD = `600 ${FONT}`;
const MONO = '11px ui-monospace, Menlo, Consolas, monospace';
const SMALL = '10px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * Draws the timeline on a canvas: only the rows in view, and in each lane only the blocks in
 * the time window, at most one per pixel column unless highlighted. Returns the rectangles it
 * drew (canvas coordinates) for hit-testing clicks and hovers. Its colours (timeline-palette.ts)
 * and words come in with the input, so the theme and the language are the caller's.
 */
export function drawTimeline(input: DrawInput): DrawOutput {
  const { ctx, width, height, layout, scrollTop, view } = input;
  const plotW = Math.max(1, width - GEOMETRY.gutter);
  ctx.clearRect(0, 0, width, height);
  const out: DrawOutput = { rects: [], heads: [] };
  const top = GEOMETRY.axis - scrollTop;
  const { step, at } = ticks(view, plotW, input.origin);

  ctx.save();
  ctx.beginPath();
  ctx.rect(0, GEOMETRY.axis, width, height - GEOMETRY.axis);
  ctx.clip();
  for (const row of rowsInView(layout, scrollTop, height - GEOMETRY.axis)) drawRow(input, row, top, plotW, at, out);
  drawReplayCursor(input, plotW);
  ctx.restore();
  drawAxis(input, plotW, at, step);
  return out;
}

/** The replay's position: a line at its time, and a veil over the calls that came after it. */
function drawReplayCursor(input: DrawInput, plotW: number): void {
  const { ctx, width, height, view, cursorT, palette: colors } = input;
  if (cursorT === null) return;
  const x = Math.round(GEOMETRY.gutter + xOfT(cursorT, view, plotW));
  if (x >= width) return;
  const from = Math.max(GEOMETRY.gutter, x + 1);
  ctx.fillStyle = colors.replayVeil;
  ctx.fillRect(from, GEOMETRY.axis, width - from, height - GEOMETRY.axis);
  if (x < GEOMETRY.gutter) return;
  ctx.fillStyle = colors.replayLine;
  ctx.fillRect(x - 1, GEOMETRY.axis, 2, height - GEOMETRY.axis);
}

function drawAxis(input: DrawInput, plotW: number, at: number[], step: number): void {
  const { ctx, width, view, origin, palette: colors } = input;
  ctx.fillStyle = colors.axis;
  ctx.fillRect(0, 0, width, GEOMETRY.axis);
  ctx.fillStyle = colors.border;
  ctx.fillRect(0, GEOMETRY.axis - 1, width, 1);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = colors.faint;
  ctx.fillText(input.labels.axis, 8, GEOMETRY.axis / 2);
  for (const t of at) {
    const x = GEOMETRY.gutter + xOfT(t, view, plotW);
    ctx.fillStyle = colors.border;
    ctx.fillRect(Math.round(x), GEOMETRY.axis - 6, 1, 6);
    const label = tickLabel(t, origin, step);
    if (x + 4 + ctx.measureText(label).width > width - 2) continue;
    ctx.fillStyle = colors.muted;
    ctx.fillText(label, Math.round(x) + 4, GEOMETRY.axis / 2 - 1);
  }
}

function drawRow(input: DrawInput, row: ConnRow, top: number, plotW: number, at: number[], out: DrawOutput): void {
  const { ctx, width, view, palette: colors, labels, lang } = input;
  const y = top + row.y;
  const focused = input.focusConn === row.conn.id;
  out.heads.push({ y, h: row.h, conn: row.conn.id });
  // Header: name, who, state.
  ctx.fillStyle = focused ? colors.headFocused : colors.head;
  ctx.fillRect(0, y, width, GEOMETRY.head);
  ctx.font = BOLD;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = colors.text;
  ctx.fillText(row.conn.id, 8, y + GEOMETRY.head / 2);
  const after = 8 + ctx.measureText(row.conn.id).width + 8;
  ctx.font = FONT;
  ctx.fillStyle = colors.muted;
  const state = connectionState(row.conn, input.cursorSeq);
  ctx.fillText(`${connectionWho(row.conn, lang)} · ${row.conn.aEnd ?? '?'} ⇄ ${row.conn.bEnd ?? '?'} · ${labels.state[state]}`, after, y + GEOMETRY.head / 2);

  // At the replay's position the gutter says the bytes moved by then.
  const then = input.cursorSeq === null ? null : countersOf(row.conn, input.cursorSeq);
  for (const lane of row.lanes) {
    const ly = top + lane.y;
    ctx.fillStyle = colors.lane;
    ctx.fillRect(GEOMETRY.gutter, ly, plotW, lane.h);
    ctx.fillStyle = colors.grid;
    for (const t of at) ctx.fillRect(Math.round(GEOMETRY.gutter + xOfT(t, view, plotW)), ly, 1, lane.h);
    ctx.fillStyle = colors.soft[lane.dir];
    ctx.fillRect(GEOMETRY.gutter, ly + lane.h / 2, plotW, 1);
    // Gutter: the direction's name and bytes.
    ctx.fillStyle = colors.dir[lane.dir];
    ctx.fillRect(8, ly + 10, 4, lane.h - 20);
    ctx.font = BOLD;
    ctx.fillStyle = colors.text;
    ctx.fillText(dirLabel(lane.dir, lang), 18, ly + lane.h / 2 - 7);
    ctx.font = FONT;
    ctx.fillStyle = colors.faint;
    const d = row.conn.dirs[lane.dir];
    const moved = then ? Math.max(then[lane.dir].sent ?? 0, then[lane.dir].received ?? 0) : Math.max(0, d.sentTo, d.readTo);
    ctx.fillText(formatB(moved), 18, ly + lane.h / 2 + 8);
    // Which half of the lane is which: sends rise above the middle line, recvs hang below it.
    ctx.font = SMALL;
    ctx.fillStyle = colors.faint;
    ctx.textAlign = 'right';
    ctx.fillText(labels.send, GEOMETRY.gutter - 6, ly + lane.h / 2 - 7);
    ctx.fillText(labels.recv, GEOMETRY.gutter - 6, ly + lane.h / 2 + 8);
    ctx.textAlign = 'left';
    ctx.fillStyle = colors.border;
    ctx.fillRect(0, ly + lane.h - 1, width, 1);
    drawLaneBlocks(input, row, lane, ly - lane.y, plotW, out);
  }
  const taken: Taken = new Map();
  for (const mark of row.conn.marks) drawMark(input, mark, row, top, plotW, taken);
}

function drawLaneBlocks(input: DrawInput, row: ConnRow, lane: LaneRow, dy: number, plotW: number, out: DrawOutput): void {
  const { ctx, view, maxBytes, selected, matches, hits, palette: colors } = input;
  const blocks = row.conn.dirs[lane.dir].blocks;
  const [from, to] = blocksBetween(blocks, tOfX(-24, view, plotW), tOfX(plotW, view, plotW));
  const special: Array<{ r: BlockRect; block: ByteBlock }> = [];
  // Per call (send above, recv below) and tier (plain, search hit): the last pixel column drawn.
  const last = new Map<string, { px: number; h: number }>();
  const color = colors.dir[lane.dir];
  const soft = colors.soft[lane.dir];
  ctx.save();
  ctx.beginPath();
  ctx.rect(GEOMETRY.gutter, dy + lane.y, plotW, lane.h);
  ctx.clip();
  for (let i = from; i < to; i++) {
    const block = blocks[i]!;
    const r = blockRect(block, lane, view, plotW, maxBytes);
    r.x += GEOMETRY.gutter;
    r.y += dy;
    if (block === selected || matches.has(block.seq)) {
      special.push({ r, block });
      continue;
    }
    const hit = hits?.has(block.seq) ?? false;
    // Many blocks in one pixel column: draw the tallest, once.
    const tier = `${block.call}${hit ? '!' : ''}`;
    const px = Math.floor(r.x);
    const prev = last.get(tier);
    if (prev && prev.px === px && r.h <= prev.h) continue;
    last.set(tier, { px, h: r.h });
    if (hit) {
      ctx.fillStyle = colors.hit;
      ctx.fillRect(r.x - 3, r.y - 3, r.w + 6, r.h + 6);
    }
    paintBlock(ctx, r, block.call, color, soft);
    out.rects.push(r);
  }
  for (const { r, block } of special) {
    if (hits?.has(block.seq)) {
      ctx.fillStyle = colors.hit;
      ctx.fillRect(r.x - 3, r.y - 3, r.w + 6, r.h + 6);
    }
    paintBlock(ctx, r, block.call, color, soft);
    ctx.strokeStyle = block === selected ? colors.selected : colors.match;
    ctx.lineWidth = 2;
    ctx.strokeRect(r.x - 1.5, r.y - 1.5, r.w + 3, r.h + 3);
    out.rects.push(r);
  }
  // The selected block's bytes, travelling to (or from) its matches.
  const sel = special.find((x) => x.block === selected);
  if (sel && selected) {
    ctx.strokeStyle = colors.match;
    ctx.lineWidth = 1.5;
    for (const { r } of special) {
      if (r === sel.r) continue;
      const [a, b] = selected.call === 'send' ? [sel.r, r] : [r, sel.r];
      ctx.beginPath();
      ctx.moveTo(a.x + a.w / 2, a.y + a.h);
      ctx.lineTo(b.x + b.w / 2, b.y);
      ctx.stroke();
    }
  }
  ctx.restore();
}

function paintBlock(ctx: CanvasRenderingContext2D, r: BlockRect, call: 'send' | 'recv', color: string, soft: string): void {
  if (call === 'send') {
    ctx.fillStyle = color;
    ctx.fillRect(r.x, r.y, r.w, r.h);
    return;
  }
  ctx.fillStyle = soft;
  ctx.fillRect(r.x, r.y, r.w, r.h);
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
}

/** Label spans already placed, per lane and slot (top, bottom), so labels do not overprint. */
type Taken = Map<string, Array<[number, number]>>;

function placeLabel(taken: Taken, lane: number, x0: number, x1: number): number | null {
  for (const slot of [0, 1]) {
    const key = `${lane}:${slot}`;
    const spans = taken.get(key) ?? [];
    if (spans.some(([a, b]) => x0 < b + 4 && x1 > a - 4)) continue;
    spans.push([x0, x1]);
    taken.set(key, spans);
    return slot;
  }
  return null;
}

function drawMark(input: DrawInput, mark: StreamMark, row: ConnRow, top: number, plotW: number, taken: Taken): void {
  const { ctx, view, palette: colors } = input;
  const x = GEOMETRY.gutter + xOfT(mark.t, view, plotW);
  if (x < GEOMETRY.gutter - 1 || x > GEOMETRY.gutter + plotW + 1) return;
  const lane = row.lanes.find((l) => l.dir === mark.dir) ?? row.lanes[0];
  if (!lane) return;
  const red = mark.kind === 'reset' || mark.kind === 'error';
  const color = red ? colors.reset : colors.close;
  const y0 = top + (mark.kind === 'eof' ? lane.y : row.lanes[0]!.y);
  const y1 = top + (mark.kind === 'eof' ? lane.y + lane.h : row.y + row.h);
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = red ? 2 : 1.5;
  ctx.setLineDash(mark.kind === 'close' ? [4, 3] : mark.kind === 'eof' ? [2, 2] : []);
  ctx.beginPath();
  ctx.moveTo(Math.round(x) + 0.5, y0);
  ctx.lineTo(Math.round(x) + 0.5, y1);
  ctx.stroke();
  ctx.font = MONO;
  ctx.textBaseline = 'top';
  ctx.fillStyle = color;
  const label = markLabel(mark, input.lang);
  const w = ctx.measureText(label).width;
  const lx = x + 4 + w > GEOMETRY.gutter + plotW ? x - 4 - w : x + 4;
  const slot = placeLabel(taken, lane.dir, lx, lx + w);
  if (slot !== null) {
    const ly = top + (slot === 0 ? lane.y + 2 : lane.y + lane.h - 15);
    ctx.fillStyle = colors.labelBg;
    ctx.fillRect(lx - 2, ly, w + 4, 13);
    ctx.fillStyle = color;
    ctx.fillText(label, lx, ly + 1);
  }
  ctx.restore();
}
