import { useTranslation } from 'react-i18next';
import { arrowSegment, PILL_HEIGHT, textUnits, type Segment } from '../../flow/flow-layout.ts';
import { boxAt, placeOnSegment, type Rect } from '../../flow/label-place.ts';
import type { FlowBlock, FlowConnection, FlowItem } from '../../flow/flow-types.ts';
import type { Geometry } from './FlowShapes.tsx';

// Where the call flow's labels go, so that they cover neither each other nor the calls.

const HALF_PILL = PILL_HEIGHT / 2;

export interface PlacedLabel {
  x: number;
  y: number;
  text: string;
  /** Square pixels of other things it covers (0: none). */
  covered: number;
  box: Rect;
}

/**
 * What labels must not cover: the calls' pills, and the bars (with their "blocked …" text) of
 * calls that blocked. Labels placed later add their own boxes.
 */
export function labelObstacles(items: readonly FlowItem[], blocks: readonly FlowBlock[], g: Geometry): Rect[] {
  const taken = items.map((item) => boxAt(g.x(item.lane), g.y(item.row), g.half(item.seq) * 2, PILL_HEIGHT));
  for (const block of blocks) {
    const x = g.x(block.lane);
    const top = g.y(block.row);
    const bottom = block.endRow === null ? g.layout.nowY : g.y(block.endRow) - HALF_PILL;
    taken.push({ left: x - 6, right: x + 6, top, bottom });
    // The two lines of text beside a tall bar (Blocks draws them when the bar is over 46 px).
    if (bottom - top > 46) taken.push({ left: x + 8, right: x + 8 + g.laneWidth / 2, top: top + HALF_PILL + 4, bottom: top + HALF_PILL + 34 });
  }
  return taken;
}

/** Sizes of the handshake label (10.5 px italic sans): per character, and the line's height. */
const HANDSHAKE_CHAR_PX = 5.6;
const HANDSHAKE_LINE_PX = 13;

/**
 * Where a connection's handshake label goes, and which wording: the longest that fits over the
 * handshake without covering a pill, a blocked bar or an earlier label; where none does, the
 * shortest, where it covers least. Pure: the diagram also uses it to keep arrow labels off it.
 */
export function handshakeLabel(c: FlowConnection, g: Geometry, taken: readonly Rect[], wordings: readonly string[]): PlacedLabel {
  const seg = handshakeSegment(c, g);
  const room = Math.abs(seg.x2 - seg.x1) + 40;
  let last: PlacedLabel = { x: 0, y: 0, text: '', covered: 0, box: boxAt(0, 0, 0, 0) };
  for (const [i, text] of wordings.entries()) {
    const w = textUnits(text) * HANDSHAKE_CHAR_PX + 6;
    // A wording far wider than the arrow it names is not tried (the shortest always is).
    if (w > room && i < wordings.length - 1) continue;
    const at = placeOnSegment(seg, w, HANDSHAKE_LINE_PX, 11.5, taken);
    last = { x: at.x, y: at.y, text, covered: at.covered, box: boxAt(at.x, at.y, w, HANDSHAKE_LINE_PX) };
    if (at.covered === 0) break;
  }
  return last;
}

/** The handshake's line: between the two lanes, from the edge of the pill on its row. */
export function handshakeSegment(c: FlowConnection, g: Geometry): Segment {
  const hy = g.y(c.row);
  const cx = g.x(c.clientLane);
  const sx = g.x(c.serverLane);
  const fromSeq = c.row === c.connectRow ? c.connectSeq : c.row === c.acceptRow ? c.acceptSeq : null;
  return c.row === c.connectRow ? arrowSegment(cx, hy, g.half(fromSeq), sx, hy, 4) : arrowSegment(sx, hy, g.half(fromSeq), cx, hy, 4);
}

/** The handshake wordings, longest first. */
export function useHandshakeWordings(): string[] {
  const { t } = useTranslation();
  return [t('calls.flow.handshake'), t('calls.flow.handshakeShort'), t('calls.flow.handshakeTiny')];
}
