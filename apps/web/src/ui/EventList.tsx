import type { SequencedLabEvent } from '@socket-playground/protocol';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { EventRow } from './EventRow.tsx';

/** How close to the bottom still counts as "following" the newest events. */
const FOLLOW_SLACK_PX = 32;

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
  const ref = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [behind, setBehind] = useState(false);

  const toBottom = () => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  const onScroll = () => {
    const el = ref.current;
    if (!el) return;
    following.current = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK_PX;
    if (following.current) setBehind(false);
  };

  useLayoutEffect(() => {
    if (following.current) toBottom();
    else setBehind(true);
  }, [entries]);

  // A selected row stays in view when the details panel opens below and the list shrinks.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || selectedSeq === null) return;
    el.querySelector(`[data-seq="${selectedSeq}"]`)?.scrollIntoView({ block: 'nearest' });
    following.current = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK_PX;
  }, [selectedSeq]);

  // The list shrinks when the details panel opens: keep the newest in view if following.
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (following.current) toBottom();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <div className="event-list-wrap">
      <div className="event-list" data-testid="event-list" ref={ref} onScroll={onScroll} role="region" aria-label="Socket calls, oldest first">
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
      {behind && (
        <button
          type="button"
          className="jump-newest"
          onClick={() => {
            following.current = true;
            setBehind(false);
            toBottom();
          }}
        >
          ↓ Newest events
        </button>
      )}
    </div>
  );
}
