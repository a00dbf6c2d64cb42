import { lazy, Suspense } from 'react';
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

const TABS: ReadonlyArray<{ tab: MainTab; label: string }> = [
  { tab: 'list', label: 'Event list' },
  { tab: 'flow', label: 'Call flow' },
  { tab: 'bytes', label: 'Bytes' },
  { tab: 'lab', label: 'Who can connect' },
  { tab: 'demos', label: 'Demonstrations' },
];

/** The right-hand side: the same calls as a list or as a sequence diagram, and the who-can-connect lab. */
export function MainPane() {
  const view = useView();
  const { tab, loaded } = useStore(view.state);
  return (
    <div className="main-pane">
      {loaded && (
        <div className="banner banner-replay" data-testid="replay-banner" role="status">
          <span>
            <strong>Replaying a saved session — not live.</strong> {loaded.name} · saved {new Date(loaded.savedAt).toLocaleDateString()}{' '}
            {formatClock(Date.parse(loaded.savedAt))} · {loaded.events.length} calls
          </span>
          <button type="button" className="button button-small" data-testid="replay-exit" onClick={() => view.backToLive()}>
            Back to live
          </button>
        </div>
      )}
      <div className="tabs" role="tablist" aria-label="How to show the calls">
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            id={`tab-${t.tab}`}
            className={t.tab === tab ? 'tab tab-on' : 'tab'}
            aria-selected={t.tab === tab}
            aria-controls="main-tabpanel"
            data-testid={`tab-${t.tab}`}
            onClick={() => view.setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" id="main-tabpanel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'list' ? (
          <EventsPane />
        ) : tab === 'flow' ? (
          <FlowPane />
        ) : tab === 'bytes' ? (
          <Suspense fallback={<p className="empty">Loading the byte timeline…</p>}>
            <BytesPane />
          </Suspense>
        ) : tab === 'demos' ? (
          <Suspense fallback={<p className="empty">Loading the demonstrations…</p>}>
            <DemosPane />
          </Suspense>
        ) : (
          <Suspense fallback={<p className="empty">Loading the lab…</p>}>
            <LabPane />
          </Suspense>
        )}
      </div>
    </div>
  );
}
