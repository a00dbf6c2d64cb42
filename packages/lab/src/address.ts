import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** How an address relates to this host, which decides who could reach a server bound to it. */
export type AddressScope = 'loopback' | 'wildcard' | 'other';

export type PortCheck = { ok: true; port: number } | { ok: false };

/**
 * A port must be a whole number in range. Checked here because Node would treat a
 * string like "abc" as a Unix socket path and create a file instead of failing.
 */
export function checkPort(port: unknown, { allowZero }: { allowZero: boolean }): PortCheck {
  if (typeof port !== 'number' || !Number.isInteger(port)) return { ok: false };
  if (port < (allowZero ? 0 : 1) || port > 65535) return { ok: false };
  return { ok: true, port };
}

/**
 * Accept only canonical spellings: dotted-quad IPv4, standard IPv6, or "localhost".
 * Odd spellings such as "0x7f.1" or "017700000001" are refused rather than guessed at.
 */
export type HostCheck =
  | { ok: true; kind: 'ip'; address: string; family: 'IPv4' | 'IPv6' }
  | { ok: true; kind: 'localhost' }
  | { ok: false };

export function checkHost(host: string): HostCheck {
  const trimmed = host.trim();
  if (trimmed.toLowerCase() === 'localhost') return { ok: true, kind: 'localhost' };
  const unbracketed = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  const version = isIP(unbracketed);
  if (version === 4) return { ok: true, kind: 'ip', address: unbracketed, family: 'IPv4' };
  if (version === 6 && !unbracketed.includes('%')) return { ok: true, kind: 'ip', address: unbracketed, family: 'IPv6' };
  return { ok: false };
}

/** Classify an IP literal (IPv4-mapped IPv6 counts as the IPv4 address it carries). */
export function scopeOf(address: string): AddressScope {
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (range === 'loopback') return 'loopback';
  if (range === 'unspecified') return 'wildcard';
  return 'other';
}

export function familyOf(address: string): 'IPv4' | 'IPv6' {
  return isIP(address) === 6 ? 'IPv6' : 'IPv4';
}

/**
 * Where the bridge may open connections. Loopback always; the unspecified address too,
 * because Linux (and most systems) deliver a connect() to 0.0.0.0 or :: to this host itself.
 * `extraNetworks` are CIDRs of the lab's own hosts (none until the multi-host lab).
 */
export function destinationAllowed(address: string, extraNetworks: readonly string[] = []): boolean {
  const scope = scopeOf(address);
  if (scope === 'loopback' || scope === 'wildcard') return true;
  const ip = ipaddr.process(address);
  return extraNetworks.some((cidr) => {
    const [net, bits] = ipaddr.parseCIDR(cidr);
    return net.kind() === ip.kind() && ip.match(net, bits);
  });
}
