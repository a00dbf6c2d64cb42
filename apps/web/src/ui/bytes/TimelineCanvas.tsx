import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { blockBySeq } from '../../timeline/filters.ts';
import { GEOMETRY, hitTest, type TimelineLayout } from '../../timeline/timeline-layout.ts';
import type { ByteBlock, StreamModel } from '../../timeline/stream-types.ts';
import { panBy, ZOOM_STEP, zoomAt, type TimeView } from '../../timeline/time-view.ts';
import { documentTheme, subscribeTheme } from '../theme.ts';
import { BlockTip } from './BlockTip.tsx';
import { drawTimeline, type DrawOutput, type TimelineLabels } from './timeline-draw.ts';
import { timelinePalette } from './timeline-palette.ts';
import { groupDigits } from '../../format/number.ts';

export interface TimelineCanvasProps {
  model: StreamModel;
  layout: TimelineLayout;
  view: TimeView;
  origin: number;
  blockCount: number;
  selected: ByteBlock | null;
  matches: ReadonlySet<number>;
  hits: ReadonlySet<number> | null;
  focusConn: string | null;
  /** The replay's position (the Call flow tab's cursor, an event's ts), or null when live. */
  cursorT: number | null;
  /** The replay's position as an event: connection headers say the state they had then. */
  cursorSeq: number | null;
  /** Scroll this connection's rows into view when it changes (and, while following, as rows are added). */
  revealConn: string | null;
  following: boolean;
  onView: (view: TimeView, stopFollowing: boolean) => void;
  onSelect: (seq: number) => void;
  onSelectConn: (conn: string) => void;
}

interface Drag {
  x: number;
  y: number;
  view: TimeView;
  scrollTop: number;
  moved: boolean;
}

/**
 * The timeline on one canvas, in a box that scrolls vertically through the connections (the
 * canvas stays put and draws the rows under the scroll position). Drag or scroll sideways to
 * pan, Ctrl+wheel to zoom around the pointer; arrows and +/− from the keyboard. A click picks
 * the block under the pointer (hit-testing what was drawn), or the connection of a header.
 */
