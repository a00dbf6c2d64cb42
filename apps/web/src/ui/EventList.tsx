import type { SequencedLabEvent } from '@socket-playground/protocol';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type FocusEvent, type ReactElement } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../i18n/i18n.ts';
import type { Lang } from '../i18n/prefs.ts';
import { lastIndexAtOrBefore } from '../replay/session-file.ts';
import { EventRow } from './EventRow.tsx';
import { JumpToNewest, useFollowScroll } from './follow-scroll.tsx';
import { RowPositions } from './row-positions.ts';
import { rowShape } from './row-shape.ts';
import { RowSlots } from './row-slots.ts';

interface EventListProps {
  entries: readonly SequencedLabEvent[];
  originTs: number | null;
  selectedSeq: number | null;
  onSelect: (seq: number) => void;
  emptyText: string;
  /** After each commit of new entries: whether the newest is in view (the benchmarks count only those). */
  onShown?: (newestInView: boolean) => void;
}

/**
 * Up to this many rows are all in the page (find-in-page sees a lesson's whole session); beyond,
 * only those near the window. Kept small: with every row in the page, each frame of a busy lab
 * re-checks them all (at 400, frames of 20–30 ms while the first events poured in).
 */
export const WINDOW_FROM_ROWS = 150;

/**
 * The scrolling list, newest at the bottom. It follows new events while the learner is at the
 * bottom, and stays put once they scroll up to read, offering a button back down. A long list
 * (the page holds up to 100,000 events) renders only the rows in and near the window.
 */
export function EventList(props: EventListProps) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const follow = useFollowScroll<HTMLDivElement>();
  const { ref } = follow;
  // The windowed rows need the scrolling element itself, once it exists.
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const attach = useCallback(
    (el: HTMLDivElement | null) => {
      ref.current = el;
      setScroller(el);
    },
    [ref],
  );
  const windowed = props.entries.length > WINDOW_FROM_ROWS;
  // The list renders with every frame of a busy lab; i18next's t() is not free (t is stable per language).
  const labels = useMemo(() => ({ list: t('events.listLabel'), time: t('events.colTime'), host: t('events.colHost'), call: t('events.colCall'), body: t('events.colBody'), newest: t('events.newest') }), [t]);

  useLayoutEffect(() => {
    follow.contentChanged();
    props.onShown?.(follow.isFollowing());
  }, [props.entries]);
  // A row reached with the keyboard is being read: stop following, so it keeps its event and stays
  // on screen (following a busy lab would replace it within a frame). A click keeps following.
  const refocus = useRef<number | null>(null);
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (e.target === e.currentTarget || !follow.isFollowing() || !focusVisible(e.target)) return;
    follow.hold();
    // The windowed rows re-key from slot to event when following stops: that row is made anew.
    const seq = Number((e.target as HTMLElement).dataset.seq);
    if (Number.isInteger(seq)) refocus.current = seq;
  };

  return (
    <div className="event-list-wrap">
      <div className={windowed ? 'event-list event-list-windowed' : 'event-list'} data-testid="event-list" ref={attach} onScroll={follow.onScroll} onFocus={onFocus} role="region" aria-label={labels.list}>
        <div className="event-row event-head" aria-hidden="true">
          <span className="ev-seq">#</span>
          <span className="ev-time">{labels.time}</span>
          <span className="ev-host">{labels.host}</span>
          <span className="ev-socket">socket</span>
          <span className="ev-call">{labels.call}</span>
          <span className="ev-body">{labels.body}</span>
        </div>
        {props.entries.length === 0 && <div className="event-empty">{props.emptyText}</div>}
        {windowed ? <WindowedRows {...props} scroller={scroller} recheck={follow.recheck} grew={follow.contentChanged} isFollowing={follow.isFollowing} refocus={refocus} t={t} lang={lang} /> : <AllRows {...props} scroller={scroller} recheck={follow.recheck} t={t} lang={lang} />}
      </div>
      {follow.behind && <JumpToNewest label={labels.newest} onClick={follow.jumpToNewest} />}
    </div>
  );
}

interface RowsProps extends EventListProps {
  scroller: HTMLDivElement | null;
  recheck: () => void;
  /** The rows' total height changed without new entries (a row shape measured): follow it. */
  grew?: () => void;
  /** Whether the list follows the newest rows (false once a row has keyboard focus, before any scroll). */
  isFollowing?: () => boolean;
  /** A row that had keyboard focus when following stopped: focus it again once re-made. */
  refocus?: { current: number | null };
  t: TFunction;
  lang: Lang;
}

