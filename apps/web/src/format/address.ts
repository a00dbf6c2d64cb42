import type { Endpoint } from '@socket-playground/protocol';

/**
 * Addresses as a learner types and reads them. The bridge decides what is really loopback
 * (it resolves names); this only decides whether to ask "let other machines connect?" up front.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === 'localhost.' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  // 127.0.0.0/8, also written as an IPv4-mapped IPv6 address.
  return /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** "127.0.0.1:65432", "[::1]:65432": brackets keep an IPv6 address apart from its port. */
export function formatHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function formatEndpoint(endpoint: Endpoint): string {
  return formatHostPort(endpoint.address, endpoint.port);
}

/** "local → remote" once connected; just the local address for a listening socket. */
export function formatTuple(local: Endpoint | undefined, remote: Endpoint | undefined): string | null {
  if (!remote) return local ? formatEndpoint(local) : null;
  return `${local ? formatEndpoint(local) : '?'} → ${formatEndpoint(remote)}`;
}

/**
 * A command that reaches a listening server from a terminal. A wildcard address (0.0.0.0, ::)
 * listens on every interface, so loopback of the same family works.
 */
export function ncCommand(listening: Endpoint): string {
  let address = listening.address;
  if (address === '0.0.0.0') address = '127.0.0.1';
  else if (address === '::') address = '::1';
  return `nc ${address} ${listening.port}`;
}
