import type { Topology } from '@socket-playground/protocol';

/**
 * Where the topology drawing puts things, in SVG user units: hosts as boxes side by side, each
 * with its loopback on top and its network cards along the bottom; LANs as lines below the
 * hosts, every card dropping down to its LAN. Pure, so the geometry is tested without a browser.
 */
export interface Chip {
  /** 'lo' or the card's name. */
  card: string;
  /** Addresses as the drawing prints them (with prefix for cards). */
  addresses: string[];
  network: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface HostBox {
  name: string;
  role: Topology['hosts'][number]['role'];
  x: number;
  y: number;
  w: number;
  h: number;
  lo: Chip;
  cards: Chip[];
  /** The middle row, where listening sockets sit. */
  socketRowY: number;
  /** Where this host's client sockets start (top right of the box). */
  client: { x: number; y: number };
}

export interface LanLine {
  name: string;
  prefix: string;
  y: number;
  x1: number;
  x2: number;
  /** Where the name goes: after the line's end, or under its start when a drop would cross the text. */
  label: { x: number; y: number };
}

export interface Drop {
  host: string;
  card: string;
  x: number;
  y1: number;
  y2: number;
}

export interface TopologyLayout {
  width: number;
  height: number;
  hosts: HostBox[];
  lans: LanLine[];
  drops: Drop[];
}

const PAD = 16;
const HOST_GAP = 110;
const CHIP_W = 150;
const CHIP_GAP = 12;
const INNER = 12;
const LO_Y = 34;
const LO_H = 28;
const SOCKET_Y = 72;
const CARD_Y = 110;
const CARD_H = 38;
const BOX_H = CARD_Y + CARD_H + 10;
const LAN_FIRST = 36;
const LAN_STEP = 32;
const LAN_LABEL_ROOM = 170;
/** Where a card's cable leaves it: near its right edge, clear of the card's text. */
const PORT_INSET = 22;

export function portX(chip: Chip): number {
  return chip.x + chip.w - PORT_INSET;
}

function placeHosts(topology: Topology, order: readonly string[]): HostBox[] {
  const hosts: HostBox[] = [];
  let x = PAD;
  const specs = order.map((n) => topology.hosts.find((h) => h.name === n)).filter((h) => h !== undefined);
  for (const spec of specs) {
    const n = Math.max(1, spec.cards.length);
    const w = Math.max(200, n * CHIP_W + (n - 1) * CHIP_GAP + 2 * INNER);
    const y = PAD;
    const cards = spec.cards.map((card, i): Chip => ({
      card: card.name,
      addresses: card.addresses,
      network: card.network,
      x: x + INNER + i * (CHIP_W + CHIP_GAP),
      y: y + CARD_Y,
      w: CHIP_W,
      h: CARD_H,
    }));
    const lo: Chip = { card: 'lo', addresses: ['127.0.0.1', '::1'], network: null, x: x + INNER, y: y + LO_Y, w: w - 2 * INNER, h: LO_H };
    hosts.push({ name: spec.name, role: spec.role, x, y, w, h: BOX_H, lo, cards, socketRowY: y + SOCKET_Y, client: { x: x + w - 34, y: y + 14 } });
    x += w + HOST_GAP;
  }
  return hosts;
}

export function layoutTopology(topology: Topology, order: readonly string[]): TopologyLayout {
  const hosts = placeHosts(topology, order);
  const hostsRight = Math.max(PAD, ...hosts.map((h) => h.x + h.w));
  const bottom = PAD + BOX_H;

  // Members of each LAN: the port of every card that plugs into it.
  const members = new Map<string, number[]>();
  for (const host of hosts) for (const c of host.cards) if (c.network) members.set(c.network, [...(members.get(c.network) ?? []), portX(c)]);
  const spans = Object.entries(topology.networks).map(([name, prefix]) => {
    const xs = members.get(name) ?? [];
    const x1 = xs.length ? Math.min(...xs) - 24 : PAD;
    const x2 = xs.length > 1 ? Math.max(...xs) + 24 : x1 + 84;
    return { name, prefix, x1, x2, width: x2 - x1 };
  });
  // Short LANs nearest the hosts, so fewer drops cross a line that is not theirs.
  spans.sort((a, b) => a.width - b.width);
  const levels = spans.map((s, i) => ({ ...s, y: bottom + LAN_FIRST + i * LAN_STEP }));
  const drops: Drop[] = [];
  for (const host of hosts) {
    for (const c of host.cards) {
      const lan = levels.find((l) => l.name === c.network);
      if (lan) drops.push({ host: host.name, card: c.card, x: portX(c), y1: c.y + c.h, y2: lan.y });
    }
  }
  const lans: LanLine[] = levels.map((l) => {
    const textW = (l.name.length + l.prefix.length + 1) * 7.2;
    const crossed = drops.some((d) => d.y2 > l.y && d.x > l.x2 && d.x < l.x2 + 12 + textW);
    const label = crossed ? { x: l.x1 + 2, y: l.y + 17 } : { x: l.x2 + 8, y: l.y + 4 };
    return { name: l.name, prefix: l.prefix, y: l.y, x1: l.x1, x2: l.x2, label };
  });
  const right = Math.max(hostsRight, ...lans.map((l) => l.label.x + LAN_LABEL_ROOM - 8));
  const lowest = Math.max(bottom, ...lans.map((l) => Math.max(l.y, l.label.y)));
  return { width: right + PAD, height: lowest + PAD, hosts, lans, drops };
}

export function hostBox(layout: TopologyLayout, name: string): HostBox | undefined {
  return layout.hosts.find((h) => h.name === name);
}

export function chipOf(host: HostBox, card: string): Chip | undefined {
  return card === 'lo' ? host.lo : host.cards.find((c) => c.card === card);
}

/** Where a listening socket sits: above its one card, under its loopback, or centred for a wildcard. */
export function listenerSpot(host: HostBox, chips: readonly Chip[], index: number, count: number): { x: number; y: number } {
  const y = host.socketRowY + 14;
  const only = chips.length === 1 ? chips[0] : undefined;
  if (only && only.card !== 'lo') return { x: only.x + only.w / 2, y };
  // Centred listeners (loopback, wildcards) share the row evenly.
  return { x: host.x + (host.w * (index + 1)) / (count + 1), y };
}

/** A polyline as an SVG path. */
export function pathOf(points: ReadonlyArray<{ x: number; y: number }>): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${Math.round(p.x)} ${Math.round(p.y)}`).join(' ');
}

/** A card's port (where its cable leaves) on its top or bottom edge. */
export function chipTop(chip: Chip): { x: number; y: number } {
  return { x: portX(chip), y: chip.y };
}
export function chipBottom(chip: Chip): { x: number; y: number } {
  return { x: portX(chip), y: chip.y + chip.h };
}
