import ipaddr from 'ipaddr.js';
import type { IPv4, IPv6 } from 'ipaddr.js';

/**
 * Strict address parsing. ipaddr.js is generous (it takes "127.1", "0x7f.1", "017700000001",
 * "2130706433", zone ids, and reads "::1.2.3.4" as IPv4-mapped), so the canonical form is
 * checked here first and ipaddr.js is only used on text that already passed.
 */

export type RejectCode = 'empty' | 'whitespace' | 'brackets' | 'zone-id' | 'ipv4-not-dotted-quad' | 'not-an-address' | 'bad-prefix';

export type Parsed =
  | { ok: true; version: 4; ip: IPv4; address: string }
  | { ok: true; version: 6; ip: IPv6; address: string }
  | { ok: false; code: RejectCode; reason: string };

export type ParsedIp = Extract<Parsed, { ok: true }>;

/** One decimal octet 0–255, no leading zeros ("0" itself is fine). */
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])';
const DOTTED_QUAD = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function isDottedQuad(text: string): boolean {
  return DOTTED_QUAD.test(text);
}

function reject(code: RejectCode, reason: string): Parsed {
  return { ok: false, code, reason };
}

/** IPv6 text with an optional dotted-quad tail; the tail is turned into two hex groups by hand. */
function parseV6(text: string): Parsed {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return reject('not-an-address', `"${text}" is not an IPv4 or IPv6 address`);
  let hexOnly = text;
  if (text.includes('.')) {
    const cut = text.lastIndexOf(':');
    const tail = text.slice(cut + 1);
    if (!isDottedQuad(tail)) return reject('ipv4-not-dotted-quad', `the IPv4 part "${tail}" must be four decimal numbers 0–255 without leading zeros`);
    const o = tail.split('.').map(Number) as [number, number, number, number];
    hexOnly = `${text.slice(0, cut + 1)}${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
  }
  const groups = hexOnly.split(':').filter((g) => g !== '');
  if (!groups.every((g) => HEX_GROUP.test(g)) || !ipaddr.IPv6.isValid(hexOnly)) {
    return reject('not-an-address', `"${text}" is not a valid IPv6 address`);
  }
  const ip = ipaddr.IPv6.parse(hexOnly);
  return { ok: true, version: 6, ip, address: formatV6(ip) };
}

/** RFC 5952 text, except IPv4-mapped addresses keep the familiar ::ffff:a.b.c.d spelling. */
export function formatV6(ip: IPv6): string {
  if (ip.isIPv4MappedAddress()) return `::ffff:${ip.toIPv4Address().toString()}`;
  return ip.toRFC5952String();
}

/**
 * Parse one address. Accepts only dotted-quad decimal IPv4 without leading zeros and
 * standard IPv6 text (no zone id, no brackets, no surrounding spaces).
 */
export function parseAddress(text: string): Parsed {
  if (text === '') return reject('empty', 'no address given');
  if (text.trim() !== text) return reject('whitespace', 'remove the spaces around the address');
  if (text.startsWith('[') || text.endsWith(']')) return reject('brackets', 'write an IPv6 address without [ ] brackets');
  if (text.includes('%')) return reject('zone-id', 'zone ids such as %eth0 are not accepted here');
  if (text.includes(':')) return parseV6(text);
  if (isDottedQuad(text)) {
    const ip = ipaddr.IPv4.parse(text);
    return { ok: true, version: 4, ip, address: ip.toString() };
  }
  if (/^[0-9a-fA-FxX.]+$/.test(text)) {
    return reject('ipv4-not-dotted-quad', `"${text}" is not written as four decimal numbers 0–255 (no hex, octal, leading zeros or short forms)`);
  }
  return reject('not-an-address', `"${text}" is not an IPv4 or IPv6 address`);
}

/** Parse or throw: for addresses inside a topology or a bind list, which must already be canonical. */
export function mustParse(text: string, what: string): ParsedIp {
  const p = parseAddress(text);
  if (!p.ok) throw new Error(`${what}: ${p.reason}`);
  return p;
}

export interface Cidr {
  ip: ParsedIp;
  prefixLen: number;
}

export function checkPrefixLen(version: 4 | 6, prefixLen: number): boolean {
  return Number.isInteger(prefixLen) && prefixLen >= 0 && prefixLen <= (version === 4 ? 32 : 128);
}

/** "192.168.0.1/24" → address and prefix length; a bare address gets a full-length prefix. */
export function parseCidr(text: string): Cidr | null {
  const [addr = '', len, extra] = text.split('/');
  if (extra !== undefined) return null;
  const ip = parseAddress(addr);
  if (!ip.ok) return null;
  const full = ip.version === 4 ? 32 : 128;
  if (len === undefined) return { ip, prefixLen: full };
  if (!/^(0|[1-9][0-9]{0,2})$/.test(len)) return null;
  const prefixLen = Number(len);
  return checkPrefixLen(ip.version, prefixLen) ? { ip, prefixLen } : null;
}

/** Whether `ip` lies inside `net/prefixLen` (different families never match). */
export function inPrefix(ip: ParsedIp, net: ParsedIp, prefixLen: number): boolean {
  if (ip.version === 4 && net.version === 4) return ip.ip.match(net.ip, prefixLen);
  if (ip.version === 6 && net.version === 6) return ip.ip.match(net.ip, prefixLen);
  return false;
}

/** Shorthand for range tables: does the IPv4 address lie in "a.b.c.d/len"? */
export function inV4(ip: IPv4, cidr: string): boolean {
  return ip.match(ipaddr.IPv4.parseCIDR(cidr));
}

export function inV6(ip: IPv6, cidr: string): boolean {
  return ip.match(ipaddr.IPv6.parseCIDR(cidr));
}

/** The IPv4 address an IPv4-mapped IPv6 address carries; any other address as it is. */
export function unmap(ip: ParsedIp): ParsedIp {
  if (ip.version === 6 && ip.ip.isIPv4MappedAddress()) {
    const v4 = ip.ip.toIPv4Address();
    return { ok: true, version: 4, ip: v4, address: v4.toString() };
  }
  return ip;
}

export function isLoopback(ip: ParsedIp): boolean {
  return ip.version === 4 ? inV4(ip.ip, '127.0.0.0/8') : ip.address === '::1';
}

export function isUnspecified(ip: ParsedIp): boolean {
  return ip.address === '0.0.0.0' || ip.address === '::';
}

/** Network and broadcast address of an IPv4 prefix; /31 and /32 have no broadcast (RFC 3021). */
export function v4Subnet(ip: IPv4, prefixLen: number): { network: string; broadcast: string | null; mask: string } {
  const cidr = `${ip.toString()}/${prefixLen}`;
  return {
    network: ipaddr.IPv4.networkAddressFromCIDR(cidr).toString(),
    broadcast: prefixLen <= 30 ? ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toString() : null,
    mask: ipaddr.IPv4.subnetMaskFromPrefixLength(prefixLen).toString(),
  };
}

export function v6Network(ip: IPv6, prefixLen: number): string {
  return formatV6(ipaddr.IPv6.networkAddressFromCIDR(`${ip.toNormalizedString()}/${prefixLen}`));
}
