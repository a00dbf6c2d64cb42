import type { ConnectionStatus } from '../bridge/bridge-connection.ts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { describeClose } from '../bridge/page-errors.ts';
import { currentLang } from '../i18n/i18n.ts';
import { secondsUntil } from '../format/time.ts';
import { useConnection, useNow, useStore } from './hooks.ts';

/** After this many sockets closed without ever opening, say what is probably wrong. */
const FAILED_OPENS_BEFORE_HINT = 3;

function badgeText(t: TFunction, status: ConnectionStatus, now: number): string {
  switch (status.phase) {
    case 'connecting':
      return status.attempt > 0 ? t('status.connectingAttempt', { attempt: status.attempt }) : t('status.connecting');
    case 'handshaking':
      return t('status.handshaking');
    case 'connected':
      return t('status.connected');
    case 'waiting':
      return t('status.waiting', { seconds: secondsUntil(status.retryAt ?? now, now), attempt: status.attempt });
    case 'stopped':
      return t('status.stopped');
  }
}

/** The header badge: where the page stands with the bridge. */
export function ConnectionBadge() {
  const { t } = useTranslation();
  const connection = useConnection();
  const status = useStore(connection.status);
  const now = useNow(status.phase === 'waiting');
  const tone = status.phase === 'connected' ? 'ok' : status.phase === 'waiting' || status.phase === 'stopped' ? 'bad' : 'busy';
  return (
    <div className="connection">
      <span className={`status-badge status-${tone}`} data-testid="connection-status" role="status" aria-live="polite">
        <span className="status-dot" aria-hidden="true" />
        {badgeText(t, status, now)}
      </span>
      {status.phase === 'waiting' && (
        <button type="button" className="link-button" onClick={() => connection.retryNow()}>
          {t('status.retryNow')}
        </button>
      )}
    </div>
  );
}

/** Under the header when not connected: why it closed and what to do about it. */
export function ConnectionProblem() {
  const { t, i18n } = useTranslation();
  const connection = useConnection();
  const status = useStore(connection.status);
  if (status.phase === 'connected' || status.phase === 'handshaking' || !status.lastClose) return null;
  const repeated = status.failedOpens >= FAILED_OPENS_BEFORE_HINT;
  let advice: string | null = null;
  if (repeated && !status.everOpened) {
    advice = t('status.adviceToken');
  } else if (repeated) {
    advice = t('status.adviceGone');
  }
  return (
    <div className="banner banner-warn" data-testid="connection-problem">
      <strong>{t('status.notConnected')}</strong> {t('status.lastClosed', { text: describeClose(status.lastClose.code, status.lastClose.reason, currentLang(i18n)) })}
      {advice && <div className="banner-advice">{advice}</div>}
    </div>
  );
}
