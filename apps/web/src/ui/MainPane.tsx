import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../format/time.ts';
import { EventsPane } from './EventsPane.tsx';
import { useConnection, useStore, useView } from './hooks.ts';
import type { MainTab } from './view-store.ts';

// The call flow (diagram, code, replay bar) is not needed for a first visit, which opens the list:
// its chunk is fetched in the background once the page is connected and idle (usePrefetchFlow).
// Once it is here the tab renders it directly, without a Suspense round (it shows at the click).
let loadedFlowPane: ComponentType | null = null;
const loadFlow = () =>
  import('./flow/FlowPane.tsx').then((m) => {
    loadedFlowPane = m.FlowPane;
    return m;
  });
const LazyFlowPane = lazy(() => loadFlow().then((m) => ({ default: m.FlowPane })));

function FlowTab() {
  const Loaded = loadedFlowPane;
  if (Loaded) return <Loaded />;
  return (
    <Suspense fallback={null}>
      <LazyFlowPane />
    </Suspense>
  );
}

/** Once the page is connected and idle, fetch the call flow's code in the background, so its tab opens at once. */
function usePrefetchFlow(): void {
  const connected = useStore(useConnection().status).phase === 'connected';
  useEffect(() => {
    if (!connected) return;
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = window.setTimeout(() => void loadFlow(), 0);
      return () => window.clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(() => void loadFlow(), { timeout: 500 });
    return () => window.cancelIdleCallback(idle);
  }, [connected]);
}

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
  usePrefetchFlow();
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
          <FlowTab />
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
