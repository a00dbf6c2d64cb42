import { DEFAULTS, type WireError } from '@socket-playground/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { explain } from '../bridge/page-errors.ts';
import { currentLang } from '../i18n/i18n.ts';
import { isLoopbackHost } from '../format/address.ts';
import { parseBacklogField, parsePortField } from '../format/form-fields.ts';
import { formatEndpoint } from '../format/address.ts';
import { useConnection } from './hooks.ts';

const SOURCE = 'Start server';

type Outcome = { ok: true; text: string } | { ok: false; error: WireError } | null;

/** The explanation lives in the Errors card, further down the column. */
function showErrors() {
  document.getElementById('errors-title')?.closest('section')?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

/** The echo server form: where the learner chooses what bind() and listen() get. */
export function ServerCard() {
  const { t, i18n } = useTranslation();
  const connection = useConnection();
  const [host, setHost] = useState<string>(DEFAULTS.host);
  const [port, setPort] = useState(String(DEFAULTS.port));
  const [backlog, setBacklog] = useState(String(DEFAULTS.backlog));
  const [expose, setExpose] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const exposed = !isLoopbackHost(host);

  const refuse = (error: WireError) => {
    connection.notices.push(error, SOURCE);
    setOutcome({ ok: false, error });
  };

  const start = async (e: FormEvent) => {
    e.preventDefault();
    const portField = parsePortField(port);
    if (!portField.ok) return refuse(portField.error);
    const backlogField = parseBacklogField(backlog);
    if (!backlogField.ok) return refuse(backlogField.error);
    setBusy(true);
    setOutcome(null);
    const reply = await connection.command(
      { type: 'server.start', host, port: portField.value, backlog: backlogField.value, exposeConfirmed: exposed && expose },
      SOURCE,
    );
    setBusy(false);
    if (!reply.ok) setOutcome({ ok: false, error: reply.error });
    else if (reply.result.kind === 'server.started') setOutcome({ ok: true, text: t('server.listeningOn', { endpoint: formatEndpoint(reply.result.listening) }) });
  };

  return (
    <section className="card" aria-labelledby="server-card-title">
      <h2 id="server-card-title">{t('server.title')}</h2>
      <p className="card-lead">{t('server.lead')}</p>
      <form onSubmit={(e) => void start(e)} className="form">
        <div className="field-row field-row-server">
          <label className="field">
            <span className="field-label">{t('server.host')}</span>
            <input className="mono" data-testid="server-host" list="server-host-options" value={host} maxLength={253} spellCheck={false} autoComplete="off" onChange={(e) => setHost(e.target.value)} />
            <datalist id="server-host-options">
              <option value="127.0.0.1">{t('server.optLoopback4')}</option>
              <option value="localhost">{t('server.optLocalhost')}</option>
              <option value="::1">{t('server.optLoopback6')}</option>
              <option value="0.0.0.0">{t('server.optAny4')}</option>
              <option value="::">{t('server.optAny6')}</option>
            </datalist>
          </label>
          <label className="field">
            <span className="field-label">{t('server.port')}</span>
            <input className="mono" data-testid="server-port" inputMode="numeric" value={port} spellCheck={false} autoComplete="off" onChange={(e) => setPort(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('server.backlog')}</span>
            <input className="mono" data-testid="server-backlog" inputMode="numeric" value={backlog} spellCheck={false} autoComplete="off" onChange={(e) => setBacklog(e.target.value)} />
          </label>
        </div>
        <p className="help">{t('server.help')}</p>
        {exposed && (
          <div className="expose">
            <label className="checkbox">
              <input type="checkbox" data-testid="server-expose" checked={expose} onChange={(e) => setExpose(e.target.checked)} />
              <span>{t('server.expose')}</span>
            </label>
            <p className="expose-warning">
              {host.trim() === '' ? t('server.emptyHost') : <code>{host}</code>} {t('server.exposeWarning')}
            </p>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" data-testid="server-start" disabled={busy}>
            {busy ? t('server.starting') : t('server.start')}
          </button>
          {outcome && (
            <span className={outcome.ok ? 'outcome outcome-ok' : 'outcome outcome-bad'} role="status">
              {outcome.ok ? outcome.text : explain(outcome.error, currentLang(i18n)).title}
              {!outcome.ok && (
                <>
                  {' '}
                  <button type="button" className="link-button outcome-why" onClick={showErrors}>
                    {t('server.why')}
                  </button>
                </>
              )}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
