import type { ConnectionInfo, ServerInfo } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import type { Session } from '../src/bridge/connection-types.ts';
import { sameJson } from '../src/bridge/store.ts';
import { SHOWN_CONNECTIONS, shownServers } from '../src/ui/shown-servers.ts';

const server = (serverId: string, labHost = 'local'): ServerInfo => ({
  serverId,
  labHost,
  kind: 'echo',
  requested: { host: '127.0.0.1', port: 0, backlog: 128 },
  listening: { address: '127.0.0.1', port: 65432, family: 'IPv4' },
  exposed: false,
  socketId: `${serverId}-s`,
  connections: 2,
});
const conn = (socketId: string, owner: string, bytes: number, labHost = 'local'): ConnectionInfo => ({
  socketId,
  labHost,
  owner,
  role: 'accepted',
  local: { address: '127.0.0.1', port: 65432, family: 'IPv4' },
  remote: { address: '127.0.0.1', port: 40000 + Number(socketId.slice(1)), family: 'IPv4' },
  bytesSent: bytes,
  bytesReceived: bytes,
});
const session = (connections: ConnectionInfo[], labHosts: Session['labHosts'] = []): Session => ({
  bridgeId: 'b',
  privileged: false,
  labHosts,
  lab: { servers: [server('srv1'), server('srv1', 'pc2')], connections, steppers: [] },
  restarted: false,
});

describe('what the server list shows', () => {
  it('each server’s own first connections, by address', () => {
    const many = Array.from({ length: 6 }, (_, i) => conn(`c${i}`, 'srv1', 0));
    const shown = shownServers(session([...many, conn('c9', 'srv1', 0, 'pc2')]));
    expect(shown.servers[0]!.connections.map((c) => c.socketId)).toEqual(['c0', 'c1', 'c2', 'c3'].slice(0, SHOWN_CONNECTIONS));
    expect(shown.servers[1]!.connections.map((c) => c.socketId)).toEqual(['c9']);
    expect(shown.servers[0]!.connections[0]).not.toHaveProperty('bytesSent');
    expect(shown.showHost).toBe(false);
  });

  it('stays the same while only byte counts change, and changes with a new connection', () => {
    const before = shownServers(session([conn('c1', 'srv1', 10)]));
    expect(sameJson(before, shownServers(session([conn('c1', 'srv1', 99_999)])))).toBe(true);
    expect(sameJson(before, shownServers(session([conn('c1', 'srv1', 10), conn('c2', 'srv1', 0)])))).toBe(false);
  });
});
