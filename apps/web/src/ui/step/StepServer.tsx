import { DEFAULTS, type StepperInfo, type WireError } from '@socket-playground/protocol';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { useState, type FormEvent } from 'react';
import { formatEndpoint, formatHostPort, isLoopbackHost } from '../../format/address.ts';
import { parseBacklogField, parseBufsizeField, parsePortField } from '../../format/form-fields.ts';
import { serverStatus, stepButton, type StepFacts } from '../../step/step-text.ts';
import { useConnection, useView } from '../hooks.ts';
import { KernelView } from './KernelView.tsx';
import { useStepperActions } from './step-actions.ts';

const SOURCE = 'Step mode';

/** Where the learner sets up the blocking echo server; nothing touches the network yet. */
export function StepServerForm() {
  const { t } = useTranslation();
  const connection = useConnection();
  const view = useView();
  const [host, setHost] = useState<string>(DEFAULTS.host);
  const [port, setPort] = useState(String(DEFAULTS.port));
  const [backlog, setBacklog] = useState('1');
  const [bufsize, setBufsize] = useState(String(DEFAULTS.recvBufsize));
  const [expose, setExpose] = useState(false);
  const [busy, setBusy] = useState(false);
  const exposed = !isLoopbackHost(host);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const fields = [parsePortField(port), parseBacklogField(backlog), parseBufsizeField(bufsize)] as const;
    const bad = fields.find((f): f is { ok: false; error: WireError } => !f.ok);
    if (bad) return void connection.notices.push(bad.error, SOURCE);
    const [p, b, s] = fields.map((f) => (f.ok ? f.value : 0)) as [number, number, number];
    setBusy(true);
    const reply = await connection.command(
      { type: 'stepper.start', program: 'blocking-echo-server', host, port: p, backlog: b, bufsize: s, exposeConfirmed: exposed && expose },
      SOURCE,
    );
    setBusy(false);
    if (reply.ok && reply.result.kind === 'stepper') view.focusStepper(reply.result.stepperId);
  };

  return (
    <form className="form step-form" onSubmit={(e) => void create(e)}>
      <div className="field-row field-row-step">
        <label className="field">
          <span className="field-label">{t('shell.step.host')}</span>
          <input className="mono" data-testid="step-server-host" value={host} maxLength={253} spellCheck={false} autoComplete="off" onChange={(e) => setHost(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('shell.step.port')}</span>
          <input className="mono" data-testid="step-server-port" inputMode="numeric" value={port} autoComplete="off" onChange={(e) => setPort(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('shell.step.backlog')}</span>
          <input className="mono" data-testid="step-server-backlog" inputMode="numeric" value={backlog} autoComplete="off" onChange={(e) => setBacklog(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">bufsize</span>
          <input className="mono" data-testid="step-server-bufsize" inputMode="numeric" value={bufsize} autoComplete="off" onChange={(e) => setBufsize(e.target.value)} />
        </label>
      </div>
      {exposed && (
        <label className="checkbox expose">
          <input type="checkbox" data-testid="step-server-expose" checked={expose} onChange={(e) => setExpose(e.target.checked)} />
          <span>{t('shell.step.expose')}</span>
        </label>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" data-testid="step-server-create" disabled={busy}>
          {busy ? t('shell.step.creating') : t('shell.step.create')}
        </button>
        <span className="help">{t('shell.step.backlogHelp')}</span>
      </div>
    </form>
  );
}

/** One stepped server: the next call as a big button, where it stands, and its kernel's queues. */
export function StepServer({ info, facts }: { info: StepperInfo; facts: StepFacts }) {
  const actions = useStepperActions(info, SOURCE);
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const button = stepButton(info, undefined, lang);
  const blocked = info.blockedIn !== null;
  const done = info.finished || info.next === null;
  const where = info.listening ? formatEndpoint(info.listening) : formatHostPort(info.target.host, info.target.port);
  return (
    <div className={`stepper${blocked ? ' stepper-blocked' : ''}`} data-testid="step-server" data-stepper={info.stepperId}>
      <div className="stepper-head">
        <strong>{t('shell.step.server', { id: info.stepperId })}</strong>
        <span className="mono">{where}</span>
        {info.backlog !== undefined && <span className="muted">{t('shell.step.backlogN', { n: info.backlog })}</span>}
      </div>
      <button
        type="button"
        className={`step-next${blocked ? ' step-next-blocked' : ''}`}
        data-testid="step-server-next"
        disabled={done || blocked || actions.stepping}
        onClick={actions.step}
        title={blocked ? t('shell.step.blockedTitle') : t('shell.step.makeCall')}
      >
        <span className="step-next-call mono">{blocked ? `${info.blockedIn}() …` : button.label}</span>
        <span className="step-next-note">{blocked ? t('shell.step.blockedNote') : (button.note ?? (done ? t('shell.step.ended') : t('shell.step.nextNote')))}</span>
      </button>
      <div className="step-controls">
        <button type="button" className="button button-small" data-testid="step-server-run" disabled={done} aria-pressed={info.running} onClick={actions.toggleRun}>
          {info.running ? t('shell.step.pause') : t('shell.step.run')}
        </button>
        <label className="inline-field">
          <span>bufsize</span>
          <input className="mono" data-testid="step-bufsize" inputMode="numeric" value={actions.bufsizeText} onChange={(e) => actions.setBufsizeText(e.target.value)} aria-label={t('shell.step.bufsizeLabel')} />
        </label>
        <button type="button" className="button button-small" data-testid="step-server-reset" onClick={actions.reset} title={t('shell.step.resetTitle')}>
          {t('shell.step.reset')}
        </button>
      </div>
      <p className="step-status" data-testid="step-server-status" aria-live="polite">
        {serverStatus(info, facts, lang)}
      </p>
      <KernelView info={info} />
    </div>
  );
}
