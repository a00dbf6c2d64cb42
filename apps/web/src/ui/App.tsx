import { ClientCard } from './ClientCard.tsx';
import { ConnectionBadge, ConnectionProblem } from './ConnectionStatus.tsx';
import { ErrorNotices } from './ErrorNotices.tsx';
import { EventsPane } from './EventsPane.tsx';
import { useConnection, useStore } from './hooks.ts';
import { ServerCard } from './ServerCard.tsx';
import { ServerList } from './ServerList.tsx';

/** One screen: controls on the left, what the sockets did on the right. */
export function App() {
  const connection = useConnection();
  const session = useStore(connection.session);
  return (
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
          <ErrorNotices />
        </aside>
        <EventsPane />
      </main>
    </div>
  );
}
