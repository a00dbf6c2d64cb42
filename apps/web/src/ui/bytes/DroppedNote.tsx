import { EVENT_RING_CAPACITY } from '../../bridge/event-ring.ts';
import { useConnection, useStore } from '../hooks.ts';

/** How many events the page let go of (its memory is bounded) or never got (the bridge no longer had them). */
export function DroppedNote({ live }: { live: boolean }) {
  const log = useStore(useConnection().events);
  if (!live) {
    return (
      <span className="pill" data-testid="bytes-dropped" title="A saved session holds only the events that were in the page when it was saved">
        saved session
      </span>
    );
  }
  const lost = log.discarded + log.missed;
  const capacity = EVENT_RING_CAPACITY.toLocaleString('en-US');
  const title =
    `The page keeps the newest ${capacity} events; older ones are dropped, so the first blocks of long connections may be gone. ` +
    'Missed events are ones the bridge no longer had when the page reconnected.';
  return (
    <span className={lost > 0 ? 'pill pill-warn' : 'pill'} data-testid="bytes-dropped" data-discarded={log.discarded} data-missed={log.missed} title={title}>
      {log.discarded.toLocaleString('en-US')} older events dropped · {log.missed.toLocaleString('en-US')} missed
    </span>
  );
}
