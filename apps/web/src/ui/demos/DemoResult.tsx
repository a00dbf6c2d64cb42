import type { DemoSummary } from '@socket-playground/protocol';
import { useTranslation } from 'react-i18next';
import { stripSegments } from '../../demos/demo-charts.ts';
import { count, demoFacts, expectedQueue, ownersText, sum } from '../../demos/demo-sentences.ts';
import { currentLang } from '../../i18n/i18n.ts';
import { bytesSessionOf, focusOfDemo } from '../bytes/bytes-state.ts';
import { useConnection, useView } from '../hooks.ts';
import type { MainTab } from '../view-store.ts';
import { QueueChart, StairCharts } from './DemoCharts.tsx';

/** The tab that shows a demonstration's bytes send by send, recv by recv. */
const TIMELINE_TAB: MainTab = 'bytes';

/** Enough room (in % of a ~500 px strip) to print a size inside its segment. */
const fits = (widthPct: number, text: string): boolean => widthPct * 5 >= text.length * 7 + 8;

interface StripProps {
  label: string;
  sizes: readonly number[];
  kind: 'send' | 'recv';
  /** What one piece is called in the count ("recv", "read"). */
  piece?: Piece;
}

type Piece = 'recv' | 'read' | 'datagram' | 'send';

/** A stream drawn as a bar, cut where each send or recv began: the same bytes, different cuts. */
function Strip({ label, sizes, kind, piece = kind }: StripProps) {
  const { t } = useTranslation();
  const segments = stripSegments(sizes, 100);
  const pieces = t(`demos.piece.${piece}`, { count: sizes.length, n: count(sizes.length) });
  const pieceName = t(`demos.pieceName.${piece}`);
  return (
    <div className="demo-strip-row">
      <span className="demo-strip-label mono">{label}</span>
      <div className={`demo-strip demo-strip-${kind}`} role="img" aria-label={t('demos.stripLabel', { label, pieces, sizes: sizes.join(', ') })}>
        {segments.map((s, i) => (
          <span key={i} className="demo-seg" style={{ left: `${s.x}%`, width: `${s.width}%` }} title={t('demos.segTitle', { piece: pieceName, i: i + 1, size: s.size })}>
            {fits(s.width, String(s.size)) ? s.size : ''}
          </span>
        ))}
      </div>
      <span className="demo-strip-count">{pieces}</span>
    </div>
  );
}

function Strips({ summary }: { summary: DemoSummary }) {
  const { t } = useTranslation();
  if (summary.demo === 'recv-bufsize') {
    return (
      <div className="demo-strips">
        <Strip label={t('demos.clientSend')} sizes={[summary.messageBytes]} kind="send" />
        <Strip label={t('demos.serverReads')} sizes={summary.serverRecvSizes} kind="recv" piece="read" />
        <Strip label={t('demos.clientRecv', { bufsize: summary.bufsize })} sizes={summary.recvSizes} kind="recv" />
      </div>
    );
  }
  if (summary.demo === 'byte-stream') {
    return (
      <div className="demo-strips">
        <p className="demo-strips-title">{t('demos.smallSends', { bytes: count(sum(summary.smallSendSizes)) })}</p>
        <Strip label={t('demos.serverSends')} sizes={summary.smallSendSizes} kind="send" />
        <Strip label={t('demos.clientRecv', { bufsize: summary.bufsize })} sizes={summary.smallRecvSizes} kind="recv" />
        <p className="demo-strips-title">{t('demos.largeSend', { bytes: count(summary.largeBytes) })}</p>
        <Strip label={t('demos.serverSend')} sizes={[summary.largeBytes]} kind="send" />
        <Strip label={t('demos.clientRecv', { bufsize: summary.bufsize })} sizes={summary.largeRecvSizes} kind="recv" />
      </div>
    );
  }
  if (summary.demo === 'udp') {
    return (
      <div className="demo-strips">
        <p className="demo-strips-title">{t('demos.datagramsAfter')}</p>
        <Strip label="sendto()" sizes={summary.sentSizes} kind="send" piece="datagram" />
        <Strip label="recvfrom()" sizes={summary.recvSizes} kind="recv" />
      </div>
    );
  }
  return null;
}

/** The clients of the backlog demonstration: who was in the accept queue, whose SYN was dropped. */
function BacklogClients({ summary }: { summary: Extract<DemoSummary, { demo: 'backlog' }> }) {
  const { t } = useTranslation();
  const places = expectedQueue(summary.backlog, summary.somaxconn);
  const queued = Math.min(summary.connectedBeforeAccept, summary.clients);
  const client = (i: number, dropped: boolean) => (
    <li key={i} className={dropped ? 'demo-client demo-client-dropped' : 'demo-client demo-client-queued'}>
      <strong>{t('demos.client', { n: i + 1 })}</strong>
      <span>{dropped ? t('demos.synDropped') : t('demos.notAccepted')}</span>
    </li>
  );
  return (
    <div className="demo-backlog" data-testid="demo-backlog">
      <p className="demo-strips-title">{t('demos.beforeAccept')}</p>
      <div className="demo-backlog-row">
        <div className="demo-queue">
          <span className="demo-queue-label">
            {t('demos.acceptQueue')}
            {places !== null && t('demos.places', { places: t('demos.piece.place', { count: places, n: count(places) }), backlog: summary.backlog })}
          </span>
          <ol className="demo-clients">{Array.from({ length: queued }, (_, i) => client(i, false))}</ol>
        </div>
        {queued < summary.clients && (
          <ol className="demo-clients demo-clients-outside" start={queued + 1}>
            {Array.from({ length: summary.clients - queued }, (_, i) => client(queued + i, true))}
          </ol>
        )}
      </div>
      <p className="muted demo-backlog-note">{t('demos.whoFirst')}</p>
    </div>
  );
}

/** What a demonstration measured: the numbers in words, its chart, and a way to its calls. */
export function DemoResult({ summary, bridgeId }: { summary: DemoSummary; bridgeId: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const view = useView();
  const connection = useConnection();
  // To the Bytes tab, showing exactly what this demonstration did (or saying it is no longer held).
  const openBytes = () => {
    // Its events are in the live session, not in a saved one being replayed.
    if (view.state.get().loaded) view.backToLive();
    const bytes = bytesSessionOf(connection);
    const model = bytes.live.update(connection.events.get().entries);
    const target = { summary, bridgeId };
    bytes.showDemo(target, focusOfDemo(target, model, connection.session.get().bridgeId));
    view.setTab(TIMELINE_TAB);
  };
  const facts = demoFacts(summary, lang);
  return (
    <section className="demo-result" data-testid="demo-result" data-demo={summary.demo} aria-label={t('demos.measured')}>
      <p className="demo-headline" data-testid="demo-headline">
        {facts.headline}
      </p>
      <ul className="demo-facts">
        {facts.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <Strips summary={summary} />
      {summary.demo === 'sendall' && <QueueChart summary={summary} />}
      {summary.demo === 'many-clients' && <StairCharts summary={summary} />}
      {summary.demo === 'backlog' && <BacklogClients summary={summary} />}
      <footer className="demo-result-foot">
        <span className="muted">{ownersText(summary, lang)}</span>
        <button type="button" className="button button-small" data-testid="demo-open-bytes" onClick={openBytes}>
          {t('demos.openBytes')}
        </button>
      </footer>
    </section>
  );
}
