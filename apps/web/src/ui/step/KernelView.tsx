import type { KernelConnection, StepperInfo } from '@socket-playground/protocol';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { formatEndpoint } from '../../format/address.ts';
import { formatByteCount } from '../../format/bytes.ts';
import { backlogText, queuedText } from '../../step/step-text.ts';

/** Slots drawn for the accept queue; a bigger backlog is summarised instead. */
const MAX_SLOTS = 8;

/** What the server's kernel holds right now: the accept queue and the served connection's buffers. */
export function KernelView({ info }: { info: StepperInfo }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { kernel } = info;
  const backlog = info.backlog ?? 0;
  const slots = backlog + 1;
  return (
    <div className="kernel-view" data-testid="kernel-view">
      <div className="kernel-head">
        <h4>{t('shell.kernel.title')}</h4>
        <span className="kernel-source">{kernel ? t('shell.kernel.measured') : t('shell.kernel.notMeasured')}</span>
      </div>
      <p className="kernel-line">{backlogText(backlog, lang)}</p>
      {!info.listening ? (
        <p className="kernel-line muted">{t('shell.kernel.notListening')}</p>
      ) : !kernel ? (
        <p className="kernel-line muted">{t('shell.kernel.noProc')}</p>
      ) : (
        <>
          <div className="kernel-label">
            {t('shell.kernel.acceptQueue', { n: kernel.acceptQueue.length, slots })}{' '}
            {kernel.acceptQueue.length === 0 && <span className="muted">{t('shell.kernel.empty')}</span>}
          </div>
          {slots <= MAX_SLOTS && (
            <div className="queue-slots" aria-hidden="true">
              {Array.from({ length: Math.max(slots, kernel.acceptQueue.length) }, (_, i) => (
                <span key={i} className={i < kernel.acceptQueue.length ? 'queue-slot full' : 'queue-slot'} />
              ))}
            </div>
          )}
          {kernel.acceptQueue.length > 0 && (
            <ul className="accept-queue">
              {kernel.acceptQueue.map((c) => (
                <li key={`${formatEndpoint(c.remote)}`} className="mono" data-testid="accept-queue-item">
                  {queuedText(c, lang)}
                </li>
              ))}
            </ul>
          )}
          <ServedConnection connection={kernel.connection} />
        </>
      )}
    </div>
  );
}

function ServedConnection({ connection }: { connection: KernelConnection | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  // Chinese runs the words together; English puts a space between them.
  const gap = lang === 'zh' ? '' : ' ';
  if (!connection) return <div className="kernel-label">{t('shell.kernel.noServed')}</div>;
  return (
    <div className="kernel-served">
      <div className="kernel-label">
        {t('shell.kernel.served')} <span className="mono">{formatEndpoint(connection.remote)}</span> · {connection.state}
      </div>
      <div className="buffers">
        <span>
          {t('shell.kernel.recvBuffer')}
          {gap}
          <strong data-testid="recv-queue">{formatByteCount(connection.recvQueue, lang)}</strong>
          {gap}
          {t('shell.kernel.notRead')}
        </span>
        <span>{t('shell.kernel.sendQueue', { size: formatByteCount(connection.sendQueue, lang) })}</span>
      </div>
    </div>
  );
}

/** One line for a stepped client's own connection. */
export function ClientKernelLine({ info }: { info: StepperInfo }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const c = info.kernel?.connection;
  if (!info.kernel) return <div className="kernel-mini muted">{t('shell.kernel.clientNotMeasured')}</div>;
  if (!c) {
    const why = info.finished ? t('shell.kernel.clientClosed') : info.connection ? t('shell.kernel.clientGone') : t('shell.kernel.clientNone');
    return <div className="kernel-mini muted">{why}</div>;
  }
  return (
    <div className="kernel-mini" title={t('shell.kernel.measured')}>
      {t('shell.kernel.clientLine', { state: c.state, recv: formatByteCount(c.recvQueue, lang), send: formatByteCount(c.sendQueue, lang) })}
    </div>
  );
}
