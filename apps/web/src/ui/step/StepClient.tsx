import { DEFAULTS, type StepperInfo, type WireError } from '@socket-playground/protocol';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { useState, type FormEvent } from 'react';
import { formatEndpoint, formatHostPort } from '../../format/address.ts';
import { parseBufsizeField, parsePortField } from '../../format/form-fields.ts';
import { clientStatus, stepButton, type StepFacts } from '../../step/step-text.ts';
import { useConnection, useStore, useView } from '../hooks.ts';
import { ClientKernelLine } from './KernelView.tsx';
import { useStepperActions } from './step-actions.ts';
import { HostPortFields } from '../HostPortFields.tsx';

const SOURCE = 'Stepped client';

/**
 * "Add a stepped client": host and port follow the stepped server until the learner types
 * their own; the message and bufsize are the notes' defaults.
 */
export function StepClientForm({ server }: { server: StepperInfo | undefined }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const view = useView();
  const [host, setHost] = useState<string | null>(null);
  const [port, setPort] = useState<string | null>(null);
  const [message, setMessage] = useState<string>(DEFAULTS.message);
  const [bufsize, setBufsize] = useState(String(DEFAULTS.recvBufsize));
  const [busy, setBusy] = useState(false);
  const serverHost = server?.listening?.address ?? server?.target.host ?? DEFAULTS.host;
  const serverPort = String(server?.listening?.port ?? server?.target.port ?? DEFAULTS.port);
  const shownHost = host ?? (serverHost === '0.0.0.0' ? '127.0.0.1' : serverHost === '::' ? '::1' : serverHost);
  const shownPort = port ?? serverPort;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const fields = [parsePortField(shownPort), parseBufsizeField(bufsize)] as const;
    const bad = fields.find((f): f is { ok: false; error: WireError } => !f.ok);
    if (bad) return void connection.notices.push(bad.error, SOURCE);
    const [p, s] = fields.map((f) => (f.ok ? f.value : 0)) as [number, number];
    setBusy(true);
    const reply = await connection.command({ type: 'stepper.start', program: 'echo-client', host: shownHost, port: p, message, bufsize: s }, SOURCE);
    setBusy(false);
    if (reply.ok && reply.result.kind === 'stepper') {
      view.rememberMessage(reply.result.stepperId, message);
      view.focusStepper(reply.result.stepperId);
    }
  };

  return (
    <form className="form step-form" onSubmit={(e) => void create(e)}>
      <div className="field-row field-row-step-client">
        <HostPortFields host={shownHost} port={shownPort} onHost={setHost} onPort={setPort} testId="step-client" />
        <label className="field">
          <span className="field-label">bufsize</span>
          <input className="mono" data-testid="step-client-bufsize" inputMode="numeric" value={bufsize} autoComplete="off" onChange={(e) => setBufsize(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span className="field-label">{t('shell.step.message')}</span>
        <input className="mono" data-testid="step-client-message" value={message} spellCheck={false} autoComplete="off" onChange={(e) => setMessage(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" className="button" data-testid="step-client-create" disabled={busy}>
          {busy ? t('shell.step.adding') : t('shell.step.addClient')}
        </button>
      </div>
    </form>
  );
}

/** One stepped client: its own next call, run and reset, and what it is doing. */
export function StepClient({ info, facts }: { info: StepperInfo; facts: StepFacts }) {
  const view = useView();
  const { stepMessages } = useStore(view.state);
  const actions = useStepperActions(info, SOURCE);
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const button = stepButton(info, stepMessages[info.stepperId], lang);
  const blocked = info.blockedIn !== null;
  const done = info.finished || info.next === null;
  const from = info.connection ? formatEndpoint(info.connection.local) : null;
  return (
    <li className={`stepper stepper-client${blocked ? ' stepper-blocked' : ''}${done ? ' stepper-done' : ''}`} data-testid="step-client" data-stepper={info.stepperId}>
      <div className="stepper-head">
        <strong>{t('shell.step.client', { id: info.stepperId })}</strong>
        <span className="mono">
          {from ? `${from} → ` : '→ '}
          {formatHostPort(info.target.host, info.target.port)}
        </span>
      </div>
      <div className="step-client-main">
        <button
          type="button"
          className={`step-next step-next-small${blocked ? ' step-next-blocked' : ''}`}
          data-testid="step-client-next"
          disabled={done || blocked || actions.stepping}
          onClick={actions.step}
          title={button.note ?? t('shell.step.makeCall')}
        >
          <span className="step-next-call mono">{blocked ? `${info.blockedIn}() …` : button.label}</span>
        </button>
        <button type="button" className="button button-small" data-testid="step-client-run" disabled={done} aria-pressed={info.running} onClick={actions.toggleRun}>
          {info.running ? t('shell.step.pause') : t('shell.step.run')}
        </button>
        <button type="button" className="button button-small" data-testid="step-client-reset" onClick={actions.reset}>
          {t('shell.step.reset')}
        </button>
      </div>
      <p className="step-status" data-testid="step-client-status" aria-live="polite">
        {clientStatus(info, facts, lang)}
      </p>
      <ClientKernelLine info={info} />
    </li>
  );
}
