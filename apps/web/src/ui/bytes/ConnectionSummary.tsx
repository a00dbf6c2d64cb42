import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import type { ByteFetcher } from '../../timeline/byte-fetcher.ts';
import { connectionState, countersOf, type DirectionCounters } from '../../timeline/counters.ts';
import { assembleStream, exportNote, sourceBlocks, streamFileName } from '../../timeline/stream-bytes.ts';
import { connectionTitle, dirLabel, dirShort, formatB, sideName } from '../../timeline/stream-text.ts';
import type { DirIndex, StreamConnection } from '../../timeline/stream-types.ts';
import { downloadBlob } from './save-file.ts';

interface StreamExportProps {
  conn: StreamConnection;
  fetcher: ByteFetcher;
  live: boolean;
}

interface ConnectionSummaryProps extends StreamExportProps {
  /** The replay's position: the counters and state as they stood right after this event (null: now). */
  atSeq?: number | null;
}

const dash = <span className="muted">—</span>;
const num = (n: number | null, title: string) => (n === null ? <span title={title}>{dash}</span> : formatB(n));

/** One connection: who talks to whom, the counters per direction, and its byte streams as files. */
export function ConnectionSummary({ conn, fetcher, live, atSeq = null }: ConnectionSummaryProps) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const counters = countersOf(conn, atSeq);
  const state = connectionState(conn, atSeq);
  return (
    <div className="bytes-summary">
      <div className="bytes-summary-head">
        <h3 title={connectionTitle(conn)}>
          <span className="bytes-conn-name">{conn.id}</span> {sideName(conn, 'a', lang)} ⇄ {sideName(conn, 'b', lang)}
        </h3>
        <span className={`bytes-state bytes-state-${state}`} data-testid="bytes-conn-state">
          {t(`bytes.state.${state}`)}
        </span>
        {atSeq !== null && (
          <span className="bytes-at-call" data-testid="bytes-counters-at" title={t('bytes.atCallTitle', { seq: atSeq })}>
            {t('bytes.atCall', { seq: atSeq })}
          </span>
        )}
        <StreamExport conn={conn} fetcher={fetcher} live={live} />
      </div>
      <table className="bytes-counters" data-testid="bytes-counters">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">{t('bytes.colDirection')}</span>
            </th>
            <th scope="col" title={t('bytes.colSentTitle')}>
              {t('bytes.colSent')}
            </th>
            <th scope="col" title={t('bytes.colReceivedTitle')}>
              {t('bytes.colReceived')}
            </th>
            <th scope="col" title={t('bytes.colInFlightTitle')}>
              {t('bytes.colInFlight')}
            </th>
            <th scope="col" title={t('bytes.colQueuedTitle')}>
              {t('bytes.colQueued')}
            </th>
          </tr>
        </thead>
        <tbody>
          {counters.map((c) => (
            <CounterRow key={c.dir} c={c} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CounterRow({ c }: { c: DirectionCounters }) {
  const { t, i18n } = useTranslation();
  const outside = t('bytes.outsideTitle');
  return (
    <tr data-dir={c.dir}>
      <th scope="row">
        <span className={`bytes-swatch bytes-swatch-${c.dir}`} aria-hidden="true" />
        {dirLabel(c.dir, currentLang(i18n))}
      </th>
      <td>{num(c.sent, outside)}</td>
      <td>
        {c.eof && (
          <span className="bytes-eof" title={t('bytes.eofTitle')}>
            EOF
          </span>
        )}
        {num(c.received, outside)}
      </td>
      <td className={c.inFlight ? 'bytes-inflight' : undefined}>
        {num(c.inFlight, t('bytes.inFlightUnknown'))}
        {c.unreadAtClose && (
          <span className="bytes-lost" title={t('bytes.neverReadTitle')}>
            {' '}
            {t('bytes.neverRead')}
          </span>
        )}
      </td>
      <td>{num(c.queued, t('bytes.noSendSeen'))}</td>
    </tr>
  );
}

/** The two byte streams as .bin files, built from all the bytes the bridge still holds. */
function StreamExport({ conn, fetcher, live }: StreamExportProps) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (dir: DirIndex) => {
    setBusy(true);
    setNote(null);
    if (live) await fetcher.fetchAll(sourceBlocks(conn, dir));
    const stream = assembleStream(conn, dir, live ? fetcher.bytesOf : () => null);
    downloadBlob(new Blob([stream.data.slice().buffer], { type: 'application/octet-stream' }), streamFileName(conn, dir));
    setNote(exportNote(conn, dir, stream, live, lang));
    setBusy(false);
  };

  return (
    <div className="bytes-export">
      <span className="bytes-export-label">{t('bytes.saveBin')}</span>
      {([0, 1] as const).map((dir) => (
        <button
          key={dir}
          type="button"
          className="button button-small"
          data-testid="bytes-export-stream"
          data-dir={dir}
          disabled={busy}
          title={t('bytes.saveBinTitle', { dir: dirLabel(dir, lang), file: streamFileName(conn, dir) })}
          onClick={() => void save(dir)}
        >
          <span className={`bytes-swatch bytes-swatch-${dir}`} aria-hidden="true" />
          {dirShort(dir, lang)}
        </button>
      ))}
      {note && (
        <p className="bytes-export-note" role="status" data-testid="bytes-export-note">
          {note}
        </p>
      )}
    </div>
  );
}
