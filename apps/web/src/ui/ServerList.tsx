import type { ServerInfo } from '@socket-playground/protocol';
import { sameJson } from '../bridge/store.ts';
import { memo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatEndpoint, ncCommand } from '../format/address.ts';
import { useConnection, useStoreSelect } from './hooks.ts';
import { shownServers, type ShownConnection } from './shown-servers.ts';

/** Where the server asked to listen, when that differs from where it listens. */
function requestedNote(server: ServerInfo, t: TFunction): string | null {
  const { requested, listening } = server;
  const parts: string[] = [];
  if (requested.host !== listening.address) parts.push(t('shell.serverRow.askedHost', { host: requested.host === '' ? t('shell.serverRow.anyAddress') : requested.host }));
  if (requested.port === 0) parts.push(t('shell.serverRow.kernelChose', { port: listening.port }));
  else if (requested.port !== listening.port) parts.push(t('shell.serverRow.askedPort', { port: requested.port }));
  return parts.length > 0 ? parts.join(' · ') : null;
}

const ServerRow = memo(function ServerRow({ server, connections, showHost }: { server: ServerInfo; connections: readonly ShownConnection[]; showHost: boolean }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const [stopping, setStopping] = useState(false);
  const note = requestedNote(server, t);
  const stop = async () => {
    setStopping(true);
    await connection.command({ type: 'server.stop', serverId: server.serverId, labHost: server.labHost }, 'Stop server');
    setStopping(false);
  };
  const count = server.connections;
  return (
    <li className="server-row" data-testid="server-row">
      <div className="server-main">
        <div className="server-title">
          <span className="mono server-address">{formatEndpoint(server.listening)}</span>
          {server.kind === 'app' && (
            <span className="pill" data-testid="server-kind-app">
              {t('shell.serverRow.appKind')}
            </span>
          )}
          {server.exposed && <span className="pill pill-warn">{t('shell.serverRow.exposed')}</span>}
        </div>
        <button type="button" className="button button-small" data-testid="server-stop" onClick={() => void stop()} disabled={stopping}>
          {stopping ? t('servers.stopping') : t('servers.stop')}
        </button>
      </div>
      <div className="server-meta">
        {showHost && <span>{t('shell.serverRow.host', { host: server.labHost })}</span>}
        <span>
          {server.serverId} · {t('shell.serverRow.socket', { id: server.socketId })}
        </span>
        <span>{t('shell.serverRow.backlog', { n: server.requested.backlog })}</span>
        <span>{t('shell.serverRow.connections', { count })}</span>
        {note && <span>{note}</span>}
      </div>
      {connections.length > 0 && (
        <ul className="server-connections mono">
          {connections.map((c) => (
            <li key={c.socketId}>
              {c.socketId}: {formatEndpoint(c.local)} ← {formatEndpoint(c.remote)}
            </li>
          ))}
        </ul>
      )}
      <div className="server-hint">
        {t('shell.serverRow.tryIt')} <code className="mono">{ncCommand(server.listening)}</code>
      </div>
    </li>
  );
});

/** The servers the lab runs now, from the bridge's state snapshot. */
export function ServerList() {
  const { t } = useTranslation();
  const connection = useConnection();
  // The lab state comes as new objects with every update (byte counts change many times a
  // second in a busy lab): the list re-renders only when what it shows changes.
  const { servers, showHost } = useStoreSelect(connection.session, shownServers, sameJson);
  return (
    <section className="card" aria-labelledby="servers-title">
      <h2 id="servers-title">{t('servers.title')}</h2>
      {servers.length === 0 ? (
        <p className="empty">{t('servers.empty')}</p>
      ) : (
        <ul className="server-list">
          {servers.map(({ server, connections }) => (
            <ServerRow key={`${server.labHost}/${server.serverId}`} server={server} connections={connections} showHost={showHost} />
          ))}
        </ul>
      )}
      <p className="help">{t('servers.help')}</p>
    </section>
  );
}
