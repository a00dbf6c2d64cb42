import type { AppDone } from '@socket-playground/protocol';
import { useMemo, useState } from 'react';
import { appRunsOf } from '../../app-proto/app-runs.ts';
import { useTranslation } from 'react-i18next';
import { bytesSessionOf } from '../bytes/bytes-state.ts';
import { FrameView } from '../frames/FrameView.tsx';
import { useConnection, useEventSource, useStore } from '../hooks.ts';
import { AppClientForm, type AppOutcome } from './AppClientForm.tsx';
import { AppResult } from './AppResult.tsx';
import { AppServerPanel } from './AppServerPanel.tsx';
import '../../styles/app-protocol.css';

/**
 * The "Protocol" tab: the notes' third program. A real application server and client speak the
 * Real Python tutorial's format; the frame view shows both messages as their receivers read them.
 */
export function AppPane() {
  const { t } = useTranslation();
  const connection = useConnection();
  const session = useStore(connection.session);
  const phase = useStore(connection.status).phase;
  const [outcome, setOutcome] = useState<AppOutcome | null>(null);
  // Every finished request lands in the page's list (from this form or a lesson's "Show me"): show the newest.
  const runs = useStore(appRunsOf(connection).runs);
  const newest = runs.at(-1) ?? null;
  const [seen, setSeen] = useState<AppDone | null>(null);
  if (newest !== seen) {
    setSeen(newest);
    if (newest) setOutcome({ kind: 'done', result: newest });
  }
  const servers = session.lab.servers.filter((s) => s.kind === 'app');
  const defaultPort = servers.at(-1)?.listening.port ?? null;

  // The byte streams come from the Bytes tab's builder, so both tabs share one model and its fetched bytes.
  const bytes = bytesSessionOf(connection);
  const source = useEventSource();
  const model = useMemo(() => bytes.live.update(source.entries), [bytes, source.entries]);
  const clientId = outcome?.kind === 'done' ? outcome.result.clientId : null;
  const conn = clientId ? ([...model.connections].reverse().find((c) => c.a?.owner === clientId) ?? null) : null;

  return (
    <section className="app-pane" data-testid="app-pane" aria-labelledby="app-title">
      <div className="app-head">
        <div>
          <h2 id="app-title">{t('proto.title')}</h2>
          <p>{t('proto.subtitle')}</p>
        </div>
        {phase !== 'connected' && <span className="pill pill-warn">{t('proto.offline')}</span>}
      </div>
      <div className="app-scroll">
        <div className="app-columns">
          <div className="app-column">
            <AppServerPanel servers={servers} />
            <AppClientForm defaultPort={defaultPort} onOutcome={setOutcome} />
          </div>
          <div className="app-column">
            <section className="card app-card" aria-labelledby="app-result-title">
              <h3 id="app-result-title">{t('proto.result.title')}</h3>
              <AppResult outcome={outcome} />
            </section>
            {conn && (
              <section className="card app-card" aria-labelledby="app-frames-title" data-testid="app-frames">
                <h3 id="app-frames-title">{t('proto.frames.title')}</h3>
                <FrameView conn={conn} dir={0} fetcher={bytes.fetcher} version={model.version} />
                <FrameView conn={conn} dir={1} fetcher={bytes.fetcher} version={model.version} />
              </section>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
