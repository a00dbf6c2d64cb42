import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { formatLatency, outcomeMeaning, outcomeText, type CellView } from '../../netlab/matrix-view.ts';
import { GUESSES, guessLabel, guessOf, type Guess } from '../../netlab/predict.ts';

interface Props {
  view: CellView;
  selected: boolean;
  onSelect: () => void;
  onGuess: (guess: Guess | undefined) => void;
}

/** The CSS family of an outcome: ok, refused (RST), unreachable, timeout, none. */
export function outcomeTone(outcome: CellView['outcome']): string {
  if (outcome === null || outcome === 'not-run') return 'none';
  const g = guessOf(outcome);
  return g === 'connects' ? 'ok' : g === 'refused' ? 'refused' : g === 'times-out' ? 'timeout' : 'unreach';
}

/** One cell: the outcome (or the learner's guess), latency and one line of why. */
export function MatrixCellView({ view, selected, onSelect, onGuess }: Props) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const classes = ['matrix-cell', `tone-${outcomeTone(view.outcome)}`, `shows-${view.shows}`];
  if (view.modelled) classes.push('cell-modelled');
  if (view.disagree) classes.push('cell-disagree');
  if (selected) classes.push('cell-selected');
  if (view.verdict) classes.push(`verdict-${view.verdict}`);
  const data = {
    'data-testid': 'matrix-cell',
    'data-client': view.client,
    'data-target': view.target,
    'data-outcome': view.outcome ?? '',
    'data-modelled': String(view.modelled),
    'data-disagree': String(view.disagree),
    ...(view.guess ? { 'data-guess': view.guess } : {}),
    ...(view.verdict ? { 'data-verdict': view.verdict } : {}),
  };

  if (view.shows === 'guess') {
    return (
      <td className={classes.join(' ')} {...data}>
        <div className="guess" role="radiogroup" aria-label={t('lab.yourGuess', { client: view.client, target: view.target })} data-testid="matrix-guess">
          {GUESSES.map((g) => {
            const on = view.guess === g.guess;
            return (
              <button
                key={g.guess}
                type="button"
                role="radio"
                aria-checked={on}
                className={on ? `guess-option guess-on guess-${g.guess}` : 'guess-option'}
                data-testid="matrix-guess-option"
                data-guess={g.guess}
                onClick={() => onGuess(on ? undefined : g.guess)}
              >
                {guessLabel(g.guess, lang)}
              </button>
            );
          })}
        </div>
      </td>
    );
  }

  const latency = view.cell && !view.modelled && view.cell.outcome !== 'not-run' ? formatLatency(view.cell.latencyMs) : null;
  const why = view.model?.why ?? (view.outcome ? outcomeMeaning(view.outcome, lang) : t('lab.noAnswer'));
  return (
    <td className={classes.join(' ')} {...data}>
      <button type="button" className="cell-button" aria-pressed={selected} onClick={onSelect} title={`${view.client} → ${view.target}: ${why}`}>
        <span className="cell-outcome">{view.outcome ? outcomeText(view.outcome, view.cell?.echoed, lang) : '—'}</span>
        <span className="cell-meta">
          {latency && <span className="cell-latency">{latency}</span>}
          {view.modelled && <span className="cell-tag cell-tag-modelled">{t('lab.modelled')}</span>}
          {view.disagree && <span className="cell-tag cell-tag-disagree">{t('lab.notModel')}</span>}
        </span>
        <span className="cell-why">{why}</span>
        {view.verdict === 'wrong' && view.guess && <span className="cell-guess-wrong">{t('lab.youSaid', { guess: guessLabel(view.guess, lang) })}</span>}
        {view.verdict === 'right' && <span className="cell-guess-right">{t('lab.guessRight')}</span>}
        {view.verdict === 'blank' && <span className="cell-guess-blank">{t('lab.noGuess')}</span>}
      </button>
    </td>
  );
}
