import { disagreementNote } from '../../netlab/cell-why.ts';
import { Trans, useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { formatLatency, outcomeMeaning, outcomeText, type CellView } from '../../netlab/matrix-view.ts';
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
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { cell, model } = view;
  const rule = model ? ruleLine(model.rule, lang) : null;
  return (
    <div className="cell-details" data-testid="cell-details" data-client={view.client} data-target={view.target}>
      <div className="cell-details-head">
        <h4>
          {view.client} → <code>{formatHostPort(view.target, port)}</code>
        </h4>
        <button type="button" className="dismiss" aria-label={t('lab.close')} onClick={onClose}>
          ×
        </button>
      </div>
      {cell && !view.modelled ? (
        <p>
          <strong className={`tone-text tone-text-${view.outcome === 'connected' ? 'ok' : 'bad'}`}>{outcomeText(cell.outcome, cell.echoed, lang)}</strong>
          {t('lab.forReal')}
          {formatLatency(cell.latencyMs)}
          {cell.local && cell.remote && (
            <>
              {t('lab.kernelChose')}
              <code>{cell.local}</code> → <code>{cell.remote}</code>
            </>
          )}
          {cell.message && <span className="muted"> · {cell.message}</span>}
          {accepted && (
            <>
              {t('lab.onSide', { side: view.client === 'pc1' ? t('lab.serverSide') : 'pc1' })}
              <code>{formatEndpoint(accepted.remote)}</code>
              {t('lab.to')}
              <code>{formatEndpoint(accepted.local)}</code>
              {accepted.remote.address.startsWith('::ffff:') && t('lab.mapped')}
            </>
          )}
        </p>
      ) : (
        <p>
          <span className="cell-tag cell-tag-modelled">{t('lab.modelled')}</span>
          {t('lab.notRun')}
          {view.outcome ? t('lab.predicts', { outcome: outcomeText(view.outcome, undefined, lang) }) : t('lab.noPrediction')}
          {view.outcome && (lang === 'zh' ? `（${outcomeMeaning(view.outcome, lang)}）` : ` (${outcomeMeaning(view.outcome, lang)})`)}
          {lang === 'zh' ? '。' : '.'}
        </p>
      )}
      {model && (
        <div className="cell-model">
          <p>
            <span className="muted">{t('lab.model')}</span> <strong>{outcomeText(model.outcome, undefined, lang)}</strong>
            {t('lab.byRule')}
            <code>{model.rule}</code>
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
          <strong>{t('lab.realNotModel')}</strong>
          {t('lab.socketsSaid', { real: view.outcome, model: model.outcome })}
          {disagreementNote(model.outcome, view.outcome, lang)}
        </p>
      )}
      {view.verdict === 'wrong' && view.guess && (
        <p className="cell-guess-note">
          <Trans i18nKey="lab.youGuessed" values={{ guess: guessLabel(view.guess, lang) }} components={{ strong: <strong /> }} />
        </p>
      )}
    </div>
  );
}
