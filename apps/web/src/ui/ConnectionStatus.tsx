import type { ConnectionStatus } from '../bridge/bridge-connection.ts';
import { secondsUntil } from '../format/time.ts';
import { useConnection, useNow, useStore } from './hooks.ts';

/** After this many sockets closed without ever opening, say what is probably wrong. */
const FAILED_OPENS_BEFORE_HINT = 3;

function badgeText(status: ConnectionStatus, now: number): string {
  switch (status.phase) {
    case 'connecting':
      return status.attempt > 0 ? `Connecting… (attempt ${status.attempt})` : 'Connecting…';
    case 'handshaking':
      return 'Connecting… (saying hello)';
    case 'connected':
      return 'Connected';
    case 'waiting':
      return `Reconnecting in ${secondsUntil(status.retryAt ?? now, now)} s (attempt ${status.attempt})`;
    case 'stopped':
      return 'Disconnected';
  }
}

/** The header badge: where the page stands with the bridge. */
export function ConnectionBadge() {
  const connection = useConnection();
  const status = useStore(connection.status);
  const now = useNow(status.phase === 'waiting');
  const tone = status.phase === 'connected' ? 'ok' : status.phase === 'waiting' || status.phase === 'stopped' ? 'bad' : 'busy';
  return (
    <div className="connection">
      <span className={`status-badge status-${tone}`} data-testid="connection-status" role="status" aria-live="polite">
        <span className="status-dot" aria-hidden="true" />
        {badgeText(status, now)}
      </span>
      {status.phase === 'waiting' && (
        <button type="button" className="link-button" onClick={() => connection.retryNow()}>
          Retry now
        </button>
      )}
    </div>
  );
}

/** Under the header when not connected: why it closed and what to do about it. */
export function ConnectionProblem() {
  const connection = useConnection();
  const status = useStore(connection.status);
  if (status.phase === 'connected' || status.phase === 'handshaking' || !status.lastClose) return null;
  const repeated = status.failedOpens >= FAILED_OPENS_BEFORE_HINT;
  let advice: string | null = null;
  if (repeated && !status.everOpened) {
    advice = 'The bridge refused the connection several times: the session token may be wrong or expired. Open the link the bridge printed in your terminal again.';
  } else if (repeated) {
    advice = 'The bridge is not answering. Is it still running in your terminal? If you restarted it, it printed a new link with a new token: open that one.';
  }
  return (
    <div className="banner banner-warn" data-testid="connection-problem">
      <strong>Not connected to the bridge.</strong> The last connection closed: {status.lastClose.text}.
      {advice && <div className="banner-advice">{advice}</div>}
    </div>
  );
}
