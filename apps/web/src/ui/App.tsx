import { useState } from 'react';
import { ClientCard } from './ClientCard.tsx';
import { ConnectionBadge, ConnectionProblem } from './ConnectionStatus.tsx';
import { ErrorNotices } from './ErrorNotices.tsx';
import { LabContext } from './lab/lab-context.ts';
import { LabSession } from '../netlab/lab-session.ts';
import { useConnection, useStore, ViewContext } from './hooks.ts';
import { MainPane } from './MainPane.tsx';
import { ServerCard } from './ServerCard.tsx';
import { ServerList } from './ServerList.tsx';
import { StepPanel } from './step/StepPanel.tsx';
import { ViewStore } from './view-store.ts';

/** One screen: controls on the left, what the sockets did on the right (as a list or a diagram). */
export function App() {
  const connection = useConnection();
  const session = useStore(connection.session);
  // What the learner looks at (tab, selection, replay): shared by the list, the diagram and the step panel.
  const [view] = useState(() => new ViewStore());
  // The who-can-connect lab's picks, results and guesses: kept while other tabs are shown.
  const [lab] = useState(() => new LabSession(connection));
  return (
    <ViewContext value={view}>
      <LabContext value={lab}>
        <div className="app">
          <header className="app-header">
            <div className="brand">
              <h1>Socket Playground</h1>
              <span className="tagline">real TCP sockets, one call at a time</span>
            </div>
            <ConnectionBadge />
          </header>
          {session.privileged && (
            <div className="banner banner-info banner-flat" data-testid="privileged-note">
              The bridge runs as root, so ports below 1024 bind without EACCES; an ordinary user would get EACCES.
            </div>
          )}
          <ConnectionProblem />
          <main className="layout">
            <aside className="controls">
              <ServerCard />
              <ServerList />
              <ClientCard />
              <StepPanel />
              <ErrorNotices />
            </aside>
            <MainPane />
          </main>
        </div>
      </LabContext>
    </ViewContext>
  );
}
