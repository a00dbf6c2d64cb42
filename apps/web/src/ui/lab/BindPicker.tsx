import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { localBindOption } from '../../netlab/lab-topology.ts';
import { useConnection, useStore } from '../hooks.ts';
import { useLab } from './lab-context.ts';

/**
 * Where the server on pc1 binds: a segmented radio group (arrow keys move, as in a native
 * radio group), the port, Run, and "Predict first". A new bind re-runs at once when the lab is up.
 */
export function BindPicker() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const lab = useLab();
  const connection = useConnection();
  const view = useStore(lab.state);
  useStore(connection.session);
  const options = lab.options();
  const current = lab.option();
  const up = lab.isUp();
  const portOk = lab.port() !== null;
  const group = useRef<HTMLDivElement>(null);

  const onKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = options[(index + step + options.length) % options.length]!;
    lab.setBind(next.key);
    group.current?.querySelector<HTMLButtonElement>(`[data-bind="${CSS.escape(next.key)}"]`)?.focus();
  };

  return (
    <div className="bind-picker">
      <div className="bind-head">
        <span className="field-label" id="bind-label">
          {t('lab.bindOn', { host: lab.topology().hosts[0]?.name ?? 'pc1' })}
        </span>
        <span className="bind-hint">{localBindOption(current, lang).hint}</span>
      </div>
      <div className="bind-choice" role="radiogroup" aria-labelledby="bind-label" data-testid="bind-choice" ref={group}>
        {options.map((o, i) => {
          const on = o.key === current.key;
          const words = localBindOption(o, lang);
          return (
            <button
              key={o.key}
              type="button"
              role="radio"
              aria-checked={on}
              tabIndex={on ? 0 : -1}
              className={on ? 'bind-option bind-option-on' : 'bind-option'}
              data-testid="bind-option"
              data-bind={o.key}
              title={words.hint}
              onClick={() => lab.setBind(o.key)}
              onKeyDown={(e) => onKey(e, i)}
            >
              {words.label}
            </button>
          );
        })}
      </div>
      <div className="bind-run">
        <label className="field bind-port">
          <span className="field-label">{t('lab.port')}</span>
          <input
            className="mono"
            data-testid="bind-port"
            inputMode="numeric"
            aria-invalid={!portOk}
            value={view.portText}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => lab.setPortText(e.target.value)}
            onBlur={() => lab.commitPort()}
            onKeyDown={(e) => e.key === 'Enter' && lab.commitPort()}
          />
        </label>
        <button
          type="button"
          className="button button-primary"
          data-testid="matrix-run"
          disabled={!up || view.running || !portOk}
          title={up ? undefined : t('lab.startFirst')}
          onClick={() => void lab.run()}
        >
          {view.running ? t('lab.running') : view.predicting ? t('lab.runScore') : t('lab.run')}
        </button>
        <label className="checkbox predict-toggle">
          <input type="checkbox" data-testid="predict-toggle" checked={view.predicting} onChange={(e) => lab.setPredicting(e.target.checked)} />
          <span>{t('lab.predictFirst')}</span>
        </label>
        <p className="help bind-port-help">
          {portOk ? t('lab.portHelp') : t('lab.portBad')}
        </p>
      </div>
    </div>
  );
}
