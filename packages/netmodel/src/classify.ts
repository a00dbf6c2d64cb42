import type { IPv4 } from 'ipaddr.js';
import { ipv4Class, ipv4Scope, ipv6Kind, ipv6PublicOrPrivate, KIND_NAT, KIND_TEXT, privateRange, SCOPE_TEXT, specialRow, subnetOf } from './address-facts.ts';
import type { Ipv4Class, Ipv4Scope, Ipv6Kind, PrivateRange, SpecialRow, SubnetInfo } from './address-facts.ts';
import { checkPrefixLen, parseAddress, parseCidr, v6Network } from './parse.ts';
import type { ParsedIp, RejectCode } from './parse.ts';

/** Which sentence `Bindable.meaning` is, so a page can say it in another language. */
export type BindableId =
  | 'unicast-not-here'
  | 'unicast-if-host-has-it'
  | 'v4-any'
  | 'v4-loopback'
  | 'this-network'
  | 'v4-multicast'
  | 'limited-broadcast'
  | 'directed-broadcast'
  | 'v6-any'
  | 'v6-loopback'
  | 'v6-multicast'
  | 'ipv4-mapped'
  | 'link-local';

export const BINDABLE_IDS: readonly BindableId[] = [
  'unicast-not-here',
  'unicast-if-host-has-it',
  'v4-any',
  'v4-loopback',
  'this-network',
  'v4-multicast',
  'limited-broadcast',
  'directed-broadcast',
  'v6-any',
  'v6-loopback',
  'v6-multicast',
  'ipv4-mapped',
  'link-local',
];

/** Whether (and what it means) for a server to bind this address. */
export interface Bindable {
  /** 'if-host-has-it': only on a host that has this address on one of its cards. */
  verdict: 'yes' | 'no' | 'if-host-has-it';
  /** Answer for the host whose addresses were given; null when none were given. */
  here: boolean | null;
  meaning: string;
  /** Stable id of `meaning` (its values: `address`, the bound address; for 'ipv4-mapped', `ipv4`). */
  id: BindableId;
  address: string;
  /** For 'ipv4-mapped' and 'link-local': the answer the sentence builds on. */
  inner?: Bindable;
}

interface Common {
  ok: true;
  /** Normalised text: dotted quad, or RFC 5952 IPv6 (::ffff:a.b.c.d for mapped). */
  address: string;
  publicOrPrivate: 'public' | 'private' | 'special';
  bindable: Bindable;
  /** What a home router's NAT would do with a packet from or to this address. */
  nat: string;
  /** One line for a learner. */
  summary: string;
}

export interface Ipv4Classification extends Common {
  version: 4;
  class: Ipv4Class;
  scope: Ipv4Scope;
  scopeText: string;
  privateRange: PrivateRange | null;
  special: SpecialRow | null;
  subnet: SubnetInfo | null;
}

export interface Ipv6Classification extends Common {
  version: 6;
  kind: Ipv6Kind;
  kindText: string;
  /** For ::ffff:a.b.c.d, the IPv4 address it stands for. */
  mapsTo: string | null;
  special: null;
  subnet: { prefixLen: number; network: string } | null;
}

export interface Rejected {
  ok: false;
  code: RejectCode;
  reason: string;
}

export type Classification = Ipv4Classification | Ipv6Classification | Rejected;

const NAT_V4: Record<Ipv4Scope, string> = {
  private: "Going out, a home router's NAT rewrites this source to the router's public address (and a port of its choosing), and rewrites the replies back; nobody outside can start a connection to it unless the router forwards a port.",
  loopback: 'Never leaves the host, so no router or NAT ever sees it.',
  unspecified: 'Never a real destination; no router forwards it.',
  'this-network': 'Never a real destination; no router forwards it.',
  'link-local': 'Stays on its own LAN: routers do not forward it, so NAT never sees it.',
  shared: "A second NAT: the ISP's carrier-grade NAT rewrites it to a public address shared by many customers.",
  multicast: 'Home routers keep multicast inside the LAN; NAT does not apply.',
  'limited-broadcast': 'Stays on the LAN; no router passes it on, so NAT never sees it.',
  reserved: 'Routers drop it; NAT never applies.',
  documentation: 'Never routed; it exists only in examples.',
  benchmarking: 'Only for test labs; not routed on the internet.',
  public: "Routed as it is: a home router's NAT only rewrites packets leaving from its private side.",
};

/** The host's addresses may be given with a prefix ("192.168.0.1/24"); the prefix is ignored. */
function hostHas(hostAddresses: readonly string[] | undefined, address: string): boolean | null {
  if (!hostAddresses) return null;
  return hostAddresses.some((a) => parseCidr(a)?.ip.address === address);
}

function unicastBind(address: string, hostAddresses: readonly string[] | undefined): Bindable {
  const here = hostHas(hostAddresses, address);
  const meaning =
    here === false
      ? `This host has no card with ${address}: bind() fails with EADDRNOTAVAIL.`
      : `Allowed only on a host that has ${address} on one of its cards; the server then accepts only connections addressed to exactly ${address}.`;
  return { verdict: 'if-host-has-it', here, meaning, id: here === false ? 'unicast-not-here' : 'unicast-if-host-has-it', address };
}

