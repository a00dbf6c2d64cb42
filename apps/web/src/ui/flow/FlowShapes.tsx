import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { arrowSegment, fitLabel, PILL_HEIGHT, pillWidth, textUnits, type FlowLayout } from '../../flow/flow-layout.ts';
import type { FlowArrow, FlowBlock, FlowConnection, FlowGroup, FlowItem, FlowLane } from '../../flow/flow-types.ts';
import { boxAt, placeOnSegment, type Rect } from '../../flow/label-place.ts';
import { handshakeLabel, handshakeSegment, useHandshakeWordings } from './flow-labels.ts';
import { arrowLabelIn, blockMarker, blockParts, shortBytes } from '../../flow/labels.ts';
import { currentLang } from '../../i18n/i18n.ts';
import type { Lang } from '../../i18n/prefs.ts';

/**
 * The drawing of the call flow, layer by layer. Every shape carries `data-tip` (what its
 * tooltip explains) and, when it stands for an event, `data-select` (the seq a click selects):
 * the diagram handles pointer and keyboard for all of them in one place.
 */
export interface Geometry {
  layout: FlowLayout;
  laneWidth: number;
  rowHeight: number;
  x: (lane: string) => number;
  y: (row: number) => number;
  /** Half the pill width of the item with this seq (0 when it has none). */
  half: (seq: number | null) => number;
}

const HALF_PILL = PILL_HEIGHT / 2;

