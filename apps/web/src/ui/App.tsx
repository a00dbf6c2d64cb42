import { lazy, Suspense, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { LabSession } from '../netlab/lab-session.ts';
import { ClientCard } from './ClientCard.tsx';
import { ConnectionBadge, ConnectionProblem } from './ConnectionStatus.tsx';
import { ErrorNotices } from './ErrorNotices.tsx';
import { useConnection, useStoreSelect, ViewContext } from './hooks.ts';
import { LabContext } from './lab/lab-context.ts';
import { LangSwitch } from './LangSwitch.tsx';
import { MainPane } from './MainPane.tsx';
import { ServerCard } from './ServerCard.tsx';
import { ServerList } from './ServerList.tsx';
import { SideDivider } from './SideDivider.tsx';
import { storedSide } from './side-width.ts';
import { browserStorage } from '../i18n/prefs.ts';
import { StepPanel } from './step/StepPanel.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { ViewStore } from './view-store.ts';

// The lessons (panel, goal checking, the curriculum's text) load as their own chunk.
const LessonArea = lazy(() => import('./lesson/LessonArea.tsx').then((m) => ({ default: m.LessonArea })));

/** One screen: the lesson and the tools on the left, what the sockets did on the right (as a list or a diagram). */
export function App() {
  const { t } = useTranslation();
  const connection = useConnection();
  // One flag: App (and every card under it) must not re-render with each lab state update.
  const privileged = useStoreSelect(connection.session, (s) => s.privileged);
  // What the learner looks at (tab, selection, replay): shared by the list, the diagram and the step panel.
  const [view] = useState(() => new ViewStore());
  // The who-can-connect lab's picks, results and guesses: kept while other tabs are shown.
  const [lab] = useState(() => new LabSession(connection));
  // The lesson-and-tools column's width (the divider changes it).
  const [side, setSide] = useState(() => storedSide(browserStorage()));
  return (
    <ViewContext value={view}>
      <LabContext value={lab}>
        <div className="app">
          <header className="app-top">
            <div className="app-header">
              <div className="brand">
                <h1>{t('app.title')}</h1>
                <span className="tagline">{t('app.tagline')}</span>
              </div>
              <div className="header-tools">
                <LangSwitch />
                <ThemeToggle />
                <ConnectionBadge />
              </div>
            </div>
            {privileged && (
              <div className="banner banner-info banner-flat" data-testid="privileged-note">
                {t('app.privileged')}
              </div>
            )}
            <ConnectionProblem />
          </header>
          <main className="layout" style={{ '--side-width': `${side}px` } as CSSProperties}>
            <aside className="controls">
              <Suspense fallback={null}>
                <LessonArea />
              </Suspense>
              <h2 className="tools-title">{t('app.tools')}</h2>
              <ServerCard />
              <ServerList />
              <ClientCard />
              <StepPanel />
              <ErrorNotices />
            </aside>
            <SideDivider width={side} onWidth={setSide} />
            <MainPane />
          </main>
        </div>
      </LabContext>
    </ViewContext>
  );
}
