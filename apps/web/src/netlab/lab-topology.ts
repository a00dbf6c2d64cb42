import type { BindChoice, Topology } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { bindHintZh, TARGET_CAPTION_ZH } from './lab-words-zh.ts';

/**
 * The who-can-connect lab in the page's words: which binds the learner can pick, which hosts
 * try to connect, and which addresses they try. Derived from the topology, so another topology
 * than the notes' one gets its own picker and matrix.
 */

/** One choice of the bind picker; `key` is what `data-bind` carries. */
export interface BindOption {
  key: string;
  /** What the button shows, e.g. "0.0.0.0" or "both cards". */
  label: string;
  /** The hosts handed to bind(), one listener each. */
  hosts: string[];
  /** One line: what this bind means. */
  hint: string;
}

export const DEFAULT_PORT = 65432;
export const DEFAULT_BIND_KEY = '127.0.0.1';

/** The address of "192.168.0.1/24". */
export function stripPrefix(cidr: string): string {
  return cidr.split('/')[0] ?? cidr;
}

export function hostSpec(topology: Topology, name: string): Topology['hosts'][number] | undefined {
  return topology.hosts.find((h) => h.name === name);
}

/** Every address on the host's cards (loopback not included), in card order. */
export function cardAddresses(topology: Topology, host: string): string[] {
  return hostSpec(topology, host)?.cards.flatMap((c) => c.addresses.map(stripPrefix)) ?? [];
}

/** The host that runs the server: the first with a server role (pc1 in the notes). */
export function serverHostOf(topology: Topology): string {
  return (topology.hosts.find((h) => h.role !== 'client') ?? topology.hosts[0])?.name ?? 'pc1';
}

/** The hosts that try to connect, in row order: every host, the server host first. */
export function clientHosts(topology: Topology): string[] {
  const server = serverHostOf(topology);
  return [server, ...topology.hosts.map((h) => h.name).filter((n) => n !== server)];
}

/** The columns: loopback, the wildcard, the name, IPv6 loopback, then every card of every host (as the bridge runs them). */
export function matrixTargets(topology: Topology): string[] {
  const cards = topology.hosts.flatMap((h) => cardAddresses(topology, h.name));
  return ['127.0.0.1', '0.0.0.0', 'localhost', '::1', ...cards];
}

/** The bind picker for a server on `serverHost`. */
export function bindOptions(topology: Topology, serverHost = serverHostOf(topology)): BindOption[] {
  const cards = cardAddresses(topology, serverHost).filter((a) => !a.includes(':'));
  const options: BindOption[] = [{ key: '127.0.0.1', label: '127.0.0.1', hosts: ['127.0.0.1'], hint: 'loopback only: this host and nobody else' }];
  const first = cards[0];
  if (first) options.push({ key: first, label: first, hosts: [first], hint: 'one card: the hosts on its LAN, and this host' });
  if (cards.length > 1) {
    options.push({ key: 'both-cards', label: 'both cards', hosts: cards.slice(0, 4), hint: `${cards.slice(0, 4).join(' + ')}: one listener per card` });
  }
  options.push(
    { key: '0.0.0.0', label: '0.0.0.0', hosts: ['0.0.0.0'], hint: 'the IPv4 wildcard: every IPv4 address of this host' },
    { key: '::', label: '::', hosts: ['::'], hint: 'the IPv6 wildcard, dual-stack: IPv4 peers too' },
    { key: '0.0.0.0+::', label: '0.0.0.0 + ::', hosts: ['0.0.0.0', '::'], hint: 'two wildcard listeners on one port: the second bind() clashes' },
    { key: '::1', label: '::1', hosts: ['::1'], hint: 'IPv6 loopback only' },
    { key: 'localhost', label: 'localhost', hosts: ['localhost'], hint: 'a name: bind() gets what it resolves to' },
    { key: 'empty', label: '"" (empty)', hosts: [''], hint: "bind(('', port)): INADDR_ANY, the same as 0.0.0.0" },
  );
  return options;
}

export function bindOption(options: readonly BindOption[], key: string): BindOption {
  return options.find((o) => o.key === key) ?? options[0]!;
}

/** What a port field holds: 0–65535 (0: the kernel chooses; below 1024 is fine inside the lab). */
export function parseLabPort(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,5}$/.test(t)) return null;
  const n = Number(t);
  return n <= 65535 ? n : null;
}

export function bindChoice(option: BindOption, port: number): BindChoice {
  return { hosts: option.hosts, port };
}

/** Whether two binds are the same request (the shown result still belongs to the picker's bind). */
export function sameBind(a: BindChoice, b: BindChoice): boolean {
  return a.port === b.port && a.hosts.length === b.hosts.length && a.hosts.every((h, i) => h === b.hosts[i]);
}

/** The bind as a learner would write it: "0.0.0.0:65432", "[::]:65432", "192.168.0.1 + 10.10.152.8 :65432". */
export function describeBind(bind: BindChoice): string {
  const hosts = bind.hosts.map((h) => (h === '' ? "''" : h.includes(':') ? `[${h}]` : h));
  return hosts.length === 1 ? `${hosts[0]}:${bind.port}` : `${hosts.join(' + ')} :${bind.port}`;
}

/** The option's hint in `lang` (the labels are addresses, but for "both cards" and "empty"). */
export function localBindOption(option: BindOption, lang: Lang): { label: string; hint: string } {
  if (lang === 'en') return { label: option.label, hint: option.hint };
  const label = option.key === 'both-cards' ? '两块网卡' : option.key === 'empty' ? '"" （空）' : option.label;
  return { label, hint: bindHintZh(option.key, option.hosts.join(' + ')) };
}

/** The small print under a column's address: what it is in this lab. */
export function targetCaption(topology: Topology, target: string, lang: Lang = 'en'): string {
  const zh = lang === 'zh' ? TARGET_CAPTION_ZH[target] : undefined;
  if (zh) return zh;
  switch (target) {
    case '127.0.0.1':
      return 'loopback';
    case '0.0.0.0':
      return 'the wildcard';
    case 'localhost':
      return 'a name';
    case '::1':
      return 'IPv6 loopback';
  }
  for (const host of topology.hosts) {
    const card = host.cards.find((c) => c.addresses.some((a) => stripPrefix(a) === target));
    if (card) return `${host.name} ${card.name}`;
  }
  return '';
}
