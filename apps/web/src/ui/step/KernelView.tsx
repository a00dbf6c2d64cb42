import type { KernelConnection, StepperInfo } from '@socket-playground/protocol';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { formatEndpoint } from '../../format/address.ts';
import { formatByteCount } from '../../format/bytes.ts';
import { backlogText, queuedText } from '../../step/step-text.ts';

const MEASURED = 'measured live from the kernel (/proc/net/tcp)';
/** Slots drawn for the accept queue; a bigger backlog is summarised instead. */
const MAX_SLOTS = 8;

/** What the server's kernel holds right now: the accept queue and the served connection's buffers. */
export function KernelView({ info }: { info: StepperInfo }) {
  const { i18n } = useTranslation();
  const { kernel } = info;
  const backlog = info.backlog ?? 0;
  const slots = backlog + 1;
  return (
    <div className="kernel-view" data-testid="kernel-view">
      <div className="kernel-head">
        <h4>In the kernel</h4>
        <span className="kernel-source">{kernel ? MEASURED : 'not measured on this system'}</span>
      </div>
      <p className="kernel-line">{backlogText(backlog, currentLang(i18n))}</p>
      {!info.listening ? (
        <p className="kernel-line muted">Not listening yet: there is no accept queue until listen().</p>
      ) : !kernel ? (
        <p className="kernel-line muted">The accept queue and the buffers are not measured on this system (no /proc/net/tcp).</p>
      ) : (
        <>
          <div className="kernel-label">
            Accept queue: {kernel.acceptQueue.length} of {slots} {kernel.acceptQueue.length === 0 && <span className="muted">(empty)</span>}
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
                  {queuedText(c)}
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
  if (!connection) return <div className="kernel-label">Served connection: none (accept() has not returned one)</div>;
  return (
    <div className="kernel-served">
      <div className="kernel-label">
        Served connection <span className="mono">{formatEndpoint(connection.remote)}</span> · {connection.state}
      </div>
      <div className="buffers">
        <span>
          receive buffer: <strong data-testid="recv-queue">{formatByteCount(connection.recvQueue)}</strong> not read yet
        </span>
        <span>send queue: {formatByteCount(connection.sendQueue)} not acknowledged</span>
      </div>
    </div>
  );
}

/** One line for a stepped client's own connection. */
export function ClientKernelLine({ info }: { info: StepperInfo }) {
  const c = info.kernel?.connection;
  if (!info.kernel) return <div className="kernel-mini muted">Kernel: not measured on this system</div>;
  if (!c) return <div className="kernel-mini muted">Kernel: {info.finished ? 'the connection is closed' : info.connection ? 'the connection is gone' : 'no connection yet'}</div>;
  return (
    <div className="kernel-mini" title={MEASURED}>
      Kernel: {c.state} · receive buffer {formatByteCount(c.recvQueue)} · send queue {formatByteCount(c.sendQueue)}
    </div>
  );
}
