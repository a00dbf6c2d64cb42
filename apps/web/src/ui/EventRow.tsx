import type { SequencedLabEvent } from '@socket-playground/protocol';
import { memo, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import type { Lang } from '../i18n/prefs.ts';
import { formatTuple } from '../format/address.ts';
import { formatByteCount } from '../format/bytes.ts';
import { bytePreview, errorCodeLine, eventSummary } from '../format/event-text.ts';
import { formatRelativeMs } from '../format/time.ts';

interface EventRowProps {
  entry: SequencedLabEvent;
  originTs: number | null;
  selected: boolean;
  onSelect: (seq: number) => void;
  /** From the list (a hook per row costs more than the row itself at 20,000 events a second). */
  t: TFunction;
  lang: Lang;
}

/** One socket call. Memoised: a new batch re-renders only the new rows. */
export const EventRow = memo(function EventRow({ entry, originTs, selected, onSelect, t, lang }: EventRowProps) {
  const { seq, event } = entry;
  const tuple = formatTuple(event.local, event.remote);
  const summary = eventSummary(event, lang);
  const preview = bytePreview(event);
  const isData = event.call === 'send' || event.call === 'recv';
  const hasLine = tuple !== null || isData || event.call === 'error' || event.nodeCall !== undefined;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(seq);
    }
  };
  return (
    <div
      className={`event-row call-${event.call}${selected ? ' selected' : ''}`}
      data-testid="event-row"
      data-call={event.call}
      data-seq={seq}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      onClick={() => onSelect(seq)}
      onKeyDown={onKeyDown}
    >
      <span className="ev-seq mono">{seq}</span>
      <span className="ev-time mono">{formatRelativeMs(event.ts, originTs)}</span>
      <span className="ev-host">{event.labHost}</span>
      <span className="ev-socket mono">{event.socketId === '-' ? '–' : event.socketId}</span>
      <span className="ev-call">
        <span className={`call-badge call-badge-${event.call}`}>{event.call}</span>
      </span>
      <span className="ev-body">
        {hasLine && (
          <span className="ev-line">
            {tuple && <span className="ev-tuple mono">{tuple}</span>}
            {isData && <span className="ev-bytes">{formatByteCount(event.bytes, lang)}</span>}
            {event.call === 'error' && <span className="ev-code mono">{errorCodeLine(event.error.code, event.error.syscall)}</span>}
            {event.nodeCall && <span className="ev-nodecall">{t('shell.eventRow.inside', { call: event.nodeCall })}</span>}
          </span>
        )}
        {preview !== null && <span className="ev-preview mono">{preview}</span>}
        {summary && <span className="ev-summary">{summary}</span>}
      </span>
    </div>
  );
});
