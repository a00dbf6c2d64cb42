import type { LabHostSpec, Topology } from '@socket-playground/protocol';
import { inPrefix, isLoopback, mustParse, parseCidr, v4Subnet, v6Network } from './parse.ts';
import type { ParsedIp } from './parse.ts';

/**
 * How a packet travels through a lab topology, the way Linux does it: longest-prefix route
 * lookup on the sending host, ARP/neighbour discovery on the chosen LAN, and delivery at the
 * host that owns the address (weak host model). Lab hosts never forward.
 */

export interface CardAddress {
  ip: ParsedIp;
  prefixLen: number;
  card: string;
  network: string;
}

export interface RouteChoice {
  kind: 'connected' | 'gateway';
  /** The route as `ip route` would show it, e.g. "default via 192.168.0.1 dev eth0". */
  text: string;
  nextHop: ParsedIp;
  /** The sending card: its LAN carries the packet, its address becomes the source (Linux's choice for one address per card). */
  out: CardAddress;
}

export type Delivery =
  | { kind: 'local'; host: string }
  | { kind: 'delivered'; host: string; arrivedOn: CardAddress; weak: boolean; route: RouteChoice }
  | { kind: 'no-route' }
  | { kind: 'no-neighbour'; route: RouteChoice }
  | { kind: 'not-forwarded'; host: string; route: RouteChoice };

export function findHost(topology: Topology, name: string): LabHostSpec {
  const host = topology.hosts.find((h) => h.name === name);
  if (!host) throw new Error(`no host "${name}" in topology "${topology.name}"`);
  return host;
}

/** Every card address of a host, parsed ("192.168.0.1/24" → address + 24). */
export function cardAddresses(host: LabHostSpec): CardAddress[] {
  return host.cards.flatMap((card) =>
    card.addresses.map((text) => {
      const c = parseCidr(text);
      if (!c) throw new Error(`${host.name}/${card.name}: "${text}" is not address/prefix`);
      return { ip: c.ip, prefixLen: c.prefixLen, card: card.name, network: card.network };
    }),
  );
}

/** Whether the host has this address: loopback always, otherwise on one of its cards. */
export function owns(host: LabHostSpec, ip: ParsedIp): boolean {
  return isLoopback(ip) || cardAddresses(host).some((c) => c.ip.address === ip.address);
}

function isSubnetBroadcast(ip: ParsedIp, c: CardAddress): boolean {
  return ip.version === 4 && c.ip.version === 4 && v4Subnet(c.ip.ip, c.prefixLen).broadcast === ip.address && inPrefix(ip, c.ip, c.prefixLen);
}

/** Is `ip` the broadcast address of one of the host's own subnets (TCP cannot use it)? */
export function isLocalBroadcast(host: LabHostSpec, ip: ParsedIp): boolean {
  return cardAddresses(host).some((c) => isSubnetBroadcast(ip, c));
}

/**
 * Longest-prefix match over the connected subnets and the host's routes. A gateway must lie in
 * a connected subnet (Linux refuses such a route otherwise), so routes that fail this are skipped.
 */
export function lookupRoute(host: LabHostSpec, dst: ParsedIp): RouteChoice | null {
  const cards = cardAddresses(host);
  const candidates: { len: number; route: RouteChoice }[] = [];
  for (const c of cards) {
    if (!inPrefix(dst, c.ip, c.prefixLen)) continue;
    const net = c.ip.version === 4 ? v4Subnet(c.ip.ip, c.prefixLen).network : v6Network(c.ip.ip, c.prefixLen);
    candidates.push({ len: c.prefixLen, route: { kind: 'connected', text: `${net}/${c.prefixLen} dev ${c.card}`, nextHop: dst, out: c } });
  }
  for (const r of host.routes) {
    const via = parseCidr(r.via);
    if (!via || via.prefixLen !== (via.ip.version === 4 ? 32 : 128) || via.ip.version !== dst.version) continue;
    const to = r.to === 'default' ? { ip: mustParse(dst.version === 4 ? '0.0.0.0' : '::', 'default'), prefixLen: 0 } : parseCidr(r.to);
    if (!to || !inPrefix(dst, to.ip, to.prefixLen)) continue;
    const out = cards.find((c) => inPrefix(via.ip, c.ip, c.prefixLen));
    if (!out) continue;
    candidates.push({ len: to.prefixLen, route: { kind: 'gateway', text: `${r.to} via ${via.ip.address} dev ${out.card}`, nextHop: via.ip, out } });
  }
  // Longest prefix wins; on a tie the earlier candidate (connected before gateway) stays.
  const best = candidates.reduce<(typeof candidates)[number] | null>((b, c) => (!b || c.len > b.len ? c : b), null);
  return best?.route ?? null;
}

/**
 * Who answers ARP (or IPv6 neighbour discovery) for `nextHop` on the LAN `network`. Linux by
 * default (arp_ignore=0) answers for any of its addresses on any card, so a host on that LAN
 * that owns the address anywhere answers.
 */
export function neighbour(topology: Topology, network: string, nextHop: ParsedIp, except: string): { host: LabHostSpec; card: CardAddress } | null {
  for (const h of topology.hosts) {
    if (h.name === except) continue;
    const cards = cardAddresses(h);
    const onLan = cards.find((c) => c.network === network && c.ip.version === nextHop.version);
    if (onLan && cards.some((c) => c.ip.address === nextHop.address)) return { host: h, card: onLan };
  }
  return null;
}

/** Send one packet from `from` to `dst` and follow it to where it ends. */
export function deliver(topology: Topology, from: string, dst: ParsedIp): Delivery {
  const src = findHost(topology, from);
  if (owns(src, dst)) return { kind: 'local', host: src.name };
  const route = lookupRoute(src, dst);
  if (!route) return { kind: 'no-route' };
  const next = neighbour(topology, route.out.network, route.nextHop, src.name);
  if (!next) return { kind: 'no-neighbour', route };
  if (!owns(next.host, dst)) return { kind: 'not-forwarded', host: next.host.name, route };
  const arrivedOn = cardAddresses(next.host).find((c) => c.network === route.out.network && c.ip.address === dst.address) ?? next.card;
  return { kind: 'delivered', host: next.host.name, arrivedOn, weak: arrivedOn.ip.address !== dst.address, route };
}
