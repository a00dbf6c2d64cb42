import type { IPv4, IPv6 } from 'ipaddr.js';
import { inV4, inV6, v4Subnet } from './parse.ts';

/**
 * Facts about one address. IPv4: its class (the notes' A–E), its scope (which special range it
 * is in) and the row of the notes' special-address table that applies, if any. IPv6: its kind.
 */

export type Ipv4ClassLetter = 'A' | 'B' | 'C' | 'D' | 'E';

export interface Ipv4Class {
  letter: Ipv4ClassLetter;
  /** The fixed leading bits that make the class. */
  leadingBits: '0' | '10' | '110' | '1110' | '1111';
  /** Classful split; null for D and E, which have no network/host parts. */
  networkBits: 8 | 16 | 24 | null;
  hostBits: 24 | 16 | 8 | null;
  /** e.g. "192.168.0" and "1" for 192.168.0.1 (class C). */
  networkPart: string | null;
  hostPart: string | null;
  meaning: string;
}

export type Ipv4Scope =
  | 'loopback'
  | 'unspecified'
  | 'this-network'
  | 'private'
  | 'link-local'
  | 'shared'
  | 'multicast'
  | 'limited-broadcast'
  | 'reserved'
  | 'documentation'
  | 'benchmarking'
  | 'public';

export const IPV4_SCOPES: readonly Ipv4Scope[] = [
  'loopback',
  'unspecified',
  'this-network',
  'private',
  'link-local',
  'shared',
  'multicast',
  'limited-broadcast',
  'reserved',
  'documentation',
  'benchmarking',
  'public',
];

export const IPV4_CLASS_LETTERS: readonly Ipv4ClassLetter[] = ['A', 'B', 'C', 'D', 'E'];

export type PrivateRange = '10.0.0.0/8' | '172.16.0.0/12' | '192.168.0.0/16';

export type Usable = 'source' | 'destination' | 'both' | 'neither';

export type SpecialRowId = '{0,0}' | '{0,host-id}' | '{-1,-1}' | '{net-id,-1}' | '{net-id,subnet-id,-1}' | '{net-id,-1,-1}' | '{127,any}';

export const SPECIAL_ROW_IDS: readonly SpecialRowId[] = ['{0,0}', '{0,host-id}', '{-1,-1}', '{net-id,-1}', '{net-id,subnet-id,-1}', '{net-id,-1,-1}', '{127,any}'];

/** A row of the notes' table of special addresses, in plain words. */
export interface SpecialRow {
  row: SpecialRowId;
  meaning: string;
  usableAs: Usable;
}

export interface SubnetInfo {
  prefixLen: number;
  mask: string;
  network: string;
  /** null for /31 and /32, which have no broadcast address. */
  broadcast: string | null;
  role: 'network-address' | 'broadcast-address' | 'host';
}

const CLASSES: readonly { letter: Ipv4ClassLetter; leadingBits: Ipv4Class['leadingBits']; firstOctetMax: number; networkBits: 8 | 16 | 24 | null; meaning: string }[] = [
  { letter: 'A', leadingBits: '0', firstOctetMax: 127, networkBits: 8, meaning: 'class A: 1 byte of network, 3 bytes of host — few, very large networks' },
  { letter: 'B', leadingBits: '10', firstOctetMax: 191, networkBits: 16, meaning: 'class B: 2 bytes of network, 2 bytes of host — medium networks' },
  { letter: 'C', leadingBits: '110', firstOctetMax: 223, networkBits: 24, meaning: 'class C: 3 bytes of network, 1 byte of host — small networks of up to 254 hosts' },
  { letter: 'D', leadingBits: '1110', firstOctetMax: 239, networkBits: null, meaning: 'class D: multicast, one sender to a group of receivers; no network/host split' },
  { letter: 'E', leadingBits: '1111', firstOctetMax: 255, networkBits: null, meaning: 'class E: reserved for future use; no network/host split' },
];

