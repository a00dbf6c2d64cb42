import type { MatrixResult, Topology } from '@socket-playground/protocol';
import { useState } from 'react';
import { clientHosts, describeBind, matrixTargets, targetCaption } from '../../netlab/lab-topology.ts';
import { isModelled, matrixSummary, matrixView } from '../../netlab/matrix-view.ts';
import type { BindModel } from '../../netlab/model.ts';
import { guessCount, scoreGuesses, scoreText } from '../../netlab/predict.ts';
import { acceptedFor, type LiveLink } from '../../netlab/live-links.ts';
import { useStore } from '../hooks.ts';
import { CellDetails } from './CellDetails.tsx';
import { useLab } from './lab-context.ts';
import { MatrixCellView } from './MatrixCellView.tsx';

interface Props {
  topology: Topology;
  model: BindModel;
  /** The last run, when it is for the bind the picker shows. */
  result: MatrixResult | null;
  /** The connections the server accepted in that run (how the server saw each client). */
  links: readonly LiveLink[];
}

/** The who-can-connect matrix: rows are client hosts, columns the addresses they dial. */
export function MatrixPanel({ topology, model, result, links }: Props) {
  const lab = useLab();
  const state = useStore(lab.state);
  const [selectedKey, setSelected] = useState<string | null>(null);
  const clients = clientHosts(topology);
  const targets = matrixTargets(topology);
  const rows = matrixView({ clients, targets, result, model: model.cell, predicting: state.predicting, scored: state.scored, guesses: state.guesses });
  const summary = matrixSummary(rows);
  const selected = rows.flat().find((c) => c.key === selectedKey && c.shows !== 'guess');
  const keys = rows.flat().map((c) => c.key);

  return (
    <section className="lab-card matrix-card" aria-labelledby="matrix-title">
      <div className="lab-card-head">
        <h3 id="matrix-title">Every client × every address</h3>
        <span className="muted" data-testid="matrix-caption">
          {caption(result, summary, state.predicting && !state.scored, state.running)}
        </span>
      </div>
      <Listeners result={result} model={model} />
      {result?.note && (
        <p className="matrix-note" data-testid="matrix-note">
          {result.note}
        </p>
      )}
      {state.predicting && (
        <div className="predict-bar" data-testid="predict-bar">
          {state.scored && result ? (
            <>
              <strong className="predict-score" data-testid="predict-score">
                {scoreText(scoreGuesses(state.guesses, result.cells))}
              </strong>
              <span className="muted">Wrong guesses are marked in red; click a cell to see why.</span>
              <button type="button" className="button button-small" onClick={() => lab.clearGuesses()}>
                Guess again
              </button>
            </>
          ) : (
            <span>
              <strong>Predict first:</strong> for each cell, does the client connect, is it refused, unreachable, or does it time out? Then run.{' '}
              <span className="muted">
                {guessCount(state.guesses, keys)} of {keys.length} guessed.
              </span>
            </span>
          )}
        </div>
      )}
      <div className="matrix-scroll">
        <table className="matrix" data-testid="matrix" data-mode={result?.mode ?? 'model'}>
          <thead>
            <tr>
              <th className="matrix-corner" scope="col">
                <span>client ↓</span>
                <span>connect() to →</span>
              </th>
              {targets.map((t) => (
                <th key={t} scope="col" className="matrix-target">
                  <code>{t}</code>
                  <small>{targetCaption(topology, t)}</small>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={clients[i]}>
                <th scope="row" className="matrix-client">
                  {clients[i]}
                  <small>{topology.hosts.find((h) => h.name === clients[i])?.label ?? (i === 0 ? 'the server’s host' : 'another host')}</small>
                </th>
                {row.map((cell) => (
                  <MatrixCellView
                    key={cell.key}
                    view={cell}
                    selected={cell.key === selectedKey}
                    onSelect={() => setSelected(cell.key === selectedKey ? null : cell.key)}
                    onGuess={(g) => lab.guess(cell.key, g)}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Legend />
      {selected && <CellDetails view={selected} port={result?.bind.port ?? lab.port() ?? 0} accepted={acceptedFor(links, selected.cell?.local)} onClose={() => setSelected(null)} />}
    </section>
  );
}

function caption(result: MatrixResult | null, s: ReturnType<typeof matrixSummary>, guessing: boolean, running: boolean): string {
  if (running) return 'running…';
  if (guessing) return 'your guesses; the answers come with the run';
  if (!result) return 'modelled: nothing ran yet for this bind';
  const real = result.mode === 'namespaces' ? 'real sockets' : `single host, ${s.modelled} modelled`;
  const dis = s.disagree > 0 ? ` · ${s.disagree} disagree with the model` : '';
  return `${describeBind(result.bind)} · ${s.connected} of ${s.total} connected · ${real} · ${Math.round(result.durationMs)} ms${dis}`;
}

/** The listening sockets the run opened (or could not), or the model's plan before a run. */
function Listeners({ result, model }: { result: MatrixResult | null; model: BindModel }) {
  const items = result
    ? result.listeners.map((l) => ({ key: `${l.requested}|${l.address ?? ''}`, typed: l.requested, address: l.address ?? null, port: l.port ?? null, error: l.errorCode ?? null, note: l.message ?? null }))
    : model.listeners.map((l) => ({ key: l.typed, typed: l.typed, address: l.address, port: null, error: l.status === 'listening' ? null : l.status, note: l.note }));
  return (
    <ul className="matrix-listeners" data-testid="matrix-listeners" aria-label="Listening sockets">
      <li className="muted">{!result ? 'Would listen on:' : result.cells.every((c) => isModelled(result, c)) ? 'Listeners (modelled):' : 'Listeners opened:'}</li>
      {items.map((l) => (
        <li key={l.key} className={l.error ? 'listener-chip listener-failed' : 'listener-chip'} data-testid="matrix-listener" data-error={l.error ?? ''} title={l.note ?? undefined}>
          <code>{l.typed === '' ? "''" : l.typed}</code>
          {l.address !== null && l.address !== l.typed && <> → <code>{l.address}</code></>}
          {l.port !== null && <span className="muted">:{l.port}</span>}
          {l.error ? <strong> ✗ {l.error}</strong> : <span className="listener-ok"> ✓</span>}
        </li>
      ))}
    </ul>
  );
}

function Legend() {
  return (
    <ul className="matrix-legend" aria-label="Legend">
      <li>
        <span className="swatch tone-ok" /> connected
      </li>
      <li>
        <span className="swatch tone-refused" /> refused (RST)
      </li>
      <li>
        <span className="swatch tone-unreach" /> unreachable
      </li>
      <li>
        <span className="swatch tone-timeout" /> timed out
      </li>
      <li>
        <span className="swatch swatch-modelled" /> modelled, not run
      </li>
      <li>
        <span className="swatch swatch-disagree" /> real ≠ model
      </li>
    </ul>
  );
}
