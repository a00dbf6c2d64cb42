import type { SequencedLabEvent } from '@socket-playground/protocol';
import { memo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../i18n/i18n.ts';
import { formatTuple } from '../format/address.ts';
import { formatByteCount } from '../format/bytes.ts';
import { bytePreview, errorCodeLine, eventSummary } from '../format/event-text.ts';
import { formatRelativeMs } from '../format/time.ts';

interface EventRowProps {
  entry: SequencedLabEvent;
  originTs: number | null;
  selected: boolean;
  onSelect: (seq: number) => void;
}

/** Which lines a row shows, as bits: rows with the same shape have the same height when lines do not wrap. */
export function rowShape(event: SequencedLabEvent['event']): number {
  const isData = event.call === 'send' || event.call === 'recv';
  const hasLine = formatTuple(event.local, event.remote) !== null || isData || event.call === 'error' || event.nodeCall !== undefined;
  return (hasLine ? 1 : 0) | (bytePreview(event) !== null ? 2 : 0) | (eventSummary(event) ? 4 : 0);
}

/** One socket call. Memoised: a new batch re-renders only the new rows. */
export const EventRow = memo(function EventRow({ entry, originTs, selected, onSelect }: EventRowProps) {
  const { seq, event } = entry;
  const tuple = formatTuple(event.local, event.remote);
  const { t, i18n } = useTranslation();
  const summary = eventSummary(event, currentLang(i18n));
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
            {isData && <span className="ev-bytes">{formatByteCount(event.bytes, currentLang(i18n))}</span>}
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
