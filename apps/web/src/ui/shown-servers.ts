import type { ConnectionInfo, ServerInfo } from '@socket-playground/protocol';
import type { Session } from '../bridge/connection-types.ts';

/** A server row shows its first few connections, by their addresses (not their byte counts). */
export type ShownConnection = Pick<ConnectionInfo, 'socketId' | 'local' | 'remote'>;
export const SHOWN_CONNECTIONS = 4;

export interface ShownServers {
  servers: { server: ServerInfo; connections: ShownConnection[] }[];
  /** Several lab hosts: each row says which host its server runs on. */
  showHost: boolean;
}

/**
 * What the server list shows of the lab's state, and nothing else: compared as JSON with the last
 * pick, it stays the same while only byte counts change (many times a second in a busy lab).
 */
export function shownServers(session: Session): ShownServers {
  const { servers, connections } = session.lab;
  return {
    servers: servers.map((server) => ({
      server,
      connections: connections
        .filter((c) => c.owner === server.serverId && c.labHost === server.labHost)
        .slice(0, SHOWN_CONNECTIONS)
        .map(({ socketId, local, remote }) => ({ socketId, local, remote })),
    })),
    showHost: session.labHosts.length > 1,
  };
}