export const Lifelines = memo(function Lifelines({ lanes, g, selectedLane }: { lanes: readonly FlowLane[]; g: Geometry; selectedLane: string | null }) {
  // A lane that took over a column from an ended one gets its name written where it begins.
  const later = new Set(g.layout.columns.flatMap((column) => column.slice(1)));
  return (
    <g className="flow-lifelines">
      {lanes.map((lane) => {
        const x = g.x(lane.key);
        const y1 = g.y(lane.firstRow) - HALF_PILL - 6;
        const y2 = g.layout.laneEndY.get(lane.key) ?? y1;
        const outside = lane.kind.startsWith('outside');
        return (
          <g key={lane.key} className={`lifeline${outside ? ' lifeline-outside' : ''}${lane.key === selectedLane ? ' lifeline-selected' : ''}`}>
            <line x1={x} x2={x} y1={y1} y2={y2} />
            {lane.endRow !== null && <line className="lifeline-end" x1={x - 14} x2={x + 14} y1={y2} y2={y2} />}
            {later.has(lane.key) && (
              <text className="lane-tag" x={x} y={y1 - 4} textAnchor="middle">
                {fitLabel(`${lane.title}${lane.address ? ` · ${lane.address}` : ''}`, g.laneWidth + 30)}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
});

export function Groups({ groups, g }: { groups: readonly FlowGroup[]; g: Geometry }) {
  const { t } = useTranslation();
  return (
    <g className="flow-groups">
      {groups.map((group) => {
        const x = g.x(group.lane) - g.laneWidth / 2 + 3;
        const top = g.y(group.firstRow) - HALF_PILL - 4;
        const bottom = g.y(group.lastRow) + HALF_PILL + 4;
        const label = t('calls.flow.inside', { call: group.nodeCall });
        return (
          <g key={`${group.socketId}-${group.firstRow}`} className="flow-group" data-tip={`g${group.firstRow}:${group.lane}`}>
            <rect x={x} y={top} width={g.laneWidth - 6} height={bottom - top} rx={9} />
            <text x={x + 8} y={bottom + 9}>
              {fitLabel(label, g.laneWidth + 8)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export function Blocks({ blocks, g, nowTs }: { blocks: readonly FlowBlock[]; g: Geometry; nowTs: number | null }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  return (
    <g className="flow-blocks">
      {blocks.map((block) => {
        const x = g.x(block.lane);
        const top = g.y(block.row);
        const open = block.endRow === null;
        const bottom = open ? g.layout.nowY : g.y(block.endRow!) - HALF_PILL;
        const height = Math.max(0, bottom - top);
        const marker = blockMarker(block, lang);
        const w = pillWidth(marker, g.laneWidth);
        const { wait, took } = blockParts(block, block.endTs ?? nowTs ?? block.startTs, lang);
        return (
          <g
            key={block.seq}
            className={`flow-block${open ? ' flow-block-open' : ''}`}
            data-testid="flow-block"
            data-open={open ? 'true' : 'false'}
            data-seq={block.seq}
            data-call={block.call}
            data-tip={`b${block.seq}`}
            data-select={block.seq}
          >
            <rect className="flow-block-bar" x={x - 5} y={top} width={10} height={height} rx={3} />
            {height > 46 && (
              <text className="flow-block-text" x={x + 10} y={top + HALF_PILL + 16}>
                <tspan>{open ? fitLabel(wait, g.laneWidth + 40) : t('calls.flow.blocked')}</tspan>
                <tspan x={x + 10} dy={13}>
                  {took}
                </tspan>
              </text>
            )}
            {open && <path className="flow-block-tip" d={`M ${x - 5} ${bottom} l 5 7 l 5 -7 z`} />}
            <g transform={`translate(${x} ${top})`} className="flow-block-marker">
              <rect x={-w / 2} y={-HALF_PILL} width={w} height={PILL_HEIGHT} rx={HALF_PILL} />
              <text textAnchor="middle" dy="0.35em">
                {fitLabel(marker, g.laneWidth)}
              </text>
            </g>
          </g>
        );
      })}
    </g>
  );
}

export function Connections({ connections, g, taken }: { connections: readonly FlowConnection[]; g: Geometry; taken: readonly Rect[] }) {
  const { t } = useTranslation();
  const wordings = useHandshakeWordings();
  const placed = [...taken];
  // Connections waiting in the same accept queue side by side, not on top of each other.
  const waitingOn = new Map<string, number>();
  const offset = (c: FlowConnection) => {
    const n = waitingOn.get(c.serverLane) ?? 0;
    waitingOn.set(c.serverLane, n + 1);
    return 3 + (n % 4) * 5;
  };
  return (
    <g className="flow-connections">
      {connections.map((c) => {
        const hy = g.y(c.row);
        const cx = g.x(c.clientLane);
        const sx = g.x(c.serverLane);
        const fromClient = c.row === c.connectRow;
        const seg = handshakeSegment(c, g);
        const label = handshakeLabel(c, g, placed, wordings);
        placed.push(label.box);
        const queueEnd = c.acceptRow !== null ? g.y(c.acceptRow) - HALF_PILL : c.queued ? g.layout.nowY : null;
        const late = queueEnd !== null && queueEnd - hy > g.rowHeight;
        const qx = sx + (late ? offset(c) : 3);
        const clientLate = c.connectRow !== null && c.connectRow > c.row;
        return (
          <g key={c.id} className="flow-connection" data-testid="flow-connection" data-tip={`c${c.id}`}>
            <line className="handshake" x1={seg.x1} y1={hy - 2} x2={seg.x2} y2={hy - 2} />
            <line className="handshake" x1={seg.x1} y1={hy + 2} x2={seg.x2} y2={hy + 2} />
            <text className="handshake-label" x={label.x} y={label.y + 3.5} textAnchor="middle">
              {label.text}
            </text>
            <circle className="kernel-dot" cx={fromClient ? sx : cx} cy={hy} r={4} />
            {late && queueEnd !== null && (
              <>
                <line className="accept-queue-line" x1={qx} x2={qx} y1={hy + 6} y2={queueEnd} />
                <text className="accept-queue-label" x={qx + 6} y={Math.min(hy + 22, queueEnd - 4)}>
                  {c.acceptRow === null ? t('calls.flow.inAcceptQueue') : t('calls.flow.waitedInAcceptQueue')}
                </text>
              </>
            )}
            {clientLate && <line className="accept-queue-line" x1={cx} x2={cx} y1={hy + 6} y2={g.y(c.connectRow!) - HALF_PILL} />}
          </g>
        );
      })}
    </g>
  );
}

/** Whether a label fits in `px`, at `charPx` per monospace Latin character (a Chinese one counts more). */
const fitsIn = (label: string, px: number, charPx = 6.1) => textUnits(label) * charPx + 16 <= px;
const arrowShort = (a: FlowArrow, lang: Lang) => (a.kind === 'data' ? shortBytes(a.bytes) : arrowLabelIn(a, lang));

/**
 * Arrows with their labels. A label sits in the middle of its arrow unless that covers something
 * in `taken` (pills, blocked bars, handshake labels) or an earlier label; then it moves along the
 * arrow to a free place.
 */
export function Arrows({ arrows, g, taken: avoid }: { arrows: readonly FlowArrow[]; g: Geometry; taken: readonly Rect[] }) {
  const { i18n } = useTranslation();
  const lang = currentLang(i18n);
  const taken = [...avoid];
  return (
    <g className="flow-arrows">
      {arrows.map((a) => {
        const y2 = a.toRow === null ? g.layout.nowY : g.y(a.toRow);
        const seg = arrowSegment(g.x(a.fromLane), g.y(a.fromRow), g.half(a.fromSeq), g.x(a.toLane), y2, g.half(a.toSeq));
        const waiting = a.toRow === null;
        const label = arrowLabelIn(a, lang);
        const flat = Math.abs(seg.y2 - seg.y1) < 2;
        // As much of the label as the arrow has room for; the byte count at least.
        const room = Math.hypot(seg.x2 - seg.x1, seg.y2 - seg.y1) * (flat ? 1 : 1.4);
        const text = fitsIn(label, room) ? label : fitsIn(label, 140) && room > 110 ? fitLabel(label, room + 20) : arrowShort(a, lang);
        const tw = textUnits(text) * 6.1 + 10;
        const { x: mx, y: my } = placeOnSegment(seg, tw, 16, flat ? 9 : 0, taken);
        if (label) taken.push(boxAt(mx, my, tw, 16));
        return (
          <g
            key={a.id}
            className={`flow-arrow arrow-${a.kind}${waiting ? ' arrow-waiting' : ''}`}
            data-testid="flow-arrow"
            data-kind={a.kind}
            data-tip={`a${a.id}`}
            {...(a.toSeq !== null || a.fromSeq !== null ? { 'data-select': a.toSeq ?? a.fromSeq } : {})}
          >
            <line className="arrow-hit" x1={seg.x1} y1={seg.y1} x2={seg.x2} y2={seg.y2} />
            <line className="arrow-line" x1={seg.x1} y1={seg.y1} x2={seg.x2} y2={seg.y2} markerEnd={`url(#flow-head-${a.kind})`} />
            {label && (
              <g transform={`translate(${mx} ${my})`} className="arrow-label">
                <rect x={-tw / 2} y={-8} width={tw} height={16} rx={4} />
                <text textAnchor="middle" dy="0.35em">
                  {text}
                </text>
              </g>
            )}
          </g>
        );
      })}
    </g>
  );
}

export function Items({ items, g, selectedSeq, cursorSeq }: { items: readonly FlowItem[]; g: Geometry; selectedSeq: number | null; cursorSeq: number | null }) {
  return (
    <g className="flow-items">
      {items.map((item) => {
        const w = g.half(item.seq) * 2;
        const state = item.seq === selectedSeq ? ' selected' : item.seq === cursorSeq ? ' at-cursor' : '';
        return (
          <g
            key={item.seq}
            className={`flow-item fi-${item.call} tone-${item.tone}${state}`}
            transform={`translate(${g.x(item.lane)} ${g.y(item.row)})`}
            data-testid="flow-item"
            data-call={item.call}
            data-seq={item.seq}
            data-tip={`i${item.seq}`}
            data-select={item.seq}
            role="button"
            tabIndex={0}
            aria-label={`#${item.seq} ${item.label}`}
            aria-pressed={item.seq === selectedSeq}
          >
            <rect x={-w / 2} y={-HALF_PILL} width={w} height={PILL_HEIGHT} rx={6} />
            <text textAnchor="middle" dy="0.35em">
              {fitLabel(item.label, g.laneWidth)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Arrowheads, one per kind of arrow, so each takes its line's colour. */
export function Markers() {
  return (
    <defs>
      {(['data', 'fin', 'rst'] as const).map((kind) => (
        <marker key={kind} id={`flow-head-${kind}`} className={`head-${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" />
        </marker>
      ))}
    </defs>
  );
}