export function TimelineCanvas(props: TimelineCanvasProps) {
  const { model, layout, view, origin, blockCount } = props;
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  // The canvas paints with the theme's palette: redraw when <html data-theme> changes.
  const theme = useSyncExternalStore(subscribeTheme, documentTheme);
  const palette = timelinePalette(theme);
  const labels = useMemo<TimelineLabels>(
    () => ({
      axis: t('bytes.timeAxis'),
      send: t('bytes.laneSend'),
      recv: t('bytes.laneRecv'),
      state: { open: t('bytes.state.open'), closing: t('bytes.state.closing'), closed: t('bytes.state.closed'), reset: t('bytes.state.reset') },
    }),
    [t, lang],
  );
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<DrawOutput>({ rects: [], heads: [] });
  const drag = useRef<Drag | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<{ x: number; y: number; seq: number } | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const plotW = Math.max(1, size.width - GEOMETRY.gutter);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    // Wheel: React's listener is passive, and Ctrl+wheel must not zoom the page.
    const onWheel = (e: WheelEvent) => {
      const p = latest.current;
      const width = Math.max(1, el.clientWidth - GEOMETRY.gutter);
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        const anchor = Math.min(1, Math.max(0, (e.clientX - el.getBoundingClientRect().left - GEOMETRY.gutter) / width));
        p.onView(zoomAt(p.view, e.deltaY > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, anchor), false);
        return;
      }
      const sideways = e.shiftKey ? e.deltaY : e.deltaX;
      const overflows = el.scrollHeight > el.clientHeight;
      if (sideways !== 0 || !overflows) {
        e.preventDefault();
        const delta = sideways !== 0 ? sideways : e.deltaY;
        p.onView(panBy(p.view, (delta / width) * p.view.span), true);
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer.disconnect();
      el.removeEventListener('wheel', onWheel);
    };
  }, []);

  // Draw whenever anything drawn changes (the model's arrays grow in place: `model.version`).
  useLayoutEffect(() => {
    const c = canvas.current;
    if (!c || size.width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(size.width * dpr);
    const h = Math.round(size.height * dpr);
    if (c.width !== w) c.width = w;
    if (c.height !== h) c.height = h;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawn.current = drawTimeline({
      ctx,
      width: size.width,
      height: size.height,
      layout,
      scrollTop,
      view,
      maxBytes: model.maxBytes,
      origin,
      selected: props.selected,
      matches: props.matches,
      hits: props.hits,
      focusConn: props.focusConn,
      cursorT: props.cursorT,
      cursorSeq: props.cursorSeq,
      palette,
      labels,
      lang,
    });
  }, [size, layout, scrollTop, view, model.version, model.maxBytes, origin, props.selected, props.matches, props.hits, props.focusConn, props.cursorT, props.cursorSeq, palette, labels, lang]);

  useLayoutEffect(() => {
    const el = box.current;
    const row = layout.rows.find((r) => r.conn.id === props.revealConn);
    if (!el || !row) return;
    const visible = el.clientHeight - GEOMETRY.axis;
    if (row.y < el.scrollTop || row.y + row.h > el.scrollTop + visible) el.scrollTop = Math.max(0, row.y - 8);
  }, [props.revealConn, props.following ? layout : null]);

  const point = (e: { clientX: number; clientY: number }) => {
    const rect = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, view, scrollTop: box.current?.scrollTop ?? 0, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (d) {
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      d.moved = true;
      setHover(null);
      props.onView(panBy(d.view, (-dx / plotW) * d.view.span), true);
      if (box.current) box.current.scrollTop = d.scrollTop - dy;
      return;
    }
    const p = point(e);
    const hit = p.y > GEOMETRY.axis ? hitTest(drawn.current.rects, p.x, p.y) : null;
    setHover(hit ? { x: p.x, y: p.y, seq: hit.seq } : null);
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    const p = point(e);
    if (p.y <= GEOMETRY.axis) return;
    const hit = hitTest(drawn.current.rects, p.x, p.y);
    if (hit) return props.onSelect(hit.seq);
    const head = drawn.current.heads.find((h) => p.y >= h.y && p.y < h.y + (p.x < GEOMETRY.gutter ? h.h : GEOMETRY.head));
    if (head) props.onSelectConn(head.conn);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const step = view.span * 0.15;
    const act: Record<string, () => void> = {
      ArrowLeft: () => props.onView(panBy(view, -step), true),
      ArrowRight: () => props.onView(panBy(view, step), true),
      '+': () => props.onView(zoomAt(view, 1 / ZOOM_STEP), false),
      '=': () => props.onView(zoomAt(view, 1 / ZOOM_STEP), false),
      '-': () => props.onView(zoomAt(view, ZOOM_STEP), false),
    };
    const run = act[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };

  const hovered = hover ? blockBySeq(model, hover.seq) : null;
  const filler = Math.max(0, GEOMETRY.axis + layout.height + 8 - size.height);
  return (
    <div className="bytes-timeline-box" ref={box} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <canvas
        ref={canvas}
        className="bytes-canvas"
        data-testid="bytes-timeline"
        data-blocks={blockCount}
        data-connections={layout.rows.length}
        data-view-start={view.start}
        data-view-span={view.span}
        data-following={props.following}
        data-cursor-t={props.cursorT ?? undefined}
        style={{ height: size.height || undefined }}
        tabIndex={0}
        role="img"
        aria-label={t('bytes.timelineLabel', {
          connections: t('bytes.connections', { count: layout.rows.length, n: groupDigits(layout.rows.length) }),
          blocks: t('bytes.blocks', { count: blockCount, n: groupDigits(blockCount) }),
        })}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(null)}
        onKeyDown={onKeyDown}
      />
      <div style={{ height: filler }} aria-hidden="true" />
      {hover && hovered && <BlockTip block={hovered} x={hover.x} y={hover.y + scrollTop} width={size.width} origin={origin} />}
    </div>
  );
}
