import { DEFAULTS, type ServerInfo } from '@socket-playground/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { explain } from '../../bridge/page-errors.ts';
import { formatEndpoint } from '../../format/address.ts';
import { parsePortField } from '../../format/form-fields.ts';
import { currentLang } from '../../i18n/i18n.ts';
import { useConnection } from '../hooks.ts';
import { HostPortFields } from '../HostPortFields.tsx';

const SOURCE = 'Application server';

/** Start (and stop) the lab's application server: libserver.py's protocol on a real socket. */
export function AppServerPanel({ servers }: { servers: readonly ServerInfo[] }) {
  const { t, i18n } = useTranslation();
  const connection = useConnection();
  const [host, setHost] = useState<string>(DEFAULTS.host);
  const [port, setPort] = useState(String(DEFAULTS.port));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Parameters<typeof explain>[0] | null>(null);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    const portField = parsePortField(port);
    if (!portField.ok) {
      connection.notices.push(portField.error, SOURCE);
      return setFailure(portField.error);
    }
    setBusy(true);
    setFailure(null);
    const reply = await connection.command({ type: 'server.start', host, port: portField.value, backlog: DEFAULTS.backlog, kind: 'app' }, SOURCE);
    setBusy(false);
    if (!reply.ok) setFailure(reply.error);
  };
  const stop = (server: ServerInfo) => void connection.command({ type: 'server.stop', serverId: server.serverId, labHost: server.labHost }, SOURCE);

  return (
    <section className="card app-card" aria-labelledby="app-server-title">
      <h3 id="app-server-title">{t('proto.server.title')}</h3>
      <p className="card-lead">{t('proto.server.lead')}</p>
      <form className="form" onSubmit={(e) => void start(e)}>
        <div className="field-row field-row-client">
          <HostPortFields host={host} port={port} onHost={setHost} onPort={setPort} testId="app-server" />
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary" data-testid="app-server-start" disabled={busy}>
            {busy ? t('proto.server.starting') : t('proto.server.start')}
          </button>
          {failure && (
            <span className="outcome outcome-bad" role="status" data-testid="app-server-error">
              {explain(failure, currentLang(i18n)).title}
            </span>
          )}
        </div>
      </form>
      {servers.length === 0 ? (
        <p className="muted">{t('proto.server.none')}</p>
      ) : (
        <ul className="app-servers">
          {servers.map((s) => (
            <li key={`${s.labHost}/${s.serverId}`} className="app-server" data-testid="app-server" data-port={s.listening.port}>
              <span className="app-dot" aria-hidden="true" />
              <span>{t('proto.server.running', { endpoint: formatEndpoint(s.listening) })}</span>
              <span className="muted">{s.serverId}</span>
              <button type="button" className="button button-small" onClick={() => stop(s)}>
                {t('proto.server.stop')}
              </button>
              <code className="app-python">{t('proto.server.python', { host: s.listening.address, port: s.listening.port })}</code>
            </li>
          ))}
        </ul>
      )}
      <p className="help">{t('proto.server.reuse')}</p>
    </section>
  );
}
