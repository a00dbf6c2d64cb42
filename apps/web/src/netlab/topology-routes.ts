import type { Topology } from '@socket-playground/protocol';
import { cardOf, ownerOf, unmapped, type LiveLink } from './live-links.ts';
import { chipBottom, chipOf, hostBox, pathOf, type Chip, type HostBox, type TopologyLayout } from './topology-layout.ts';

/**
 * The way a connection took through the drawing: from the client host's socket, out of its
 * card, along the LAN, into the server host's card and up to the listening socket. A client on
 * the server host itself never leaves it (loopback), whatever address it dialled.
 */
export interface LinkRoute {
  d: string;
  client: string;
  /** The server's card the packets came in on (null: loopback, same host). */
  entryCard: string | null;
  /** The server's card that holds the dialled address ('lo' for loopback). */
  targetCard: string | null;
  /** Dialled an address of another card than the one it came in on: the weak host model at work. */
  crossCard: boolean;
}

/** Where a listener accepting this link sits; the caller knows the listener pills. */
export type SpotOf = (link: LiveLink) => { x: number; y: number } | null;

/** `offset` (0, 1, 2…) keeps several connections of one run apart in the drawing. */
export function routeLink(layout: TopologyLayout, topology: Topology, serverHost: string, link: LiveLink, spotOf: SpotOf, offset = 0): LinkRoute | null {
  const server = hostBox(layout, serverHost);
  const spot = spotOf(link);
  if (!server || !spot) return null;
  const client = ownerOf(topology, link.remote.address, serverHost);
  if (!client) return null;
  const targetCard = cardOf(topology, serverHost, link.local.address);
  if (client === serverHost) {
    // Same host: the kernel loops it back through lo, whichever of its addresses was dialled.
    const from = server.client;
    const x = from.x - 4 - offset * 6;
    const y = spot.y - 3 + offset * 3;
    const d = pathOf([{ x, y: from.y + 9 }, { x, y }, { x: spot.x, y }]);
    return { d, client, entryCard: null, targetCard, crossCard: false };
  }
  const clientBox = hostBox(layout, client);
  if (!clientBox) return null;
  const hop = sharedLan(clientBox, server, targetCard);
  if (!hop) return null;
  const lan = layout.lans.find((l) => l.name === hop.network);
  if (!lan) return null;
  const o = offset * 4;
  const from = clientBox.client;
  const out = chipBottom(hop.clientChip);
  const inn = chipBottom(hop.serverChip);
  const rowY = clientBox.socketRowY + 14 + o;
  const points = [
    { x: from.x, y: from.y + 9 },
    { x: from.x, y: rowY },
    { x: out.x - o, y: rowY },
    { x: out.x - o, y: lan.y - 3 - o / 2 },
    { x: inn.x + o, y: lan.y - 3 - o / 2 },
    { x: inn.x + o, y: spot.y + o / 2 },
    { x: spot.x, y: spot.y + o / 2 },
  ];
  const d = pathOf(points);
  return { d, client, entryCard: hop.serverChip.card, targetCard, crossCard: targetCard !== null && targetCard !== hop.serverChip.card };
}

interface Hop {
  network: string;
  clientChip: Chip;
  serverChip: Chip;
}

/** The LAN both hosts are on, preferring the one of the dialled card (else the client's route goes via a shared LAN). */
function sharedLan(client: HostBox, server: HostBox, targetCard: string | null): Hop | null {
  const hops: Hop[] = [];
  for (const cc of client.cards) {
    const sc = server.cards.find((c) => c.network === cc.network);
    if (sc && cc.network) hops.push({ network: cc.network, clientChip: cc, serverChip: sc });
  }
  return hops.find((h) => h.serverChip.card === targetCard) ?? hops[0] ?? null;
}

/** The cards (and loopback) a listener bound to `address` is attached to. */
export function boundChips(topology: Topology, host: HostBox, address: string): Chip[] {
  const a = unmapped(address);
  if (a === '0.0.0.0') return [host.lo, ...host.cards.filter((c) => c.addresses.some((x) => !x.includes(':')))];
  if (a === '::') return [host.lo, ...host.cards];
  const card = cardOf(topology, host.name, a);
  const chip = card ? chipOf(host, card) : undefined;
  return chip ? [chip] : [];
}
