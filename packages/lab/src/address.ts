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

/** Parse an IP literal the way the checks see it (IPv4-mapped IPv6 as its IPv4); undefined if it is not one. */
function parsed(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (isIP(address) === 0) return undefined;
  try {
    return ipaddr.process(address);
  } catch {
    // Node and ipaddr.js disagree on a spelling: treat it as not an address.
    return undefined;
  }
}

/** Classify an IP literal (IPv4-mapped IPv6 counts as the IPv4 address it carries). Anything unparsable is 'other'. */
export function scopeOf(address: string): AddressScope {
  const range = parsed(address)?.range();
  if (range === 'loopback') return 'loopback';
  if (range === 'unspecified') return 'wildcard';
  return 'other';
}

export function familyOf(address: string): 'IPv4' | 'IPv6' {
  return isIP(address) === 6 ? 'IPv6' : 'IPv4';
}

/**
 * Where the bridge may open connections. Loopback always; the unspecified address too,
 * because Linux (and most systems) deliver a connect() to 0.0.0.0 or :: to this host itself
 * (dial() turns it into loopback before connecting, see dialAddress).
 * `extraNetworks` are CIDRs of the lab's own hosts (none until the multi-host lab).
 */
export function destinationAllowed(address: string, extraNetworks: readonly string[] = []): boolean {
  const ip = parsed(address);
  if (!ip) return false;
  const range = ip.range();
  if (range === 'loopback' || range === 'unspecified') return true;
  return extraNetworks.some((cidr) => {
    try {
      const [net, bits] = ipaddr.parseCIDR(cidr);
      return net.kind() === ip.kind() && ip.match(net, bits);
    } catch {
      return false;
    }
  });
}

/**
 * The exact address a client socket connects to, for an address that passed destinationAllowed:
 * - an IPv4-mapped IPv6 address (`::ffff:7f00:1`) becomes the IPv4 address it carries, so what
 *   was checked is literally what is dialled;
 * - the unspecified address becomes loopback of its family (0.0.0.0 → 127.0.0.1, :: → ::1):
 *   that is what Linux and macOS do with it (the kernel substitutes loopback), made explicit so
 *   no platform can route it anywhere else. Windows refuses such a connect (EADDRNOTAVAIL), so
 *   there it is passed through and the kernel's refusal is what the learner sees.
 */
export function dialAddress(address: string, platform: NodeJS.Platform = process.platform): { address: string; family: 'IPv4' | 'IPv6' } {
  const ip = parsed(address);
  if (!ip) return { address, family: familyOf(address) };
  const family = ip.kind() === 'ipv4' ? 'IPv4' : 'IPv6';
  if (ip.range() === 'unspecified' && platform !== 'win32') return family === 'IPv4' ? { address: '127.0.0.1', family } : { address: '::1', family };
  // ipaddr.js prints IPv6 in its shortest form; an IPv4 (mapped or not) as a dotted quad.
  return { address: ip.toString(), family };
}
