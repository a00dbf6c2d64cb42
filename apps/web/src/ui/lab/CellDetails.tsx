import { disagreementNote } from '../../netlab/cell-why.ts';
import { formatLatency, outcomeText, OUTCOME_MEANING, type CellView } from '../../netlab/matrix-view.ts';
import { ruleLine } from '../../netlab/model.ts';
import { guessLabel } from '../../netlab/predict.ts';
import { formatEndpoint, formatHostPort } from '../../format/address.ts';
import type { LiveLink } from '../../netlab/live-links.ts';

interface Props {
  view: CellView;
  port: number;
  /** The server's accept() of this connection, when the event stream had it. */
  accepted: LiveLink | null;
  onClose: () => void;
}

/** Everything about one cell: what really happened, what the model says and why, and any disagreement. */
export function CellDetails({ view, port, accepted, onClose }: Props) {
  const { cell, model } = view;
  const rule = model ? ruleLine(model.rule) : null;
  return (
    <div className="cell-details" data-testid="cell-details" data-client={view.client} data-target={view.target}>
      <div className="cell-details-head">
        <h4>
          {view.client} → <code>{formatHostPort(view.target, port)}</code>
        </h4>
        <button type="button" className="dismiss" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      {cell && !view.modelled ? (
        <p>
          <strong className={`tone-text tone-text-${view.outcome === 'connected' ? 'ok' : 'bad'}`}>{outcomeText(cell.outcome, cell.echoed)}</strong> for real, in{' '}
          {formatLatency(cell.latencyMs)}
          {cell.local && cell.remote && (
            <>
              {' '}
              — the kernel chose <code>{cell.local}</code> → <code>{cell.remote}</code>
            </>
          )}
          {cell.message && <span className="muted"> · {cell.message}</span>}
          {accepted && (
            <>
              . On {view.client === 'pc1' ? 'the server side' : 'pc1'}, accept() returned a socket from <code>{formatEndpoint(accepted.remote)}</code> to{' '}
              <code>{formatEndpoint(accepted.local)}</code>
              {accepted.remote.address.startsWith('::ffff:') && ' — an IPv4 peer seen through a dual-stack socket'}
            </>
          )}
        </p>
      ) : (
        <p>
          <span className="cell-tag cell-tag-modelled">modelled</span> Not run on real sockets: {view.outcome ? `the model predicts ${outcomeText(view.outcome)}` : 'no prediction'}
          {view.outcome && ` (${OUTCOME_MEANING[view.outcome]})`}.
        </p>
      )}
      {model && (
        <div className="cell-model">
          <p>
            <span className="muted">Model:</span> <strong>{outcomeText(model.outcome)}</strong> by rule <code>{model.rule}</code>
            {rule && <span className="muted"> — {rule}</span>}
          </p>
          {model.steps.map((s) => (
            <p key={s} className="cell-story">
              {s}
            </p>
          ))}
        </div>
      )}
      {view.disagree && model && view.outcome && (
        <p className="cell-disagree-note" data-testid="cell-disagree-note">
          <strong>Real ≠ model:</strong> the sockets said {view.outcome}, the model {model.outcome}. {disagreementNote(model.outcome, view.outcome)}
        </p>
      )}
      {view.verdict === 'wrong' && view.guess && (
        <p className="cell-guess-note">
          You guessed <strong>{guessLabel(view.guess)}</strong>.
        </p>
      )}
    </div>
  );
}
