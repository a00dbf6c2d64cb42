import type { SequencedLabEvent } from '@socket-playground/protocol';
import { useLayoutEffect } from 'react';
import { EventRow } from './EventRow.tsx';
import { JumpToNewest, useFollowScroll } from './follow-scroll.tsx';

interface EventListProps {
  entries: readonly SequencedLabEvent[];
  originTs: number | null;
  selectedSeq: number | null;
  onSelect: (seq: number) => void;
  emptyText: string;
}

/**
 * The scrolling list, newest at the bottom. It follows new events while the learner is at the
 * bottom, and stays put once they scroll up to read, offering a button back down.
 */
export function EventList({ entries, originTs, selectedSeq, onSelect, emptyText }: EventListProps) {
  const follow = useFollowScroll<HTMLDivElement>();
  const { ref } = follow;

  useLayoutEffect(() => follow.contentChanged(), [entries]);

  // A selected row stays in view when the details panel opens below and the list shrinks.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || selectedSeq === null) return;
    el.querySelector(`[data-seq="${selectedSeq}"]`)?.scrollIntoView({ block: 'nearest' });
    follow.recheck();
  }, [selectedSeq]);

  return (
    <div className="event-list-wrap">
      <div className="event-list" data-testid="event-list" ref={ref} onScroll={follow.onScroll} role="region" aria-label="Socket calls, oldest first">
        <div className="event-row event-head" aria-hidden="true">
          <span className="ev-seq">#</span>
          <span className="ev-time">time</span>
          <span className="ev-host">host</span>
          <span className="ev-socket">socket</span>
          <span className="ev-call">call</span>
          <span className="ev-body">local → remote · bytes · what happened</span>
        </div>
        {entries.length === 0 && <div className="event-empty">{emptyText}</div>}
        {entries.map((entry) => (
          <EventRow key={entry.seq} entry={entry} originTs={originTs} selected={entry.seq === selectedSeq} onSelect={onSelect} />
        ))}
      </div>
      {follow.behind && <JumpToNewest label="Newest events" onClick={follow.jumpToNewest} />}
    </div>
  );
}
