import type { LabEvent } from '@socket-playground/protocol';
import { useLayoutEffect, useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { assignColumns, DEFAULT_LAYOUT, fitLaneWidth, layoutFlow, pillWidth, rowsInView } from '../../flow/flow-layout.ts';
import type { FlowModel } from '../../flow/flow-types.ts';
import { FlowGutter, GUTTER_WIDTH, HEADER_HEIGHT, LaneHeaders } from './FlowFrame.tsx';
import { handshakeLabel, labelObstacles, useHandshakeWordings } from './flow-labels.ts';
import { Arrows, Blocks, Connections, Groups, Items, Lifelines, Markers, type Geometry } from './FlowShapes.tsx';
import { JumpToNewest, useFollowScroll } from '../follow-scroll.tsx';
import { FlowTooltip, type Hover } from './FlowTooltip.tsx';

/** Draw this much beyond the visible window, so scrolling does not show blank edges. */
const OVERSCAN_PX = 400;
/** Below this many calls everything is drawn; above, only what is near the window. */
const WINDOW_FROM_ROWS = 400;

export interface FlowDiagramProps {
  model: FlowModel;
  events: ReadonlyMap<number, LabEvent>;
  originTs: number | null;
  /** The clock for open waits (null: the recording's last event). */
  nowTs: number | null;
  selectedSeq: number | null;
  /** The event the replay stands on, while scrubbing. */
  cursorSeq: number | null;
  selectedLane: string | null;
  onSelect: (seq: number) => void;
  onSelectLane: (lane: string) => void;
  emptyText: string;
}

/**
 * The call flow as an SVG sequence diagram, scrolling both ways, with sticky lane headers and
 * times. It follows the newest event while the learner is at the bottom, and stays put once
 * they scroll away (a button brings them back). Only the rows near the window are drawn.
 */
export function FlowDiagram(props: FlowDiagramProps) {
  const { t } = useTranslation();
  const handshakeWordings = useHandshakeWordings();
  const { model, selectedSeq, cursorSeq, nowTs } = props;
  const follow = useFollowScroll<HTMLDivElement>({ paused: cursorSeq !== null, onViewChange: () => measure() });
  const scroller = follow.ref;
  const [view, setView] = useState({ top: 0, height: 800, width: 800 });
  const [hover, setHover] = useState<Hover | null>(null);

  const { rowHeight } = DEFAULT_LAYOUT;
  const columns = useMemo(() => assignColumns(model.lanes).length, [model.lanes]);
  const laneWidth = fitLaneWidth(view.width - GUTTER_WIDTH, columns);
  const layout = useMemo(() => layoutFlow(model, { ...DEFAULT_LAYOUT, laneWidth, now: nowTs }), [model, laneWidth, nowTs]);

  const widths = useMemo(() => {
    const map = new Map<number, number>();
    for (const item of model.items) map.set(item.seq, pillWidth(item.label, laneWidth) / 2);
    return map;
  }, [model.items, laneWidth]);

  const g: Geometry = useMemo(
    () => ({
      layout,
      laneWidth,
      rowHeight,
      x: (lane) => layout.laneX.get(lane) ?? 0,
      y: (row) => layout.rowY[row] ?? layout.nowY,
      half: (seq) => (seq === null ? 0 : (widths.get(seq) ?? 0)),
    }),
    [layout, laneWidth, rowHeight, widths],
  );

  const measure = () => {
    const el = scroller.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
  };
  // New events (or the clock growing an open wait): stay at the bottom if following.
  useLayoutEffect(() => follow.contentChanged(), [layout.height, cursorSeq]);

  // Scrubbing or selecting: bring that event's row into view.
  useLayoutEffect(() => {
    const seq = cursorSeq ?? selectedSeq;
    const el = scroller.current;
    if (seq === null || !el) return;
    const row = model.rows.findIndex((r) => r.seq === seq);
    const y = layout.rowY[row];
    if (y === undefined) return;
    const visible = el.clientHeight - HEADER_HEIGHT;
    if (y < el.scrollTop + 16 || y > el.scrollTop + visible - 16) el.scrollTop = Math.max(0, y - visible / 2);
    // Only when the event to show changes, not on every new event.
  }, [cursorSeq, selectedSeq]);


  const windowed = model.rows.length > WINDOW_FROM_ROWS;
  const seen = rowsInView(layout.rowY, view.top, view.top + view.height - HEADER_HEIGHT);
  const { first, last } = windowed ? rowsInView(layout.rowY, view.top - OVERSCAN_PX, view.top + view.height + OVERSCAN_PX) : { first: 0, last: model.rows.length - 1 };
  const top = windowed ? view.top - OVERSCAN_PX : -Infinity;
  const bottom = windowed ? view.top + view.height + OVERSCAN_PX : Infinity;
  const inRows = (a: number, b: number) => Math.max(a, b) >= first && Math.min(a, b) <= last;
  const spans = (y1: number, y2: number) => Math.max(y1, y2) >= top && Math.min(y1, y2) <= bottom;
  const items = model.items.filter((i) => i.row >= first && i.row <= last);
  const arrows = model.arrows.filter((a) => spans(g.y(a.fromRow), a.toRow === null ? layout.nowY : g.y(a.toRow)));
  const blocks = model.blocks.filter((b) => !b.instant && spans(g.y(b.row), b.endRow === null ? layout.nowY : g.y(b.endRow)));
  const groups = model.groups.filter((gr) => inRows(gr.firstRow, gr.lastRow));
  const connections = model.connections.filter((c) => spans(g.y(c.row), c.acceptRow !== null ? g.y(c.acceptRow) : c.queued ? layout.nowY : g.y(c.row)));
  // Labels keep off the pills, the blocked bars and each other: handshakes first, then arrows.
  const obstacles = labelObstacles(items, blocks, g);
  const arrowObstacles = [...obstacles];
  for (const c of connections) arrowObstacles.push(handshakeLabel(c, g, arrowObstacles, handshakeWordings).box);

  const targetOf = (target: EventTarget) => (target instanceof Element ? target.closest<SVGElement>('[data-tip]') : null);
  const onPointerMove = (e: PointerEvent) => {
    const el = targetOf(e.target);
    const wrap = scroller.current?.parentElement?.getBoundingClientRect();
    if (!el || !wrap) return setHover(null);
    setHover({ tip: el.dataset.tip ?? '', x: e.clientX - wrap.left, y: e.clientY - wrap.top, width: wrap.width, height: wrap.height });
  };
  const selectFrom = (target: EventTarget) => {
    const seq = Number(targetOf(target)?.closest<SVGElement>('[data-select]')?.dataset.select);
    if (Number.isInteger(seq) && seq > 0) props.onSelect(seq);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    selectFrom(e.target);
  };

  return (
    <div className="flow-wrap">
      <div className="flow-scroll" ref={scroller} onScroll={follow.onScroll} data-testid="flow-diagram" role="region" aria-label={t('calls.flow.diagram')}>
        <div className="flow-canvas" style={{ width: layout.width + GUTTER_WIDTH, height: layout.height + HEADER_HEIGHT }}>
          <LaneHeaders lanes={model.lanes} g={g} lastRow={Math.max(0, seen.last)} selectedLane={props.selectedLane} onSelectLane={props.onSelectLane} />
          <FlowGutter rows={model.rows.slice(first, last + 1)} firstRow={first} g={g} originTs={props.originTs} nowLine={props.nowTs !== null} />
          <svg className="flow-svg" width={layout.width} height={layout.height} onPointerMove={onPointerMove} onPointerLeave={() => setHover(null)} onClick={(e) => selectFrom(e.target)} onKeyDown={onKeyDown}>
            <Markers />
            {layout.pauses.map((p) => (
              <line key={p.y} className="flow-pause" x1={0} x2={layout.width} y1={p.y} y2={p.y} />
            ))}
            {props.nowTs !== null && <line className="flow-now" x1={0} x2={layout.width} y1={layout.nowY} y2={layout.nowY} />}
            <RowBands rows={[selectedSeq, cursorSeq]} model={model} g={g} width={layout.width} />
            <Lifelines lanes={model.lanes} g={g} selectedLane={props.selectedLane} />
            <Groups groups={groups} g={g} />
            <Blocks blocks={blocks} g={g} nowTs={props.nowTs ?? model.rows.at(-1)?.ts ?? null} />
            <Connections connections={connections} g={g} taken={obstacles} />
            <Arrows arrows={arrows} g={g} taken={arrowObstacles} />
            <Items items={items} g={g} selectedSeq={selectedSeq} cursorSeq={cursorSeq} />
          </svg>
        </div>
        {model.rows.length === 0 && <div className="flow-empty">{props.emptyText}</div>}
      </div>
      {hover && <FlowTooltip hover={hover} model={model} events={props.events} nowTs={props.nowTs} />}
      {follow.behind && <JumpToNewest label={t('calls.flow.newest')} onClick={follow.jumpToNewest} />}
    </div>
  );
}

/** A soft band across the whole diagram at the selected event and at the replay's position. */
function RowBands({ rows, model, g, width }: { rows: Array<number | null>; model: FlowModel; g: Geometry; width: number }) {
  return (
    <g className="flow-bands">
      {rows.map((seq, i) => {
        if (seq === null) return null;
        const row = model.rows.findIndex((r) => r.seq === seq);
        if (row < 0) return null;
        return <rect key={i} className={i === 0 ? 'band-selected' : 'band-cursor'} x={0} y={g.y(row) - g.rowHeight / 2} width={width} height={g.rowHeight} />;
      })}
    </g>
  );
}
