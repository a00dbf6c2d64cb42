import type { DemoName } from '@socket-playground/protocol';
import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { explain } from '../../bridge/page-errors.ts';
import { currentLang } from '../../i18n/i18n.ts';
import { sendSizes } from '../../demos/demo-params.ts';
import { codePieces, initialTexts, type DemoField, type DemoPreset } from '../../demos/demo-presets.ts';
import type { DemoCardState, DemoSession } from '../../demos/demo-session.ts';
import { msText, pyList } from '../../demos/demo-sentences.ts';
import { useNow } from '../hooks.ts';
import { DemoResult } from './DemoResult.tsx';

/** Words with `code` in them, as the presets write them. */
export function Words({ text }: { text: string }) {
  return (
    <>
      {codePieces(text).map((p, i) => (p.code ? <code key={i}>{p.text}</code> : <span key={i}>{p.text}</span>))}
    </>
  );
}

interface FieldProps {
  name: DemoName;
  field: DemoField;
  text: string;
  problem: string | undefined;
  disabled: boolean;
  onChange: (text: string) => void;
}

function Field({ name, field, text, problem, disabled, onChange }: FieldProps) {
  const { t } = useTranslation();
  const hint = field.kind === 'sends' ? t('demos.sizes', { help: field.help, sizes: pyList(sendSizes(text)) }) : field.help;
  const id = `demo-${name}-${field.key}`;
  return (
    <label className={field.kind === 'sends' ? 'field demo-field demo-field-wide' : 'field demo-field'} htmlFor={id}>
      <span className="field-label">
        {field.label}
        {field.kind === 'number' && field.unit && <span className="field-count">{field.unit}</span>}
      </span>
      <input
        id={id}
        className="mono"
        data-testid={`demo-param-${field.key}`}
        inputMode={field.kind === 'number' ? 'numeric' : 'text'}
        value={text}
        spellCheck={false}
        autoComplete="off"
        disabled={disabled}
        aria-invalid={problem !== undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="demo-field-hint" id={`${id}-hint`}>
        {hint}
      </span>
    </label>
  );
}

function Busy({ startedAt }: { startedAt: number }) {
  const { t } = useTranslation();
  const now = useNow(true, 100);
  return (
    <p className="demo-busy" data-testid="demo-busy" role="status">
      <span className="status-dot" aria-hidden="true" />
      {t('demos.busy', { time: msText(Math.max(0, now - startedAt)) })}
    </p>
  );
}

function Failure({ card }: { card: DemoCardState }) {
  const { t, i18n } = useTranslation();
  if (!card.error) return null;
  const explained = explain(card.error, currentLang(i18n));
  // The lab's own demonstration errors carry their reason in the message; other codes say it all in words.
  const detail = card.error.code.startsWith('DEMO_') && card.error.message ? card.error.message : null;
  return (
    <div className="demo-error" data-testid="demo-error" data-code={card.error.code} role="alert">
      <strong>{explained.title}</strong>
      <p>{explained.why}</p>
      {detail && <p className="demo-error-detail">{t('demos.bridgeSaid', { detail })}</p>}
    </div>
  );
}

interface Props {
  preset: DemoPreset;
  card: DemoCardState;
  session: DemoSession;
  /** Another demonstration is running: this one waits. */
  othersBusy: boolean;
}

/** One demonstration: what it shows and why, its parameters, Run, and what was measured. */
export function DemoCard({ preset, card, session, othersBusy }: Props) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  // Problems on show are said again in the new language.
  useEffect(() => session.relocalize(preset.name, lang), [session, preset.name, lang]);
  const running = card.status === 'running';
  const problems = Object.values(card.problems);
  const changed = preset.fields.some((f) => card.texts[f.key] !== initialTexts(preset)[f.key]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void session.run(preset.name, lang);
  };
  return (
    <article className="demo-card" data-testid="demo-card" data-demo={preset.name} data-status={card.status} aria-labelledby={`demo-${preset.name}-title`}>
      <header className="demo-card-head">
        <h3 id={`demo-${preset.name}-title`}>{preset.title}</h3>
        <span className="pill demo-tag">{preset.tag}</span>
      </header>
      <div className="demo-body">
        <div className="demo-words">
          <p className="demo-lead">
            <Words text={preset.lead} />
          </p>
          {preset.why.map((w) => (
            <p key={w} className="demo-why">
              <Words text={w} />
            </p>
          ))}
        </div>
        <form className="demo-form" onSubmit={submit} noValidate>
          <div className="demo-fields">
            {preset.fields.map((f) => (
              <Field
                key={f.key}
                name={preset.name}
                field={f}
                text={card.texts[f.key] ?? ''}
                problem={card.problems[f.key]}
                disabled={running}
                onChange={(text) => session.setText(preset.name, f.key, text)}
              />
            ))}
          </div>
          {problems.length > 0 && (
            <ul className="demo-problems" data-testid="demo-problem" role="alert">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <div className="demo-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="demo-run"
              data-demo={preset.name}
              disabled={running || othersBusy}
              title={othersBusy ? t('demos.oneAtATime') : undefined}
            >
              {running ? t('demos.running') : card.summary ? t('demos.runAgain') : t('demos.run')}
            </button>
            {changed && !running && (
              <button type="button" className="link-button demo-reset" onClick={() => session.reset(preset.name)}>
                {t('demos.reset')}
              </button>
            )}
            {othersBusy && <span className="muted demo-wait">{t('demos.othersBusy')}</span>}
          </div>
        </form>
      </div>
      {running && card.startedAt !== null && <Busy startedAt={card.startedAt} />}
      <Failure card={card} />
      {card.summary && <DemoResult summary={card.summary} bridgeId={card.bridgeId} />}
    </article>
  );
}
