import type { LabEventOf, SequencedLabEvent } from '@socket-playground/protocol';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { base64ToBytes, formatByteCount } from '../format/bytes.ts';
import { eventFields } from '../format/event-text.ts';
import { currentLang } from '../i18n/i18n.ts';
import type { Lang } from '../i18n/prefs.ts';
import { localizeFields } from './details-fields.ts';
import { HexDumpView } from './HexDumpView.tsx';
import { useConnection } from './hooks.ts';
import { groupDigits } from '../format/number.ts';

/** Sentences rather than values: they get a whole line. */
const WIDE_FIELDS = new Set(['what', 'why', 'raw message', 'reason', 'in Node']);

type Loaded = { kind: 'none' } | { kind: 'loading' } | { kind: 'gone' } | { kind: 'failed'; title: string } | { kind: 'bytes'; bytes: Uint8Array };

/** Everything about one event; for send/recv, the bytes themselves. Keyed by seq, so state resets per event. */
export function EventDetails({ entry, onClose, offline = false }: { entry: SequencedLabEvent; onClose: () => void; offline?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { seq, event } = entry;
  const fields = useMemo(() => localizeFields(eventFields(seq, event), event, lang, (key) => t(`calls.details.fields.${key}`)), [seq, event, lang, t]);
  return (
    <section className="event-details" data-testid="event-details" aria-label={t('calls.details.label', { seq })}>
      <div className="details-head">
        <h3>
          #{seq} <span className={`call-badge call-badge-${event.call}`}>{event.call}</span>{' '}
          <span className="muted">{event.socketId === '-' ? t('calls.details.noSocket') : t('calls.details.onSocket', { id: event.socketId })}</span>
        </h3>
        <button type="button" className="dismiss" aria-label={t('calls.details.close')} title={t('calls.details.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="details-body" tabIndex={0}>
        <dl className="fields">
          {fields.map(({ label, name, value }) => (
            <div className={WIDE_FIELDS.has(label) ? 'field-pair field-wide' : 'field-pair'} key={label} data-field={label}>
              <dt>{name}</dt>
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
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const count = (n: number) => byteCount(n, lang);
  const connection = useConnection();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'none' });
  const preview = useMemo(() => base64ToBytes(event.preview), [event.preview]);
  const complete = preview.length >= event.bytes;
  const dataId = offline ? undefined : event.dataId;

  const load = async () => {
    if (!dataId) return;
    setLoaded({ kind: 'loading' });
    const reply = await connection.command({ type: 'bytes.get', dataId, labHost: event.labHost }, t('calls.details.loadCommand'));
    if (!reply.ok) return setLoaded({ kind: 'failed', title: t('calls.details.failed') });
    if (reply.result.kind !== 'bytes') return;
    setLoaded(reply.result.data === null ? { kind: 'gone' } : { kind: 'bytes', bytes: base64ToBytes(reply.result.data) });
  };

  if (event.bytes === 0) return <p className="muted">{event.call === 'recv' && event.eof ? t('calls.details.noBytesEof') : t('calls.details.noBytes')}</p>;
  const heading = complete ? t('calls.details.all', { size: count(event.bytes) }) : t('calls.details.first', { shown: count(preview.length), total: count(event.bytes) });
  const shown = loaded.kind === 'bytes' ? loaded.bytes : preview;
  return (
    <div className="bytes-section">
      <div className="bytes-head">
        <h4>{loaded.kind === 'bytes' ? t('calls.details.all', { size: count(loaded.bytes.length) }) : heading}</h4>
        {!complete && loaded.kind !== 'bytes' && loaded.kind !== 'gone' && dataId !== undefined && (
          <button type="button" className="button button-small" data-testid="load-bytes" onClick={() => void load()} disabled={loaded.kind === 'loading'}>
            {loaded.kind === 'loading' ? t('calls.details.loading') : t('calls.details.loadAll', { n: groupDigits(event.bytes) })}
          </button>
        )}
        {!complete && dataId === undefined && (
          <span className="muted">{offline ? t('calls.details.savedFirst') : t('calls.details.notKept')}</span>
        )}
        {loaded.kind === 'gone' && <span className="muted">{t('calls.details.gone')}</span>}
        {loaded.kind === 'failed' && <span className="outcome-bad">{loaded.title}</span>}
      </div>
      <HexDumpView bytes={shown} offset={event.offset} />
    </div>
  );
}

/** "12 bytes", "12 字节". */
function byteCount(n: number, lang: Lang): string {
  return lang === 'zh' ? `${groupDigits(n)} 字节` : formatByteCount(n);
}