function bindV4(ip: IPv4, scope: Ipv4Scope, special: SpecialRow | null, hostAddresses: readonly string[] | undefined): Bindable {
  const address = ip.toString();
  const no = (id: BindableId, meaning: string): Bindable => ({ verdict: 'no', here: hostAddresses ? false : null, meaning, id, address });
  switch (scope) {
    case 'unspecified':
      return { verdict: 'yes', here: true, meaning: 'Listen on every IPv4 address of the host (loopback and every card, also ones added later).', id: 'v4-any', address };
    case 'loopback':
      return {
        verdict: 'yes',
        here: true,
        meaning: `Only programs on this same host can connect. (Linux gives the whole 127/8 to "lo", so any 127.x.y.z can be bound; macOS has only 127.0.0.1 unless more are added.)`,
        id: 'v4-loopback',
        address,
      };
    case 'this-network':
      return no('this-network', 'Not an address any host has.');
    case 'multicast':
      return no('v4-multicast', 'A TCP server cannot listen on a multicast group (UDP sockets can join one).');
    case 'limited-broadcast':
      return no('limited-broadcast', 'Broadcast is not a place a TCP server can listen on.');
    default:
      if (special) return no('directed-broadcast', 'A broadcast address: not a place a TCP server can listen on.');
      return unicastBind(address, hostAddresses);
  }
}

function bindV6(p: ParsedIp & { version: 6 }, kind: Ipv6Kind, hostAddresses: readonly string[] | undefined): Bindable {
  switch (kind) {
    case 'unspecified':
      return {
        verdict: 'yes',
        here: true,
        meaning: "Listen on every IPv6 address of the host — and, with Node's default (dual-stack, IPV6_V6ONLY off), on every IPv4 address too.",
        id: 'v6-any',
        address: p.address,
      };
    case 'loopback':
      return { verdict: 'yes', here: true, meaning: 'Only programs on this same host can connect, over IPv6.', id: 'v6-loopback', address: p.address };
    case 'multicast':
      return { verdict: 'no', here: hostAddresses ? false : null, meaning: 'A TCP server cannot listen on a multicast group.', id: 'v6-multicast', address: p.address };
    case 'ipv4-mapped': {
      const v4 = p.ip.toIPv4Address();
      const inner = bindV4(v4, ipv4Scope(v4), specialRow(v4), hostAddresses);
      return { ...inner, meaning: `Same as binding ${v4.toString()} on an IPv6 socket. ${inner.meaning}`, id: 'ipv4-mapped', address: p.address, inner };
    }
    case 'link-local': {
      const b = unicastBind(p.address, hostAddresses);
      return { ...b, meaning: `${b.meaning} A link-local address also needs its card named (e.g. %eth0).`, id: 'link-local', inner: b };
    }
    default:
      return unicastBind(p.address, hostAddresses);
  }
}

function classifyV4(p: ParsedIp & { version: 4 }, prefixLen: number | undefined, hostAddresses: readonly string[] | undefined): Ipv4Classification {
  const cls = ipv4Class(p.ip);
  const scope = ipv4Scope(p.ip);
  const special = specialRow(p.ip, prefixLen);
  const range = privateRange(p.ip);
  const subnet = prefixLen === undefined ? null : subnetOf(p.ip, prefixLen);
  const broadcastRow = special !== null && special.row.startsWith('{net-id');
  const split = cls.networkPart === null ? '' : ` (network ${cls.networkPart}, host ${cls.hostPart})`;
  return {
    ok: true,
    version: 4,
    address: p.address,
    class: cls,
    scope,
    scopeText: SCOPE_TEXT[scope],
    privateRange: range,
    publicOrPrivate: scope === 'private' ? 'private' : scope === 'public' ? 'public' : 'special',
    special,
    subnet,
    bindable: bindV4(p.ip, scope, broadcastRow ? special : null, hostAddresses),
    nat: broadcastRow ? 'Routers drop directed broadcasts by default, so it stays on its own network; NAT does not apply.' : NAT_V4[scope],
    summary: `${p.address}: class ${cls.letter}${split}; ${special ? special.meaning : SCOPE_TEXT[scope]}`,
  };
}

function classifyV6(p: ParsedIp & { version: 6 }, prefixLen: number | undefined, hostAddresses: readonly string[] | undefined): Ipv6Classification {
  const kind = ipv6Kind(p.ip);
  const mapsTo = kind === 'ipv4-mapped' ? p.ip.toIPv4Address().toString() : null;
  const text = mapsTo ? `${KIND_TEXT[kind]}; this one stands for ${mapsTo}` : KIND_TEXT[kind];
  return {
    ok: true,
    version: 6,
    address: p.address,
    kind,
    kindText: text,
    mapsTo,
    special: null,
    subnet: prefixLen === undefined ? null : { prefixLen, network: v6Network(p.ip, prefixLen) },
    publicOrPrivate: ipv6PublicOrPrivate(kind),
    bindable: bindV6(p, kind, hostAddresses),
    nat: KIND_NAT[kind],
    summary: `${p.address}: ${text}`,
  };
}

/**
 * Classify one address as typed. Odd spellings are refused, not guessed at.
 * `prefixLen` (e.g. 24) enables the subnet and directed-broadcast answers;
 * `hostAddresses` (the host's own, with or without prefix) enables "can be bound here".
 */
export function classifyAddress(text: string, prefixLen?: number, hostAddresses?: readonly string[]): Classification {
  const p = parseAddress(text);
  if (!p.ok) return { ok: false, code: p.code, reason: p.reason };
  if (prefixLen !== undefined && !checkPrefixLen(p.version, prefixLen)) {
    return { ok: false, code: 'bad-prefix', reason: `prefix length must be a whole number 0–${p.version === 4 ? 32 : 128}` };
  }
  return p.version === 4 ? classifyV4(p, prefixLen, hostAddresses) : classifyV6(p, prefixLen, hostAddresses);
}
