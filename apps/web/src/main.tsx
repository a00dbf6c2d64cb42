import { runSchemasWithoutEval } from '@socket-playground/protocol';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { asFrameWork, benchSocket } from './bench-hook.ts';
import { BridgeConnection } from './bridge/bridge-connection.ts';
import { bridgeSocketUrl, browserSocket } from './bridge/socket.ts';
import { createI18nForStart } from './i18n/i18n.ts';
import { browserStorage, htmlLang, pickLang, pickTheme, storedLang, storedTheme } from './i18n/prefs.ts';
import { takeBrowserToken, tokenFromHash } from './session-token.ts';
import { App } from './ui/App.tsx';
import { ConnectionContext } from './ui/hooks.ts';
import { NoTokenScreen } from './ui/NoTokenScreen.tsx';
import { applyTheme } from './ui/theme.ts';
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
import './styles/lesson.css';
import './styles/dark.css';

// Before any message is parsed: the page's CSP forbids eval, which zod would otherwise probe for.
runSchemasWithoutEval();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);

// Pasting the bridge's link into this tab changes only the fragment, which does not reload the
// page: reload so the new token (e.g. from a restarted bridge) is taken up.
window.addEventListener('hashchange', () => {
  if (tokenFromHash(window.location.hash) !== null) window.location.reload();
});

// Language and theme before the first render: a stored choice, else the browser's (zh* → 中文; dark scheme).
const storage = browserStorage();
const lang = pickLang(storedLang(storage), navigator.language);
document.documentElement.lang = htmlLang(lang);
applyTheme(pickTheme(storedTheme(storage), window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false));
// A Chinese visitor's text loads first (a small chunk from this server): no flash of English.
const i18n = await createI18nForStart(lang);

const token = takeBrowserToken();
if (token === null) {
  root.render(
    <I18nextProvider i18n={i18n}>
      <NoTokenScreen />
    </I18nextProvider>,
  );
} else {
  // Created once, outside React, so StrictMode's double effects cannot open two sockets.
  // New events are shown once per animation frame, however many messages brought them.
  const connection = new BridgeConnection({ url: bridgeSocketUrl(window.location, token), createSocket: benchSocket(browserSocket), frame: (callback) => requestAnimationFrame(() => asFrameWork(callback)) });
  connection.start();
  // Back on the tab after a while: do not make the learner wait out the backoff.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') connection.retryNow();
  });
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ConnectionContext value={connection}>
          <App />
        </ConnectionContext>
      </I18nextProvider>
    </StrictMode>,
  );
}
