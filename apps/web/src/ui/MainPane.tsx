import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../format/time.ts';
import { EventsPane } from './EventsPane.tsx';
import { FlowPane } from './flow/FlowPane.tsx';
import { useStore, useView } from './hooks.ts';
import type { MainTab } from './view-store.ts';

// The lab tab (and the address model it uses) loads when first opened.
const LabPane = lazy(() => import('./lab/LabPane.tsx').then((m) => ({ default: m.LabPane })));
// So does the Bytes tab (its timeline, inspector and CSS).
const BytesPane = lazy(() => import('./bytes/BytesPane.tsx').then((m) => ({ default: m.BytesPane })));
// So do the demonstrations (their cards, charts and CSS).
const DemosPane = lazy(() => import('./demos/DemosPane.tsx').then((m) => ({ default: m.DemosPane })));
// And the application protocol (its client, server and frame view).
const AppPane = lazy(() => import('./app/AppPane.tsx').then((m) => ({ default: m.AppPane })));

const TABS: readonly MainTab[] = ['list', 'flow', 'bytes', 'lab', 'demos', 'app'];

/** The right-hand side: the same calls as a list or as a sequence diagram, and the who-can-connect lab. */
export function MainPane() {
  const { t } = useTranslation();
  const view = useView();
  const { tab, loaded } = useStore(view.state);
  return (
    <div className="main-pane">
      {loaded && (
        <div className="banner banner-replay" data-testid="replay-banner" role="status">
          <span>
            <strong>{t('tabs.replaying')}</strong> {loaded.name} · {t('tabs.saved')} {new Date(loaded.savedAt).toLocaleDateString()}{' '}
            {formatClock(Date.parse(loaded.savedAt))} · {t('tabs.calls', { count: loaded.events.length })}
          </span>
          <button type="button" className="button button-small" data-testid="replay-exit" onClick={() => view.backToLive()}>
            {t('tabs.backToLive')}
          </button>
        </div>
      )}
      <div className="tabs" role="tablist" aria-label={t('tabs.label')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            className={name === tab ? 'tab tab-on' : 'tab'}
            aria-selected={name === tab}
            aria-controls="main-tabpanel"
            data-testid={`tab-${name}`}
            onClick={() => view.setTab(name)}
          >
            {t(`tabs.${name}`)}
          </button>
        ))}
      </div>
      <div className="tab-panel" id="main-tabpanel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'list' ? (
          <EventsPane />
        ) : tab === 'flow' ? (
          <FlowPane />
        ) : tab === 'bytes' ? (
          <Suspense fallback={<p className="empty">{t('tabs.loadingBytes')}</p>}>
            <BytesPane />
          </Suspense>
        ) : tab === 'app' ? (
          <Suspense fallback={<p className="empty">{t('tabs.loadingApp')}</p>}>
            <AppPane />
          </Suspense>
        ) : tab === 'demos' ? (
          <Suspense fallback={<p className="empty">{t('tabs.loadingDemos')}</p>}>
            <DemosPane />
          </Suspense>
        ) : (
          <Suspense fallback={<p className="empty">{t('tabs.loadingLab')}</p>}>
            <LabPane />
          </Suspense>
        )}
      </div>
    </div>
  );
}
