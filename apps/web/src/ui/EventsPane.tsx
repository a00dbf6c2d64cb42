import type { LabCall, SequencedLabEvent } from '@socket-playground/protocol';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { benchEnabled, recordPaint } from '../bench-hook.ts';
import { EVENT_RING_CAPACITY } from '../bridge/event-ring.ts';
import { CALLS } from '../format/event-text.ts';
import { EventDetails } from './EventDetails.tsx';
import { EventList } from './EventList.tsx';
import { useConnection, useEventSource, useStore, useStoreSelect, useThrottled, useView } from './hooks.ts';
import { SocketIds } from './socket-ids.ts';
import { groupDigits } from '../format/number.ts';

type CallFilter = 'all' | LabCall;

function matches(entry: SequencedLabEvent, call: CallFilter, socket: string): boolean {
  const { event } = entry;
  if (call !== 'all' && event.call !== call) return false;
  // A socket's story starts with the accept() that created it, which is logged on the listener.
  if (socket !== 'all' && event.socketId !== socket && !(event.call === 'accept' && event.newSocketId === socket)) return false;
  return true;
}

/** The main area: notices about the log, filters, the list, and the selected event's details. */
export function EventsPane() {
  const { t } = useTranslation();
  const connection = useConnection();
  const live = useStore(connection.events);
  const restarted = useStoreSelect(connection.session, (s) => s.restarted);
  const view = useView();
  const { selectedSeq } = useStore(view.state);
  const source = useEventSource();
  const log = { ...live, entries: source.entries, originTs: source.originTs };
  const [call, setCall] = useState<CallFilter>('all');
  const [socket, setSocket] = useState('all');

  // Incremental: a frame's new events are looked at, not all 100,000 held.
  const [socketIds] = useState(() => new SocketIds());
  const sockets = useMemo(() => socketIds.update(log.entries), [socketIds, log.entries]);
  // 10,000 connections are 10,000 options: rebuilt only when the ids change.
  const socketOptions = useMemo(
    () =>
      sockets.map((s) => (
        <option key={s} value={s}>
          {t('events.socketN', { id: s })}
        </option>
      )),
    [sockets, t],
  );
  const filtered = call !== 'all' || socket !== 'all';
  const visible = useMemo(() => (filtered ? log.entries.filter((e) => matches(e, call, socket)) : log.entries), [log.entries, call, socket, filtered]);
  const selected = selectedSeq === null ? undefined : log.entries.find((e) => e.seq === selectedSeq);
  const onSelect = useCallback((seq: number) => view.select(seq, true), [view]);

  // Benchmarks only (?bench): when the rows just committed reach the screen, the newest in view
  // (a list scrolled away from the newest rows shows nothing new: such a commit is not a paint).
  const onShown = useCallback(
    (newestInView: boolean) => {
      if (benchEnabled && source.live && newestInView && !filtered) recordPaint(live.entries.at(-1)?.seq ?? 0, live.entries.length, live.discarded, live.missed);
    },
    [live.entries, live.discarded, live.missed, source.live, filtered],
  );

  // The counts in the header change with every frame of a busy lab: shown at most 4 times a second.
  const count = useThrottled(log.entries.length);
  const shownCount = useThrottled(visible.length);
  const discarded = useThrottled(log.discarded);
  // This pane renders with every frame of a busy lab; i18next's t() is not free (t is stable per language).
  const labels = useMemo(
    () => ({ title: t('events.title'), call: t('events.call'), allCalls: t('events.allCalls'), socket: t('events.socket'), allSockets: t('events.allSockets'), empty: t('events.empty'), noMatch: t('events.noMatch') }),
    [t],
  );
  const emptyText = log.entries.length === 0 ? labels.empty : labels.noMatch;
  const countText = useMemo(() => (filtered ? t('events.countOf', { shown: shownCount, count }) : t('events.count', { count })), [t, filtered, shownCount, count]);

  return (
    <section className="events-pane" aria-labelledby="events-title" data-history-loaded={live.historyLoaded === true}>
      <div className="events-head">
        <div className="events-title">
          <h2 id="events-title">{labels.title}</h2>
          <span className="muted">
            {countText}
          </span>
          {discarded > 0 && source.live && (
            <span className="pill" data-testid="discarded-notice" title={t('events.keeps', { n: groupDigits(EVENT_RING_CAPACITY) })}>
              {t('events.discarded', { n: groupDigits(discarded) })}
            </span>
          )}
        </div>
        <div className="filters">
          <label>
            <span className="sr-only">{labels.call}</span>
            <select value={call} onChange={(e) => setCall(e.target.value as CallFilter)} data-testid="filter-call">
              <option value="all">{labels.allCalls}</option>
              {CALLS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="sr-only">{labels.socket}</span>
            <select value={socket} onChange={(e) => setSocket(e.target.value)} data-testid="filter-socket">
              <option value="all">{labels.allSockets}</option>
              {socketOptions}
            </select>
          </label>
        </div>
      </div>
      {restarted && source.live && (
        <div className="banner banner-info" data-testid="restart-notice">
          <span>{t('events.restarted')}</span>
          <button type="button" className="dismiss" aria-label={t('events.dismiss')} onClick={() => connection.dismissRestart()}>
            ×
          </button>
        </div>
      )}
      {log.missed > 0 && source.live && (
        <div className="banner banner-warn" data-testid="dropped-notice">
          {t('events.missed', { count: log.missed })}
        </div>
      )}
      <EventList entries={visible} originTs={log.originTs} selectedSeq={selectedSeq} onSelect={onSelect} emptyText={emptyText} {...(benchEnabled ? { onShown } : {})} />
      {selected && <EventDetails key={selected.seq} entry={selected} offline={!source.live} onClose={() => view.select(null)} />}
    </section>
  );
}
