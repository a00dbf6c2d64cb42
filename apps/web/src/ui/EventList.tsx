import type { SequencedLabEvent } from '@socket-playground/protocol';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useState } from 'react';
import { lastIndexAtOrBefore } from '../replay/session-file.ts';
import { EventRow } from './EventRow.tsx';
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
      <div className="event-list" data-testid="event-list" ref={attach} onScroll={follow.onScroll} role="region" aria-label="Socket calls, oldest first">
        <div className="event-row event-head" aria-hidden="true">
          <span className="ev-seq">#</span>
          <span className="ev-time">time</span>
          <span className="ev-host">host</span>
          <span className="ev-socket">socket</span>
          <span className="ev-call">call</span>
          <span className="ev-body">local → remote · bytes · what happened</span>
        </div>
        {props.entries.length === 0 && <div className="event-empty">{props.emptyText}</div>}
        {windowed ? <WindowedRows {...props} scroller={scroller} recheck={follow.recheck} /> : <AllRows {...props} scroller={scroller} recheck={follow.recheck} />}
      </div>
      {follow.behind && <JumpToNewest label="Newest events" onClick={follow.jumpToNewest} />}
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

/** A row's height before it is measured: padding plus one line per part it shows. */
function estimateRow(entry: SequencedLabEvent | undefined): number {
  if (!entry) return 48;
  const { event } = entry;
  const data = event.call === 'send' || event.call === 'recv';
  const lines = 1 + (data && event.bytes > 0 ? 1 : 0) + (event.call === 'send' && event.queued === 0 ? 0 : 1);
  return 11 + lines * 19;
}

function WindowedRows({ entries, originTs, selectedSeq, onSelect, scroller, recheck }: RowsProps) {
  const [head, setHead] = useState(26);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller,
    estimateSize: (i) => estimateRow(entries[i]),
    getItemKey: (i) => entries[i]?.seq ?? i,
    overscan: 10,
    scrollMargin: head,
  });
  useLayoutEffect(() => {
    const h = scroller?.querySelector<HTMLElement>('.event-head')?.offsetHeight;
    if (h && h !== head) setHead(h);
  });
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
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement}>
              <EventRow entry={entry} originTs={originTs} selected={entry.seq === selectedSeq} onSelect={onSelect} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
