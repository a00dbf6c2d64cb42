import { describe, expect, it } from 'vitest';
import { NOTES_TOPOLOGY } from '@socket-playground/protocol';
import { namespaceName, planNamespaces } from '../src/netlab/netns-plan.ts';

describe('planNamespaces', () => {
  const plan = planNamespaces(NOTES_TOPOLOGY, '42');
  it('names every namespace with the prefix and run id', () => {
    expect(plan.switchNs).toBe('sockpg-42-sw');
    expect(plan.hostNs).toEqual({ pc1: 'sockpg-42-pc1', pc2: 'sockpg-42-pc2' });
    expect(namespaceName('42', 'pc1')).toBe(plan.hostNs.pc1);
  });
  it('builds the switch first, with its veth ends up before any host end', () => {
    const [sw, ...hosts] = plan.batches;
    expect(sw?.ns).toBe(plan.switchNs);
    expect(sw?.lines).toContain('link add pc1-eth0 type veth peer name eth0 netns sockpg-42-pc1');
    expect(sw?.lines).toContain('link set pc2-eth0 master br0');
    expect(sw?.lines).toContain('link set pc1-eth1 master br1');
    expect(hosts.map((h) => h.ns)).toEqual(['sockpg-42-pc1', 'sockpg-42-pc2']);
  });
  it('gives each host its addresses, loopback and routes', () => {
    const pc2 = plan.batches.find((b) => b.ns === 'sockpg-42-pc2')?.lines ?? [];
    expect(pc2).toEqual(['link set lo up', 'addr add 192.168.0.2/24 dev eth0', 'link set eth0 up', 'route add default via 192.168.0.1']);
  });
  it('makes a missing neighbour fail fast (one ARP probe of 200 ms)', () => {
    expect(plan.sysctls).toContainEqual({ ns: 'sockpg-42-pc1', key: 'net/ipv4/neigh/eth1/retrans_time_ms', value: '200' });
  });
  it('refuses a card on an unknown network', () => {
    const broken = { ...NOTES_TOPOLOGY, networks: { lan1: '192.168.0.0/24' } };
    expect(() => planNamespaces(broken, '1')).toThrow(/unknown network lan2/);
  });
});

describe('labPrefixes', () => {
  it('lists every prefix the cards live on, IPv6 included: the only destinations beyond loopback', async () => {
    const { labPrefixes } = await import('../src/netlab/netns-lab.ts');
    const topology = {
      ...NOTES_TOPOLOGY,
      hosts: [{ name: 'pc1', role: 'both' as const, cards: [{ name: 'eth0', network: 'lan1', addresses: ['192.168.0.1/24', 'fd00::1/64'] }], routes: [] }],
    };
    expect(labPrefixes(topology).sort()).toEqual(['10.10.152.0/24', '192.168.0.0/24', 'fd00::/64']);
  });
});
