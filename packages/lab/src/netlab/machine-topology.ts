import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import ipaddr from 'ipaddr.js';
import type { Topology } from '@socket-playground/protocol';

/** What `os.networkInterfaces()` returns; injected by tests (they must never touch real cards). */
export type MachineInterfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** At most this many cards and addresses per card reach the page (a laptop with Docker has dozens). */
const MAX_CARDS = 4;
const MAX_ADDRESSES_PER_CARD = 3;

interface UsableCard {
  label: string;
  cidrs: string[];
}

/**
 * The machine's own cards that a lesson can use: not the loopback interface, and no link-local
 * IPv6 addresses (they need a scope id that the lab's targets do not carry).
 */
function usableCards(interfaces: MachineInterfaces): UsableCard[] {
  const cards: UsableCard[] = [];
  for (const [label, infos] of Object.entries(interfaces)) {
    const cidrs = (infos ?? [])
      .filter((i) => !i.internal && i.cidr !== null)
      .filter((i) => !(i.family === 'IPv6' && ipaddr.parse(i.address).range() === 'linkLocal'))
      // IPv4 first: the notes' lessons are about IPv4.
      .sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1))
      .map((i) => i.cidr as string)
      .slice(0, MAX_ADDRESSES_PER_CARD);
    if (cidrs.length > 0) cards.push({ label, cidrs });
  }
  return cards.slice(0, MAX_CARDS);
}

/** Every address of this machine's usable cards, without prefix lengths. */
export function ownCardAddresses(interfaces: MachineInterfaces = networkInterfaces()): string[] {
  return usableCards(interfaces).flatMap((c) => c.cidrs.map((cidr) => cidr.split('/')[0] ?? cidr));
}

/** A card name the topology accepts (`eth0`-like): real names can be "Wi-Fi 2" or "wlp0s20f3". */
function cardName(label: string, index: number, taken: Set<string>): string {
  let name = label.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8);
  if (!/^[a-z]/.test(name) || taken.has(name)) name = `card${index}`;
  taken.add(name);
  return name;
}

function networkOf(cidr: string): string {
  const [addr, bits] = ipaddr.parseCIDR(cidr);
  const network = addr.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return `${network.toString()}/${bits}`;
}

/**
 * An address for the modelled neighbour on the same IPv4 LAN as `cidr`: the lowest host address
 * that is not ours. None when the LAN has no room for another host (/31, /32).
 */
function neighbourAddress(cidr: string, own: ReadonlySet<string>): string | undefined {
  const [addr, bits] = ipaddr.parseCIDR(cidr);
  if (addr.kind() !== 'ipv4' || bits > 30) return undefined;
  const base = ipaddr.IPv4.networkAddressFromCIDR(cidr).toByteArray().reduce((n, b) => n * 256 + b, 0);
  const hosts = 2 ** (32 - bits) - 2;
  for (let i = 1; i <= Math.min(hosts, 16); i++) {
    const n = base + i;
    const candidate = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    if (!own.has(candidate)) return `${candidate}/${bits}`;
  }
  return undefined;
}

/**
 * The who-can-connect topology of single-host mode: pc1 is this computer with its real cards;
 * pc2 is a neighbour on pc1's first IPv4 LAN that exists only in the model (nothing is ever sent to it).
 */
export function machineTopology(interfaces: MachineInterfaces = networkInterfaces()): Topology {
  const cards = usableCards(interfaces);
  const own = new Set(ownCardAddresses(interfaces));
  const networks: Record<string, string> = {};
  const taken = new Set<string>();
  const pc1Cards = cards.map((card, i) => {
    const network = `lan${i + 1}`;
    networks[network] = networkOf(card.cidrs[0] as string);
    const name = cardName(card.label, i, taken);
    return { name, network, addresses: card.cidrs, ...(name !== card.label ? { label: card.label } : {}) };
  });
  const hosts: Topology['hosts'] = [{ name: 'pc1', role: 'both', label: 'this computer', cards: pc1Cards, routes: [] }];

  const lan = pc1Cards.find((c) => c.addresses[0]?.includes('.'));
  const neighbour = lan && neighbourAddress(lan.addresses[0] as string, own);
  if (lan && neighbour) {
    // No routes: a real neighbour's default route leads to its router, which the model cannot know.
    hosts.push({
      name: 'pc2',
      role: 'client',
      label: 'a neighbour (modelled)',
      modelledOnly: true,
      cards: [{ name: 'eth0', network: lan.network, addresses: [neighbour] }],
      routes: [],
    });
  }
  return { name: 'this-machine', hosts, networks };
}
