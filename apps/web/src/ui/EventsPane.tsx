import type { LabCall, SequencedLabEvent } from '@socket-playground/protocol';
import { useCallback, useMemo, useState } from 'react';
import { EVENT_RING_CAPACITY } from '../bridge/event-ring.ts';
import { CALLS } from '../format/event-text.ts';
import { EventDetails } from './EventDetails.tsx';
import { EventList } from './EventList.tsx';
import { useConnection, useEventSource, useStore, useView } from './hooks.ts';

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
  const connection = useConnection();
  const live = useStore(connection.events);
  const session = useStore(connection.session);
  const view = useView();
  const { selectedSeq } = useStore(view.state);
  const source = useEventSource();
  const log = { ...live, entries: source.entries, originTs: source.originTs };
  const [call, setCall] = useState<CallFilter>('all');
  const [socket, setSocket] = useState('all');

  const sockets = useMemo(() => {
    const ids = new Set<string>();
    for (const { event } of log.entries) if (event.socketId !== '-') ids.add(event.socketId);
    return [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  }, [log.entries]);
  const filtered = call !== 'all' || socket !== 'all';
  const visible = useMemo(() => (filtered ? log.entries.filter((e) => matches(e, call, socket)) : log.entries), [log.entries, call, socket, filtered]);
  const selected = selectedSeq === null ? undefined : log.entries.find((e) => e.seq === selectedSeq);
  const onSelect = useCallback((seq: number) => view.select(seq, true), [view]);

  const emptyText = log.entries.length === 0
    ? 'No socket calls yet. Start the echo server, then run the client: every socket(), bind(), listen(), accept(), connect(), send(), recv() and close() appears here, as it happens.'
    : 'No event matches the filter.';

  return (
    <section className="events-pane" aria-labelledby="events-title">
      <div className="events-head">
        <div className="events-title">
          <h2 id="events-title">Socket calls</h2>
          <span className="muted">
            {filtered ? `${visible.length} of ${log.entries.length}` : log.entries.length} {log.entries.length === 1 ? 'event' : 'events'}
          </span>
          {log.discarded > 0 && source.live && (
            <span className="pill" data-testid="discarded-notice" title={`The page keeps the newest ${EVENT_RING_CAPACITY.toLocaleString('en-US')} events`}>
              older events discarded: {log.discarded.toLocaleString('en-US')}
            </span>
          )}
        </div>
        <div className="filters">
          <label>
            <span className="sr-only">Call</span>
            <select value={call} onChange={(e) => setCall(e.target.value as CallFilter)} data-testid="filter-call">
              <option value="all">all calls</option>
              {CALLS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="sr-only">Socket</span>
            <select value={socket} onChange={(e) => setSocket(e.target.value)} data-testid="filter-socket">
              <option value="all">all sockets</option>
              {sockets.map((s) => (
                <option key={s} value={s}>
                  socket {s}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {session.restarted && source.live && (
        <div className="banner banner-info" data-testid="restart-notice">
          <span>The bridge restarted; sequence numbers start again.</span>
          <button type="button" className="dismiss" aria-label="Dismiss" onClick={() => connection.dismissRestart()}>
            ×
          </button>
        </div>
      )}
      {log.missed > 0 && source.live && (
        <div className="banner banner-warn" data-testid="dropped-notice">
          {log.missed === 1 ? '1 event was missed' : `${log.missed.toLocaleString('en-US')} events were missed`} (the bridge no longer had
          them). The page was disconnected for a while and the bridge keeps only the newest events.
        </div>
      )}
      <EventList entries={visible} originTs={log.originTs} selectedSeq={selectedSeq} onSelect={onSelect} emptyText={emptyText} />
      {selected && <EventDetails key={selected.seq} entry={selected} offline={!source.live} onClose={() => view.select(null)} />}
    </section>
  );
}
