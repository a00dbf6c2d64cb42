import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { presetsIn } from '../../demos/demo-presets.ts';
import { demoSessionFor } from '../../demos/demo-session.ts';
import { currentLang } from '../../i18n/i18n.ts';
import { useConnection, useStore } from '../hooks.ts';
import { DemoCard } from './DemoCard.tsx';
import '../../styles/demos.css';
import '../../styles/demos-result.css';

/**
 * The "Demonstrations" tab: five presets of the bytes lesson, each run for real on loopback with
 * one click. Their calls stream into the event list like any other; the card shows the numbers.
 */
export function DemosPane() {
  const { t, i18n } = useTranslation();
  const presets = presetsIn(currentLang(i18n));
  const connection = useConnection();
  const session = useMemo(() => demoSessionFor(connection), [connection]);
  const view = useStore(session.state);
  const phase = useStore(connection.status).phase;
  const running = presets.find((p) => view[p.name].status === 'running')?.name ?? null;
  return (
    <section className="demos-pane" data-testid="demos-pane" aria-labelledby="demos-title">
      <div className="demos-head">
        <div className="events-title">
          <h2 id="demos-title">{t('tabs.demos')}</h2>
          <span className="muted">{t('demos.subtitle')}</span>
        </div>
        {phase !== 'connected' && (
          <span className="pill pill-warn" data-testid="demos-offline">
            {t('demos.offline')}
          </span>
        )}
      </div>
      <div className="demos-scroll">
        <nav className="demos-index" aria-label={t('demos.index')}>
          {presets.map((p, i) => (
            <button
              key={p.name}
              type="button"
              className={`demos-index-item demos-index-${view[p.name].status}`}
              // Scroll, not a #fragment link: the page's fragment carries the session token.
              onClick={() => document.getElementById(`demo-${p.name}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
            >
              <span className="demos-index-number">{i + 1}</span>
              {p.short}
            </button>
          ))}
        </nav>
        {presets.map((p) => (
          <div key={p.name} id={`demo-${p.name}`} className="demos-anchor">
            <DemoCard preset={p} card={view[p.name]} session={session} othersBusy={running !== null && running !== p.name} />
          </div>
        ))}
      </div>
    </section>
  );
}