function AllRows({ entries, originTs, selectedSeq, onSelect, scroller, recheck, t, lang }: RowsProps) {
  // A selected row stays in view when the details panel opens below and the list shrinks.
  useLayoutEffect(() => {
    if (!scroller || selectedSeq === null) return;
    scroller.querySelector(`[data-seq="${selectedSeq}"]`)?.scrollIntoView({ block: 'nearest' });
    recheck();
  }, [selectedSeq]);
  return entries.map((entry) => <EventRow key={entry.seq} entry={entry} originTs={originTs} selected={entry.seq === selectedSeq} onSelect={onSelect} t={t} lang={lang} />);
}

/**
 * Computed each time, not cached: rowShape reads a few fields, while a WeakMap holding every event
 * the page keeps (100,000) made each full garbage collection of a busy page pause longer.
 */
function shapeOf(entry: SequencedLabEvent): number {
  return rowShape(entry.event);
}

/** A first guess for a shape nobody measured yet: padding plus one line per part. */
function guessHeight(shape: number): number {
  const lines = 1 + (shape & 2 ? 1 : 0) + (shape & 4 ? 1 : 0);
  return 11 + lines * 19;
}

/** Whether focus came from the keyboard (the browser draws its ring), not from a click. */
function focusVisible(target: EventTarget): boolean {
  try {
    return target instanceof Element && target.matches(':focus-visible');
  } catch {
    return false; // a browser without :focus-visible: keep following, as before
  }
}

/** As close to the bottom as follow-scroll.tsx still counts as following. */
const FOLLOW_SLACK_PX = 32;

/** Rows rendered beyond the visible ones, above and below, for smooth scrolling by hand. */
const OVERSCAN = 10;
/** While following, rows only come in at the bottom: a few above are enough (fewer rows to replace per frame). */
const FOLLOW_OVERSCAN = 2;

/**
 * Rows here never wrap (CSS: .event-list-windowed), so every row of one shape has one height:
 * one row per shape (at most 8) is measured, not every row. Positions are kept incrementally
 * (RowPositions): a frame with new events costs what it added, not the 100,000 rows held. While
 * following the newest events the rows rendered are the last ones, so a new row is in the very
 * commit that added it (not one scroll event later).
 */
