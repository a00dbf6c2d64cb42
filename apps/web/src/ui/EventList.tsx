import type { SequencedLabEvent } from '@socket-playground/protocol';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lastIndexAtOrBefore } from '../replay/session-file.ts';
import { EventRow, rowShape } from './EventRow.tsx';
import { JumpToNewest, useFollowScroll } from './follow-scroll.tsx';

interface EventListProps {
  entries: readonly SequencedLabEvent[];
  originTs: number | null;
  selectedSeq: number | null;
  onSelect: (seq: number) => void;
  emptyText: string;
}

/** Up to this many rows are all in the page (find-in-page sees them); beyond, only those near the window. */
export const WINDOW_FROM_ROWS = 400;

/**
 * The scrolling list, newest at the bottom. It follows new events while the learner is at the
 * bottom, and stays put once they scroll up to read, offering a button back down. A long list
 * (the page holds up to 100,000 events) renders only the rows in and near the window.
 */
export function EventList(props: EventListProps) {
  const { t } = useTranslation();
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

  useLayoutEffect(() => follow.contentChanged(), [props.entries]);

  return (
    <div className="event-list-wrap">
      <div className={windowed ? 'event-list event-list-windowed' : 'event-list'} data-testid="event-list" ref={attach} onScroll={follow.onScroll} role="region" aria-label={t('events.listLabel')}>
        <div className="event-row event-head" aria-hidden="true">
          <span className="ev-seq">#</span>
          <span className="ev-time">{t('events.colTime')}</span>
          <span className="ev-host">{t('events.colHost')}</span>
          <span className="ev-socket">socket</span>
          <span className="ev-call">{t('events.colCall')}</span>
          <span className="ev-body">{t('events.colBody')}</span>
        </div>
        {props.entries.length === 0 && <div className="event-empty">{props.emptyText}</div>}
        {windowed ? <WindowedRows {...props} scroller={scroller} recheck={follow.recheck} /> : <AllRows {...props} scroller={scroller} recheck={follow.recheck} />}
      </div>
      {follow.behind && <JumpToNewest label={t('events.newest')} onClick={follow.jumpToNewest} />}
    </div>
  );
}

interface RowsProps extends EventListProps {
  scroller: HTMLDivElement | null;
  recheck: () => void;
}

function AllRows({ entries, originTs, selectedSeq, onSelect, scroller, recheck }: RowsProps) {
  // A selected row stays in view when the details panel opens below and the list shrinks.
  useLayoutEffect(() => {
    if (!scroller || selectedSeq === null) return;
    scroller.querySelector(`[data-seq="${selectedSeq}"]`)?.scrollIntoView({ block: 'nearest' });
    recheck();
  }, [selectedSeq]);
  return entries.map((entry) => <EventRow key={entry.seq} entry={entry} originTs={originTs} selected={entry.seq === selectedSeq} onSelect={onSelect} />);
}

const shapes = new WeakMap<SequencedLabEvent, number>();
function shapeOf(entry: SequencedLabEvent): number {
  let shape = shapes.get(entry);
  if (shape === undefined) {
    shape = rowShape(entry.event);
    shapes.set(entry, shape);
  }
  return shape;
}

/** A first guess for a shape nobody measured yet: padding plus one line per part. */
function guessHeight(shape: number): number {
  const lines = 1 + (shape & 2 ? 1 : 0) + (shape & 4 ? 1 : 0);
  return 11 + lines * 19;
}

/**
 * Rows here never wrap (CSS: .event-list-windowed), so every row of one shape has one height:
 * measure one row per shape (at most 8) instead of every row, which would make the virtualiser
 * recompute 100,000 positions per newly seen row.
 */
function WindowedRows({ entries, originTs, selectedSeq, onSelect, scroller, recheck }: RowsProps) {
  const [head, setHead] = useState(26);
  const [heights, setHeights] = useState<ReadonlyMap<number, number>>(new Map());
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller,
    estimateSize: (i) => {
      const entry = entries[i];
      if (!entry) return 48;
      const shape = shapeOf(entry);
      return heights.get(shape) ?? guessHeight(shape);
    },
    getItemKey: (i) => entries[i]?.seq ?? i,
    overscan: 10,
    scrollMargin: head,
  });
  useLayoutEffect(() => {
    const h = scroller?.querySelector<HTMLElement>('.event-head')?.offsetHeight;
    if (h && h !== head) setHead(h);
  });
  // A new measured shape changes many positions at once: recompute them once.
  useLayoutEffect(() => virtualizer.measure(), [heights]);
  const measureShape = (shape: number) => (el: HTMLDivElement | null) => {
    if (!el || heights.has(shape)) return;
    const h = el.offsetHeight;
    if (h > 0) setHeights((prev) => (prev.has(shape) ? prev : new Map(prev).set(shape, h)));
  };
  useLayoutEffect(() => {
    if (selectedSeq === null) return;
    const i = lastIndexAtOrBefore(entries, selectedSeq);
    if (entries[i]?.seq !== selectedSeq) return;
    virtualizer.scrollToIndex(i, { align: 'auto' });
    recheck();
  }, [selectedSeq]);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="event-window" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      <div style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${(items[0]?.start ?? head) - head}px)` }}>
        {items.map((item) => {
          const entry = entries[item.index]!;
          return (
            <div
              key={item.key}
              data-index={item.index}
              // Unmeasured shape: its natural height is measured; measured: held to it, so rows never overlap.
              {...(heights.has(shapeOf(entry)) ? { style: { height: item.size } } : { ref: measureShape(shapeOf(entry)) })}
            >
              <EventRow entry={entry} originTs={originTs} selected={entry.seq === selectedSeq} onSelect={onSelect} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
