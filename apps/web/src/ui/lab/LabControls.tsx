import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { HostDown, NetLabState } from '@socket-playground/protocol';
import type { LabView } from '../../netlab/lab-session.ts';
import { useConnection, useStore } from '../hooks.ts';
import { useLab } from './lab-context.ts';

const MODE_KEY = { namespaces: 'lab.modeNamespaces', 'single-host': 'lab.modeSingle' } as const satisfies Record<NetLabState['mode'], string>;

const STATUS_KEY = {
  starting: 'lab.statusStarting',
  up: 'lab.statusUp',
  stopping: 'lab.statusStopping',
  failed: 'lab.statusFailed',
} as const satisfies Record<NetLabState['status'], string>;

function statusClass(netlab: NetLabState | null, busy: LabView['busy']): string {
  if (busy || netlab?.status === 'starting' || netlab?.status === 'stopping') return 'lab-status lab-status-busy';
  if (!netlab) return 'lab-status lab-status-off';
  if (netlab.status === 'failed') return 'lab-status lab-status-bad';
  return netlab.mode === 'namespaces' ? 'lab-status lab-status-real' : 'lab-status lab-status-single';
}

/** The bridge's "why" for namespaces mode says what the mode line already says. */
function sameIdea(netlab: NetLabState): boolean {
  return netlab.mode === 'namespaces' && (netlab.whyCode === 'netns-root' || netlab.whyCode === 'netns-userns' || /network namespace/i.test(netlab.why));
}

/** Why a host is down, in the learner's language (the bridge's English words only as a last resort). */
function downReason(t: TFunction, down: HostDown): string {
  if (down.signal) return t('lab.hostDownSignal', { signal: down.signal });
  if (down.exitCode !== undefined) return t('lab.hostDownCode', { code: down.exitCode });
  return t('lab.hostDownOther', { reason: down.reason });
}

/** Start and stop the lab; say whether its hosts are real namespaces or modelled, and why. */
export function LabControls() {
  const { t } = useTranslation();
  const lab = useLab();
  const connection = useConnection();
  const view = useStore(lab.state);
  const phase = useStore(connection.status).phase;
  useStore(connection.session); // the bridge's netlab state lives there
  const netlab = lab.netlab();
  const up = netlab?.status === 'up';
  const connected = phase === 'connected';
  const hosts = lab.topology().hosts.map((h) => h.name).join(', ');
  // A host whose agent died (crash, kill -9) while the lab is up: say which and why, offer a restart.
  const down = up ? Object.entries(netlab.down ?? {}) : [];

  return (
    <div className="lab-controls">
      <div className={statusClass(netlab, view.busy)} data-testid="netlab-status" data-status={netlab?.status ?? 'off'} data-mode={netlab?.mode ?? ''} role="status">
        <span className="status-dot" aria-hidden="true" />
        <div className="lab-status-text">
          {netlab ? (
            <>
              <strong>
                {t(STATUS_KEY[netlab.status])} · {t(MODE_KEY[netlab.mode])}
              </strong>
              {(!sameIdea(netlab) || netlab.error) && (
                <span className="lab-why">
                  {sameIdea(netlab) ? '' : netlab.whyCode ? t(`lab.whyCodes.${netlab.whyCode}`) : netlab.why}
                  {netlab.error && <span className="lab-error"> · {netlab.error}</span>}
                </span>
              )}
            </>
          ) : (
            <>
              <strong>{view.busy === 'starting' ? t('lab.startingLab') : t('lab.notRunning')}</strong>
              <span className="lab-why">{t('lab.startWhy', { hosts })}</span>
            </>
          )}
        </div>
      </div>
      <div className="lab-buttons">
        {!up && (
          <button
            type="button"
            className="button button-primary"
            data-testid="netlab-start"
            disabled={!connected || view.busy !== null || netlab?.status === 'starting'}
            onClick={() => void lab.start()}
          >
            {view.busy === 'starting' ? t('lab.statusStarting') : t('lab.start')}
          </button>
        )}
        {netlab && (
          <button type="button" className="button" data-testid="netlab-stop" disabled={view.busy !== null} onClick={() => void lab.stop()}>
            {view.busy === 'stopping' ? t('lab.statusStopping') : t('lab.stop')}
          </button>
        )}
      </div>
      {down.length > 0 && (
        <div className="lab-problem" data-testid="netlab-host-down" role="alert">
          {down.map(([host, d]) => (
            <span key={host} data-host={host}>
              {t('lab.hostDown', { host, reason: downReason(t, d) })}{' '}
            </span>
          ))}
          <button
            type="button"
            className="button"
            data-testid="netlab-restart"
            title={t('lab.restartWhy')}
            disabled={!connected || view.busy !== null}
            onClick={() => void lab.start()}
          >
            {view.busy === 'starting' ? t('lab.statusStarting') : t('lab.restart')}
          </button>
        </div>
      )}
      {view.problem && (
        <p className="lab-problem" data-testid="netlab-problem" role="alert">
          {view.problem}
        </p>
      )}
    </div>
  );
}
