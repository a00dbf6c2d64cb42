import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import type { MatrixResult, Topology } from '@socket-playground/protocol';
import { useState } from 'react';
import { clientHosts, describeBind, matrixTargets, targetCaption } from '../../netlab/lab-topology.ts';
import { isModelled, matrixSummary, matrixView } from '../../netlab/matrix-view.ts';
import type { BindModel } from '../../netlab/model.ts';
import { guessCount, scoreGuesses, scoreText } from '../../netlab/predict.ts';
import { listenerNoteZh } from '../../netlab/reach-words-zh.ts';
import { listenerChips } from '../../netlab/listener-chips.ts';
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
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
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
        <h3 id="matrix-title">{t('lab.matrixTitle')}</h3>
        <span className="muted" data-testid="matrix-caption">
          {caption(t, result, summary, state.predicting && !state.scored, state.running)}
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
                {scoreText(scoreGuesses(state.guesses, result.cells), lang)}
              </strong>
              <span className="muted">{t('lab.wrongMarked')}</span>
              <button type="button" className="button button-small" onClick={() => lab.clearGuesses()}>
                {t('lab.guessAgain')}
              </button>
            </>
          ) : (
            <span>
              <strong>{t('lab.predictLead')}</strong> {t('lab.predictAsk')}{' '}
              <span className="muted">{t('lab.guessed', { n: guessCount(state.guesses, keys), total: keys.length })}</span>
            </span>
          )}
        </div>
      )}
      <div className="matrix-scroll">
        <table className="matrix" data-testid="matrix" data-mode={result?.mode ?? 'model'}>
          <thead>
            <tr>
              <th className="matrix-corner" scope="col">
                <span>{t('lab.corner1')}</span>
                <span>{t('lab.corner2')}</span>
              </th>
              {targets.map((target) => (
                <th key={target} scope="col" className="matrix-target">
                  <code>{target}</code>
                  <small>{targetCaption(topology, target, lang)}</small>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={clients[i]}>
                <th scope="row" className="matrix-client">
                  {clients[i]}
                  <small>{topology.hosts.find((h) => h.name === clients[i])?.label ?? (i === 0 ? t('lab.serverHost') : t('lab.otherHost'))}</small>
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

function caption(t: TFunction, result: MatrixResult | null, s: ReturnType<typeof matrixSummary>, guessing: boolean, running: boolean): string {
  if (running) return t('lab.capRunning');
  if (guessing) return t('lab.capGuessing');
  if (!result) return t('lab.capModel');
  const real = result.mode === 'namespaces' ? t('lab.capReal') : t('lab.capSingle', { n: s.modelled });
  const dis = s.disagree > 0 ? t('lab.capDisagree', { n: s.disagree }) : '';
  return t('lab.capLine', { bind: describeBind(result.bind), connected: s.connected, total: s.total, real, ms: Math.round(result.durationMs), dis });
}

/** The listening sockets the run opened (or could not), or the model's plan before a run. */
function Listeners({ result, model }: { result: MatrixResult | null; model: BindModel }) {
  const { t, i18n } = useTranslation();
  const zh = currentLang(i18n) === 'zh';
  const matrix = model.matrix;
  const items = listenerChips(result, model.listeners, (l) => (zh && matrix ? listenerNoteZh(l, matrix.serverHost, matrix.localhost) : l.note));
  return (
    <ul className="matrix-listeners" data-testid="matrix-listeners" aria-label={t('lab.listening')}>
      <li className="muted">{!result ? t('lab.wouldListen') : result.cells.every((c) => isModelled(result, c)) ? t('lab.listenersModelled') : t('lab.listenersOpened')}</li>
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
  const { t } = useTranslation();
  return (
    <ul className="matrix-legend" aria-label={t('lab.legend')}>
      <li>
        <span className="swatch tone-ok" /> {t('lab.legConnected')}
      </li>
      <li>
        <span className="swatch tone-refused" /> {t('lab.legRefused')}
      </li>
      <li>
        <span className="swatch tone-unreach" /> {t('lab.legUnreach')}
      </li>
      <li>
        <span className="swatch tone-timeout" /> {t('lab.legTimeout')}
      </li>
      <li>
        <span className="swatch swatch-modelled" /> {t('lab.legModelled')}
      </li>
      <li>
        <span className="swatch swatch-disagree" /> {t('lab.legDisagree')}
      </li>
    </ul>
  );
}
