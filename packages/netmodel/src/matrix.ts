import type { BindChoice, Topology } from '@socket-playground/protocol';
import { DEFAULT_LOCALHOST, firstClash, resolveBindHost } from './binds.ts';
import type { BindConflict, BindResolution, Os } from './binds.ts';
import { inV4, mustParse, unmap } from './parse.ts';
import { predictLocalhost, predictReach } from './reachability.ts';
import type { LocalhostPrediction, Prediction } from './reachability.ts';
import { cardAddresses, findHost, isLocalBroadcast, owns } from './routing.ts';

/**
 * The who-can-connect matrix: every host as a client (rows) against every target a client
 * might try (columns), for one way of binding the server.
 */

export interface TargetColumn {
  /** What the client connects to: an address, or the name "localhost". */
  target: string;
  kind: 'loopback' | 'unspecified' | 'name' | 'card';
  /** For a card address: the host and card that have it. */
  owner: string | null;
  card: string | null;
  /** Whether the address is one of this client host's own. */
  own: boolean;
  label: string;
}

/** The targets a client tries: 127.0.0.1, 0.0.0.0, localhost, ::1, then every card address. */
export function targetsFor(topology: Topology, clientHost: string): TargetColumn[] {
  findHost(topology, clientHost);
  const columns: TargetColumn[] = [
    { target: '127.0.0.1', kind: 'loopback', owner: null, card: null, own: true, label: '127.0.0.1 (loopback)' },
    { target: '0.0.0.0', kind: 'unspecified', owner: null, card: null, own: false, label: '0.0.0.0' },
    { target: 'localhost', kind: 'name', owner: null, card: null, own: true, label: 'localhost' },
    { target: '::1', kind: 'loopback', owner: null, card: null, own: true, label: '::1 (IPv6 loopback)' },
  ];
  for (const host of topology.hosts) {
    for (const c of cardAddresses(host)) {
      if (columns.some((col) => col.target === c.ip.address)) continue;
      const own = host.name === clientHost;
      const label = `${c.ip.address} (${host.name} ${c.card}${own ? ', own' : ''})`;
      columns.push({ target: c.ip.address, kind: 'card', owner: host.name, card: c.card, own, label });
    }
  }
  return columns;
}

export interface ListenerStart {
  /** The host as typed in the bind choice. */
  typed: string;
  /** The address it was resolved to; null when it could not be. */
  address: string | null;
  status: 'listening' | 'EADDRINUSE' | 'EADDRNOTAVAIL' | 'EINVAL';
  note: string;
  /** What `note` is made of: how the typed host resolved, the clash (EADDRINUSE), and whether the bind is a broadcast or multicast one Linux accepts. */
  resolution: BindResolution;
  clash: BindConflict | null;
  oddButAccepted: boolean;
}

/**
 * Start the bind choice's listeners on `serverHost` one by one, as the lab does: resolve each
 * typed host, refuse an address the host does not have (EADDRNOTAVAIL) and one that overlaps an
 * earlier listener on the same port (EADDRINUSE).
 */
export function startListeners(topology: Topology, serverHost: string, hosts: readonly string[], localhost: readonly string[] = DEFAULT_LOCALHOST): ListenerStart[] {
  const server = findHost(topology, serverHost);
  const listening: string[] = [];
  return hosts.map((typed): ListenerStart => {
    const r = resolveBindHost(typed, localhost);
    const base = { typed, resolution: r, clash: null, oddButAccepted: false };
    if (r.address === null) return { ...base, address: null, status: 'EINVAL', note: r.note };
    const ip = unmap(mustParse(r.address, 'bind'));
    const wildcard = ip.address === '0.0.0.0' || ip.address === '::';
    const oddButAccepted = ip.version === 4 && (inV4(ip.ip, '224.0.0.0/4') || ip.address === '255.255.255.255' || isLocalBroadcast(server, ip));
    if (!wildcard && !oddButAccepted && !owns(server, ip)) {
      return { ...base, address: r.address, status: 'EADDRNOTAVAIL', note: `${r.note} But ${serverHost} has no card with ${ip.address}, so bind() fails with EADDRNOTAVAIL.` };
    }
    const clash = firstClash(listening, r.address);
    if (clash) return { ...base, clash, address: r.address, status: 'EADDRINUSE', note: `${r.note} ${clash.why} So bind() fails with EADDRINUSE.` };
    listening.push(r.address);
    const extra = oddButAccepted ? ' Linux accepts this bind, but no TCP connection can ever arrive on a broadcast or multicast address.' : '';
    return { ...base, oddButAccepted, address: r.address, status: 'listening', note: `${r.note}${extra}` };
  });
}

export interface MatrixCell {
  target: TargetColumn;
  prediction: Prediction | LocalhostPrediction;
}

export interface MatrixRow {
  client: string;
  cells: MatrixCell[];
}

export interface Matrix {
  topology: string;
  serverHost: string;
  os: Os;
  port: number;
  /** How each typed bind host turned out. */
  listeners: ListenerStart[];
  /** The addresses actually listening. */
  binds: string[];
  /** What "localhost" resolved to for the clients. */
  localhost: readonly string[];
  rows: MatrixRow[];
}

export interface MatrixOptions {
  /** What "localhost" resolves to, in lookup order (default: 127.0.0.1 only). */
  localhost?: readonly string[];
  /** Client hosts, in row order (default: every host of the topology). */
  clients?: readonly string[];
}

/** Predict every cell of the matrix for one bind choice. */
export function predictMatrix(topology: Topology, serverHost: string, bindChoice: BindChoice, os: Os, options: MatrixOptions = {}): Matrix {
  const localhost = options.localhost ?? DEFAULT_LOCALHOST;
  const listeners = startListeners(topology, serverHost, bindChoice.hosts, localhost);
  const binds = listeners.flatMap((l) => (l.status === 'listening' && l.address !== null ? [l.address] : []));
  const clients = options.clients ?? topology.hosts.map((h) => h.name);
  const rows = clients.map((client): MatrixRow => {
    const base = { topology, serverHost, binds, clientHost: client, port: bindChoice.port, os };
    const cells = targetsFor(topology, client).map((target): MatrixCell => {
      const prediction = target.kind === 'name' ? predictLocalhost(base, localhost) : predictReach({ ...base, target: target.target });
      return { target, prediction };
    });
    return { client, cells };
  });
  return { topology: topology.name, serverHost, os, port: bindChoice.port, listeners, binds, localhost, rows };
}

/** The prediction for one cell, by client host and target text. */
export function cellOf(matrix: Matrix, client: string, target: string): Prediction | LocalhostPrediction | undefined {
  return matrix.rows.find((r) => r.client === client)?.cells.find((c) => c.target.target === target)?.prediction;
}
