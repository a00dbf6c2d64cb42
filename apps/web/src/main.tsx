import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BridgeConnection } from './bridge/bridge-connection.ts';
import { bridgeSocketUrl } from './bridge/socket.ts';
import { takeBrowserToken, tokenFromHash } from './session-token.ts';
import { App } from './ui/App.tsx';
import { ConnectionContext } from './ui/hooks.ts';
import { NoTokenScreen } from './ui/NoTokenScreen.tsx';
import './styles/base.css';
import './styles/layout.css';
import './styles/cards.css';
import './styles/events.css';
import './styles/details.css';
import './styles/flow.css';
import './styles/flow-svg.css';
import './styles/code.css';
import './styles/step.css';
import './styles/lab.css';
import './styles/lab-matrix.css';
import './styles/lab-cell.css';
import './styles/lab-topology.css';
import './styles/lab-notes.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);

// Pasting the bridge's link into this tab changes only the fragment, which does not reload the
// page: reload so the new token (e.g. from a restarted bridge) is taken up.
window.addEventListener('hashchange', () => {
  if (tokenFromHash(window.location.hash) !== null) window.location.reload();
});

const token = takeBrowserToken();
if (token === null) {
  root.render(<NoTokenScreen />);
} else {
  // Created once, outside React, so StrictMode's double effects cannot open two sockets.
  const connection = new BridgeConnection({ url: bridgeSocketUrl(window.location, token) });
  connection.start();
  // Back on the tab after a while: do not make the learner wait out the backoff.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') connection.retryNow();
  });
  root.render(
    <StrictMode>
      <ConnectionContext value={connection}>
        <App />
      </ConnectionContext>
    </StrictMode>,
  );
}
