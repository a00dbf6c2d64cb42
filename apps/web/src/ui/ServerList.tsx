import type { ConnectionInfo, ServerInfo } from '@socket-playground/protocol';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEndpoint, ncCommand } from '../format/address.ts';
import { useConnection, useStore } from './hooks.ts';

/** Where the server asked to listen, when that differs from where it listens. */
function requestedNote(server: ServerInfo): string | null {
  const { requested, listening } = server;
  const parts: string[] = [];
  if (requested.host !== listening.address) parts.push(`asked for ${requested.host === '' ? "'' (any address)" : requested.host}`);
  if (requested.port === 0) parts.push(`port 0: kernel chose ${listening.port}`);
  else if (requested.port !== listening.port) parts.push(`asked for port ${requested.port}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

const ServerRow = memo(function ServerRow({ server, connections, showHost }: { server: ServerInfo; connections: readonly ConnectionInfo[]; showHost: boolean }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const [stopping, setStopping] = useState(false);
  const note = requestedNote(server);
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
          {server.exposed && <span className="pill pill-warn">reachable from your network</span>}
        </div>
        <button type="button" className="button button-small" data-testid="server-stop" onClick={() => void stop()} disabled={stopping}>
          {stopping ? t('servers.stopping') : t('servers.stop')}
        </button>
      </div>
      <div className="server-meta">
        {showHost && <span>host {server.labHost}</span>}
        <span>
          {server.serverId} · socket {server.socketId}
        </span>
        <span>backlog {server.requested.backlog}</span>
        <span>
          {count} {count === 1 ? 'connection' : 'connections'}
        </span>
        {note && <span>{note}</span>}
      </div>
      {connections.length > 0 && (
        <ul className="server-connections mono">
          {connections.slice(0, 4).map((c) => (
            <li key={c.socketId}>
              {c.socketId}: {formatEndpoint(c.local)} ← {formatEndpoint(c.remote)}
            </li>
          ))}
        </ul>
      )}
      <div className="server-hint">
        Try it from a terminal: <code className="mono">{ncCommand(server.listening)}</code>
      </div>
    </li>
  );
});

/** The servers the lab runs now, from the bridge's state snapshot. */
export function ServerList() {
  const { t } = useTranslation();
  const connection = useConnection();
  const session = useStore(connection.session);
  const { servers, connections } = session.lab;
  return (
    <section className="card" aria-labelledby="servers-title">
      <h2 id="servers-title">{t('servers.title')}</h2>
      {servers.length === 0 ? (
        <p className="empty">{t('servers.empty')}</p>
      ) : (
        <ul className="server-list">
          {servers.map((s) => (
            <ServerRow
              key={`${s.labHost}/${s.serverId}`}
              server={s}
              connections={connections.filter((c) => c.owner === s.serverId && c.labHost === s.labHost)}
              showHost={session.labHosts.length > 1}
            />
          ))}
        </ul>
      )}
      <p className="help">{t('servers.help')}</p>
    </section>
  );
}
