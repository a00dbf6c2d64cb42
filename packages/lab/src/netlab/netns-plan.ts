import type { Topology } from '@socket-playground/protocol';

/**
 * Every namespace this project creates starts with this, so leftovers can be found and removed.
 * Tests that kill a bridge on purpose use their own variant (SOCKET_PLAYGROUND_NETNS_PREFIX, which
 * must itself start with "sockpg"), so other runs on the same machine leave their leftovers alone.
 */
export const NETNS_PREFIX = /^sockpg[a-z0-9]{0,6}$/.test(process.env.SOCKET_PLAYGROUND_NETNS_PREFIX ?? '') ? process.env.SOCKET_PLAYGROUND_NETNS_PREFIX! : 'sockpg';

export interface NamespacePlan {
  /** Namespace names: the switch first, then one per host. */
  switchNs: string;
  hostNs: Record<string, string>;
  /** `ip -batch` lines to run inside each namespace, in this order. */
  batches: Array<{ ns: string; lines: string[] }>;
  /** Kernel settings per namespace (written under /proc/sys inside it). */
  sysctls: Array<{ ns: string; key: string; value: string }>;
}

/** Namespace name for a run: prefix, the owning process id, and the host. */
export function namespaceName(runId: string, host: string): string {
  return `${NETNS_PREFIX}-${runId}-${host}`;
}

/**
 * Turn a topology into `ip` commands. Each LAN is a Linux bridge in a switch namespace; each
 * network card is a veth pair whose switch end joins that bridge. Switch ends come up before
 * host ends, or the first connect waits about a second for ARP.
 */
export function planNamespaces(topology: Topology, runId: string): NamespacePlan {
  const switchNs = namespaceName(runId, 'sw');
  const hostNs = Object.fromEntries(topology.hosts.map((h) => [h.name, namespaceName(runId, h.name)]));
  const sw: string[] = [];
  const networks = Object.keys(topology.networks);
  networks.forEach((net, i) => {
    sw.push(`link add br${i} type bridge`, `link set br${i} up`);
  });
  for (const host of topology.hosts) {
    for (const card of host.cards) {
      const bridge = networks.indexOf(card.network);
      if (bridge < 0) throw new Error(`card ${host.name}/${card.name} is on unknown network ${card.network}`);
      const swEnd = `${host.name}-${card.name}`;
      sw.push(`link add ${swEnd} type veth peer name ${card.name} netns ${hostNs[host.name]}`);
      sw.push(`link set ${swEnd} master br${bridge}`, `link set ${swEnd} up`);
    }
  }
  const batches = [{ ns: switchNs, lines: sw }];
  const sysctls: NamespacePlan['sysctls'] = [];
  for (const host of topology.hosts) {
    const ns = hostNs[host.name]!;
    const lines = ['link set lo up'];
    // Lab hosts never forward (as the model assumes), whatever the machine's own setting is.
    sysctls.push({ ns, key: 'net/ipv4/ip_forward', value: '0' });
    for (const card of host.cards) {
      for (const address of card.addresses) {
        // nodad: an IPv6 address is usable at once instead of after duplicate detection.
        lines.push(`addr add ${address} dev ${card.name}${address.includes(':') ? ' nodad' : ''}`);
      }
      lines.push(`link set ${card.name} up`);
      // Give up on an absent neighbour after one ARP probe of 200 ms, not three of a second:
      // EHOSTUNREACH then arrives quickly, as the who-can-connect matrix needs.
      sysctls.push({ ns, key: `net/ipv4/neigh/${card.name}/mcast_solicit`, value: '1' });
      sysctls.push({ ns, key: `net/ipv4/neigh/${card.name}/retrans_time_ms`, value: '200' });
    }
    for (const route of host.routes) {
      const family = route.via.includes(':') ? '-6 ' : '';
      lines.push(`${family}route add ${route.to} via ${route.via}`);
    }
    batches.push({ ns, lines });
  }
  return { switchNs, hostNs, batches, sysctls };
}