function WindowedRows({ entries, originTs, selectedSeq, onSelect, scroller, recheck, grew, isFollowing, refocus, t, lang }: RowsProps) {
  const [head, setHead] = useState(26);
  const [slots] = useState(() => new RowSlots());
  const [heights, setHeights] = useState<ReadonlyMap<number, number>>(new Map());
  const heightsRef = useRef(heights);
  heightsRef.current = heights;
  const [positions] = useState(
    () =>
      new RowPositions<SequencedLabEvent>((entry) => {
        const shape = shapeOf(entry);
        return heightsRef.current.get(shape) ?? guessHeight(shape);
      }),
  );
  positions.update(entries, heights);
  useLayoutEffect(() => grew?.(), [heights]);
  // Where the list is scrolled, read when it scrolls or resizes, never while rendering: a layout
  // read in render forces the browser to lay out the page in the middle of a busy frame.
  const view = useRef({ viewport: 900, scrollTop: 0, following: true });
  // Re-render on scroll and resize (at most once a frame): the window moved.
  const [, setView] = useState(0);
  useEffect(() => {
    if (!scroller) return;
    const read = () => {
      const viewport = scroller.clientHeight;
      view.current = { viewport: viewport || 900, scrollTop: scroller.scrollTop, following: scroller.scrollHeight - scroller.scrollTop - viewport <= FOLLOW_SLACK_PX };
    };
    read();
    let frame = 0;
    const moved = () => {
      const before = view.current;
      read();
      // Following before and after, in a box of the same height: the rows shown are the last ones
      // whatever the scroll position (this is the list following itself), so nothing to re-render.
      // Without this, every frame of a busy lab rendered the list a second time.
      const after = view.current;
      if (before.following && after.following && before.viewport === after.viewport) return;
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setView((n) => n + 1);
      });
    };
    scroller.addEventListener('scroll', moved, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(moved);
    resize?.observe(scroller);
    return () => {
      cancelAnimationFrame(frame);
      scroller.removeEventListener('scroll', moved);
      resize?.disconnect();
    };
  }, [scroller]);
  // The header's height (it scrolls with the rows): once the list exists.
  useLayoutEffect(() => {
    const h = scroller?.querySelector<HTMLElement>('.event-head')?.offsetHeight;
    if (h && h !== head) setHead(h);
  }, [scroller]);
  const measureShape = (shape: number) => (el: HTMLDivElement | null) => {
    if (!el || heights.has(shape)) return;
    const h = el.offsetHeight;
    if (h > 0) setHeights((prev) => (prev.has(shape) ? prev : new Map(prev).set(shape, h)));
  };
  useLayoutEffect(() => {
    if (selectedSeq === null || !scroller) return;
    const i = lastIndexAtOrBefore(entries, selectedSeq);
    if (entries[i]?.seq !== selectedSeq) return;
    // Into view if it is not (like scrollIntoView's "nearest").
    const top = head + positions.start(i);
    const bottom = top + positions.size(i);
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (bottom > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = bottom - scroller.clientHeight;
    recheck();
  }, [selectedSeq]);

  /** At the bottom, and following (a held list stays where it is, though no scroll said so). */
  const atNewest = () => view.current.following && (isFollowing?.() ?? true);
  useLayoutEffect(() => {
    const seq = refocus?.current ?? null;
    if (seq === null || !scroller || atNewest()) return;
    refocus!.current = null;
    const row = scroller.querySelector<HTMLElement>(`[data-testid="event-row"][data-seq="${seq}"]`);
    if (row && document.activeElement !== row) row.focus({ preventScroll: true });
  });
  const total = positions.total;
  const following = atNewest();
  let first = 0;
  let last = -1;
  if (entries.length > 0) {
    const { viewport, scrollTop } = view.current;
    // Following (at the bottom, as the list is about to scroll there): the last rows.
    const top = following ? Math.max(0, total - viewport) : Math.max(0, scrollTop - head);
    first = Math.max(0, positions.indexAt(top) - (following ? FOLLOW_OVERSCAN : OVERSCAN));
    last = Math.min(entries.length - 1, positions.indexAt(top + viewport) + OVERSCAN);
  }
  /** Row `i`; in a slot (while following) it is placed by its own transform, otherwise it flows. */
  const row = (i: number, key: string | number, inSlot = false) => {
    const entry = entries[i]!;
    const shape = shapeOf(entry);
    const style: CSSProperties | undefined = inSlot ? { transform: `translateY(${positions.start(i)}px)` } : undefined;
    return (
      <div
        key={key}
        // Unmeasured shape: its natural height is measured; measured: held to it, so rows never overlap.
        {...(heights.has(shape) ? { style: { ...style, height: positions.size(i) } } : { ref: measureShape(shape), style })}
        className={inSlot ? 'event-slot' : undefined}
      >
        <EventRow entry={entry} originTs={originTs} selected={entry.seq === selectedSeq} onSelect={onSelect} t={t} lang={lang} />
      </div>
    );
  };
  if (following && last >= first) {
    // Following a busy lab: each row keeps its slot, element and place while it is on screen, and
    // a new one takes a slot left free (row-slots.ts), so a frame redraws only the rows that came.
    // The elements are in slot order, each placed at its row's position; the learner's keyboard
    // focus stops following (onFocus above), and the rows go back to event order.
    const ids: number[] = [];
    for (let i = first; i <= last; i++) ids.push(entries[i]!.seq);
    const bySlot: ReactElement[] = [];
    slots.assign(ids).forEach((slot, k) => (bySlot[slot] = row(first + k, `slot${slot}`, true)));
    return (
      <div className="event-window" style={{ height: total, position: 'relative' }}>
        {bySlot.filter(Boolean)}
      </div>
    );
  }
  slots.clear();
  // While the learner reads, rows are in event order, keyed by their event.
  const rows: ReactElement[] = [];
  for (let i = first; i <= last; i++) rows.push(row(i, entries[i]!.seq));
  return (
    <div className="event-window" style={{ height: total, position: 'relative' }}>
      <div style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${entries.length > 0 ? positions.start(first) : 0}px)` }}>{rows}</div>
    </div>
  );
}