/** The class by leading bits; classes are history (CIDR replaced them) but they explain the old split. */
export function ipv4Class(ip: IPv4): Ipv4Class {
  const first = ip.octets[0] ?? 0;
  const c = CLASSES.find((k) => first <= k.firstOctetMax) ?? CLASSES[4]!;
  const netBytes = c.networkBits === null ? null : c.networkBits / 8;
  return {
    letter: c.letter,
    leadingBits: c.leadingBits,
    networkBits: c.networkBits,
    hostBits: c.networkBits === null ? null : ((32 - c.networkBits) as 24 | 16 | 8),
    networkPart: netBytes === null ? null : ip.octets.slice(0, netBytes).join('.'),
    hostPart: netBytes === null ? null : ip.octets.slice(netBytes).join('.'),
    meaning: c.meaning,
  };
}

const SCOPES: readonly [string, Ipv4Scope][] = [
  ['0.0.0.0/32', 'unspecified'],
  ['0.0.0.0/8', 'this-network'],
  ['127.0.0.0/8', 'loopback'],
  ['10.0.0.0/8', 'private'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['169.254.0.0/16', 'link-local'],
  ['100.64.0.0/10', 'shared'],
  ['192.0.2.0/24', 'documentation'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['198.18.0.0/15', 'benchmarking'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'limited-broadcast'],
  ['240.0.0.0/4', 'reserved'],
];

export function ipv4Scope(ip: IPv4): Ipv4Scope {
  return SCOPES.find(([cidr]) => inV4(ip, cidr))?.[1] ?? 'public';
}

export function privateRange(ip: IPv4): PrivateRange | null {
  const ranges: PrivateRange[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
  return ranges.find((r) => inV4(ip, r)) ?? null;
}

export const SCOPE_TEXT: Record<Ipv4Scope, string> = {
  loopback: 'loopback: the host itself, through its virtual "lo" card; never on a real network',
  unspecified: '0.0.0.0: "no particular address" — for a server, every IPv4 address of the host',
  'this-network': 'in 0.0.0.0/8, "this network": not a real destination',
  private: 'private (RFC 1918): free to use inside any LAN, never seen on the internet',
  'link-local': 'link-local: picked by a host itself when no DHCP answered; only valid on its own LAN',
  shared: 'shared address space (100.64/10): used by an ISP between its carrier-grade NAT and its customers',
  multicast: 'multicast (class D): one sender, a group of receivers; not for TCP',
  'limited-broadcast': 'limited broadcast: every host on this LAN; routers never pass it on',
  reserved: 'reserved (class E): not used on networks',
  documentation: 'documentation range: only for examples in books and manuals, never routed',
  benchmarking: 'benchmarking range (198.18/15): for testing network devices',
  public: 'public: globally unique, routed on the internet',
};

const allOnes = (bits: number) => 2 ** bits - 1;

function toInt(ip: IPv4): number {
  return ip.octets.reduce((n, o) => n * 256 + o, 0);
}

/** The subnet the address is in, when a prefix length is known. */
export function subnetOf(ip: IPv4, prefixLen: number): SubnetInfo {
  const s = v4Subnet(ip, prefixLen);
  const text = ip.toString();
  const role = s.broadcast === text ? 'broadcast-address' : s.network === text && prefixLen <= 30 ? 'network-address' : 'host';
  return { prefixLen, ...s, role };
}

/**
 * The notes' special-address table. {0,0}, {0,host-id}, {-1,-1} and {127,any} follow from the
 * address alone; the directed-broadcast rows need to know where the host part starts, so they
 * only apply when a prefix length is given.
 */
export function specialRow(ip: IPv4, prefixLen?: number): SpecialRow | null {
  const text = ip.toString();
  const first = ip.octets[0] ?? 0;
  if (text === '0.0.0.0') {
    return { row: '{0,0}', meaning: 'network and host all zeros: "this host on this network"; only as a source, e.g. while asking DHCP for an address', usableAs: 'source' };
  }
  if (first === 0) {
    return { row: '{0,host-id}', meaning: 'network part zero: "host so-and-so on this network"; only as a source', usableAs: 'source' };
  }
  if (text === '255.255.255.255') {
    return { row: '{-1,-1}', meaning: 'all ones: broadcast to every host on this LAN; only as a destination, and no router passes it on', usableAs: 'destination' };
  }
  if (first === 127) {
    return { row: '{127,any}', meaning: 'network 127, any host part: the host talking to itself (loopback); never appears outside the host', usableAs: 'both' };
  }
  if (prefixLen === undefined || prefixLen > 30 || prefixLen < 1) return null;
  const cls = ipv4Class(ip);
  if (cls.networkBits === null) return null;
  const n = toInt(ip);
  const hostBits = 32 - prefixLen;
  if (n % 2 ** hostBits !== allOnes(hostBits)) return null;
  if (prefixLen > cls.networkBits) {
    const belowClass = 32 - cls.networkBits;
    if (n % 2 ** belowClass === allOnes(belowClass)) {
      return { row: '{net-id,-1,-1}', meaning: 'subnet and host all ones: broadcast to every subnet of the network; only as a destination (obsolete, routers ignore it)', usableAs: 'destination' };
    }
    return { row: '{net-id,subnet-id,-1}', meaning: `host part all ones: broadcast to every host of subnet ${v4Subnet(ip, prefixLen).network}/${prefixLen}; only as a destination`, usableAs: 'destination' };
  }
  return { row: '{net-id,-1}', meaning: `host part all ones: broadcast to every host of network ${v4Subnet(ip, prefixLen).network}/${prefixLen}; only as a destination`, usableAs: 'destination' };
}

/** What kind of IPv6 address this is, in the terms a learner meets first. */
export type Ipv6Kind =
  | 'loopback'
  | 'unspecified'
  | 'ipv4-mapped'
  | 'ipv4-compatible'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'documentation'
  | 'global-unicast'
  | 'reserved';

const KINDS: readonly [string, Ipv6Kind][] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::ffff:0:0/96', 'ipv4-mapped'],
  ['::/96', 'ipv4-compatible'],
  ['fe80::/10', 'link-local'],
  ['fc00::/7', 'unique-local'],
  ['ff00::/8', 'multicast'],
  ['2001:db8::/32', 'documentation'],
  ['2000::/3', 'global-unicast'],
];

export const IPV6_KINDS: readonly Ipv6Kind[] = [
  'loopback',
  'unspecified',
  'ipv4-mapped',
  'ipv4-compatible',
  'link-local',
  'unique-local',
  'multicast',
  'documentation',
  'global-unicast',
  'reserved',
];

export function ipv6Kind(ip: IPv6): Ipv6Kind {
  return KINDS.find(([cidr]) => inV6(ip, cidr))?.[1] ?? 'reserved';
}

export const KIND_TEXT: Record<Ipv6Kind, string> = {
  loopback: '::1 is IPv6 loopback, the same idea as 127.0.0.1: the host itself',
  unspecified: ':: is "no particular address", the IPv6 twin of 0.0.0.0',
  'ipv4-mapped': 'an IPv4 address written as IPv6 (::ffff:a.b.c.d): how an IPv6 socket shows an IPv4 peer',
  'ipv4-compatible': 'an old, deprecated way to embed IPv4 in IPv6 (::a.b.c.d); not used any more',
  'link-local': 'link-local (fe80::/10): every IPv6 card has one; only valid on its own LAN, needs the card named (%eth0) to use',
  'unique-local': 'unique local (fc00::/7, usually fd..): the IPv6 version of private addresses',
  multicast: 'multicast (ff00::/8): one sender, a group of receivers; IPv6 has no broadcast at all',
  documentation: 'documentation range (2001:db8::/32): only for examples, never routed',
  'global-unicast': 'global unicast (2000::/3): a public IPv6 address, routed on the internet',
  reserved: 'a reserved IPv6 range, not used on networks',
};

export const KIND_NAT: Record<Ipv6Kind, string> = {
  loopback: 'Never leaves the host, so no router or NAT ever sees it.',
  unspecified: 'Never a real destination; routers do not forward it.',
  'ipv4-mapped': 'Never on the wire: the packet is plain IPv4, and NAT treats it as the IPv4 address it carries.',
  'ipv4-compatible': 'Not routed any more.',
  'link-local': 'Stays on its LAN: routers do not forward it, so NAT never touches it.',
  'unique-local': 'Not routed on the internet; home routers normally do not translate IPv6 at all.',
  multicast: 'Home routers keep multicast inside the LAN; no NAT is involved.',
  documentation: 'Never routed anywhere.',
  'global-unicast': 'Routed as it is: home routers do not NAT IPv6, their firewall decides what may come in.',
  reserved: 'Not routed.',
};

export function ipv6PublicOrPrivate(kind: Ipv6Kind): 'public' | 'private' | 'special' {
  if (kind === 'global-unicast') return 'public';
  if (kind === 'unique-local') return 'private';
  return 'special';
}
