import type { LabEventOf, SequencedLabEvent } from '@socket-playground/protocol';
import { useMemo, useState } from 'react';
import { base64ToBytes, formatByteCount } from '../format/bytes.ts';
import { eventFields } from '../format/event-text.ts';
import { HexDumpView } from './HexDumpView.tsx';
import { useConnection } from './hooks.ts';

/** Sentences rather than values: they get a whole line. */
const WIDE_FIELDS = new Set(['what', 'why', 'raw message', 'reason', 'in Node']);

type Loaded = { kind: 'none' } | { kind: 'loading' } | { kind: 'gone' } | { kind: 'failed'; title: string } | { kind: 'bytes'; bytes: Uint8Array };

/** Everything about one event; for send/recv, the bytes themselves. Keyed by seq, so state resets per event. */
export function EventDetails({ entry, onClose, offline = false }: { entry: SequencedLabEvent; onClose: () => void; offline?: boolean }) {
  const { seq, event } = entry;
  const fields = useMemo(() => eventFields(seq, event), [seq, event]);
  return (
    <section className="event-details" data-testid="event-details" aria-label={`Details of event ${seq}`}>
      <div className="details-head">
        <h3>
          #{seq} <span className={`call-badge call-badge-${event.call}`}>{event.call}</span>{' '}
          <span className="muted">on {event.socketId === '-' ? 'no socket yet' : `socket ${event.socketId}`}</span>
        </h3>
        <button type="button" className="dismiss" aria-label="Close details" title="Close details" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="details-body" tabIndex={0}>
        <dl className="fields">
          {fields.map(([label, value]) => (
            <div className={WIDE_FIELDS.has(label) ? 'field-pair field-wide' : 'field-pair'} key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {(event.call === 'send' || event.call === 'recv') && <BytesSection event={event} offline={offline} />}
      </div>
    </section>
  );
}

/** `offline`: a replayed file; its data ids belong to a bridge session that is gone. */
function BytesSection({ event, offline }: { event: LabEventOf<'send'> | LabEventOf<'recv'>; offline: boolean }) {
  const connection = useConnection();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'none' });
  const preview = useMemo(() => base64ToBytes(event.preview), [event.preview]);
  const complete = preview.length >= event.bytes;
  const dataId = offline ? undefined : event.dataId;

  const load = async () => {
    if (!dataId) return;
    setLoaded({ kind: 'loading' });
    const reply = await connection.command({ type: 'bytes.get', dataId, labHost: event.labHost }, 'Load bytes');
    if (!reply.ok) return setLoaded({ kind: 'failed', title: 'Could not load the bytes (see Errors).' });
    if (reply.result.kind !== 'bytes') return;
    setLoaded(reply.result.data === null ? { kind: 'gone' } : { kind: 'bytes', bytes: base64ToBytes(reply.result.data) });
  };

  if (event.bytes === 0) return <p className="muted">No bytes{event.call === 'recv' && event.eof ? ': recv() returned 0, the end of the stream.' : '.'}</p>;
  const heading = complete
    ? `All ${formatByteCount(event.bytes)}`
    : `First ${formatByteCount(preview.length)} of ${formatByteCount(event.bytes)}`;
  const shown = loaded.kind === 'bytes' ? loaded.bytes : preview;
  return (
    <div className="bytes-section">
      <div className="bytes-head">
        <h4>{loaded.kind === 'bytes' ? `All ${formatByteCount(loaded.bytes.length)}` : heading}</h4>
        {!complete && loaded.kind !== 'bytes' && loaded.kind !== 'gone' && dataId !== undefined && (
          <button type="button" className="button button-small" data-testid="load-bytes" onClick={() => void load()} disabled={loaded.kind === 'loading'}>
            {loaded.kind === 'loading' ? 'Loading…' : `Load all ${event.bytes.toLocaleString('en-US')} bytes`}
          </button>
        )}
        {!complete && dataId === undefined && (
          <span className="muted">{offline ? 'A saved session keeps only the first bytes of each call.' : 'The bridge did not keep the rest of these bytes.'}</span>
        )}
        {loaded.kind === 'gone' && <span className="muted">These bytes are no longer held by the bridge (it keeps only the most recent ones).</span>}
        {loaded.kind === 'failed' && <span className="outcome-bad">{loaded.title}</span>}
      </div>
      <HexDumpView bytes={shown} offset={event.offset} />
    </div>
  );
}
