import type { Endpoint, SequencedLabEvent, Topology } from '@socket-playground/protocol';
import { cardAddresses, hostSpec } from './lab-topology.ts';

/**
 * What the event stream says about the lab's server host right now: its listening sockets and
 * the connections it accepted, open or closed, since a given event. Pure, from the events alone.
 */
export interface LiveLink {
  /** The accepted socket. */
  socketId: string;
  seq: number;
  /** The server's side: the address the client connected to. */
  local: Endpoint;
  /** The client's side. */
  remote: Endpoint;
  open: boolean;
}

export interface LiveListener {
  socketId: string;
  address: string;
  port: number;
  open: boolean;
}

/** "::ffff:192.168.0.2" → "192.168.0.2": an IPv4 peer seen by a dual-stack socket. */
export function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1] ?? address;
}

export function isLoopbackAddress(address: string): boolean {
  const a = unmapped(address);
  return a === '::1' || a.startsWith('127.');
}

/** The host that owns an address: a card's address, or for loopback the host itself (`self`). */
export function ownerOf(topology: Topology, address: string, self: string): string | null {
  const a = unmapped(address);
  if (isLoopbackAddress(a) || a === '0.0.0.0' || a === '::') return self;
  return topology.hosts.find((h) => cardAddresses(topology, h.name).includes(a))?.name ?? null;
}

/** The card of `host` that holds `address`, or 'lo' for loopback, or null. */
export function cardOf(topology: Topology, host: string, address: string): string | null {
  const a = unmapped(address);
  if (isLoopbackAddress(a)) return 'lo';
  const card = hostSpec(topology, host)?.cards.find((c) => c.addresses.some((cidr) => cidr.split('/')[0] === a));
  return card?.name ?? null;
}

/** Connections the server host accepted after event `sinceSeq`, in order; `open` until their close. */
export function linksSince(entries: readonly SequencedLabEvent[], serverHost: string, sinceSeq: number): LiveLink[] {
  const links = new Map<string, LiveLink>();
  for (const { seq, event } of entries) {
    if (seq <= sinceSeq || event.labHost !== serverHost) continue;
    if (event.call === 'accept' && event.local && event.remote) {
      links.set(event.newSocketId, { socketId: event.newSocketId, seq, local: event.local, remote: event.remote, open: true });
    } else if (event.call === 'close' && event.role === 'accepted') {
      const link = links.get(event.socketId);
      if (link) links.set(event.socketId, { ...link, open: false });
    }
  }
  return [...links.values()];
}

/** Listening sockets of the server host opened after `sinceSeq`; `open` until their close. */
export function listenersSince(entries: readonly SequencedLabEvent[], serverHost: string, sinceSeq: number): LiveListener[] {
  const listeners = new Map<string, LiveListener>();
  for (const { seq, event } of entries) {
    if (seq <= sinceSeq || event.labHost !== serverHost || event.role !== 'listener') continue;
    if (event.call === 'listen' && event.local) {
      listeners.set(event.socketId, { socketId: event.socketId, address: event.local.address, port: event.local.port, open: true });
    } else if (event.call === 'close' || event.call === 'error') {
      const l = listeners.get(event.socketId);
      if (l) listeners.set(event.socketId, { ...l, open: false });
    }
  }
  return [...listeners.values()];
}

/** The newest sequence number in the log (0 when empty): a run's links are the ones after it. */
export function lastSeq(entries: readonly SequencedLabEvent[]): number {
  return entries.at(-1)?.seq ?? 0;
}

/** The server's side of a cell's connection: the link whose client port is the cell's local port ("192.168.0.2:60198"). */
export function acceptedFor(links: readonly LiveLink[], clientLocal: string | undefined): LiveLink | null {
  const port = Number(clientLocal?.slice(clientLocal.lastIndexOf(':') + 1));
  if (!clientLocal || !Number.isInteger(port)) return null;
  const address = clientLocal.slice(0, clientLocal.lastIndexOf(':'));
  return links.find((l) => l.remote.port === port && unmapped(l.remote.address) === unmapped(address)) ?? null;
}
