import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { Topology } from '@socket-playground/protocol';
import { machineTopology, ownCardAddresses, type MachineInterfaces } from '../src/netlab/machine-topology.ts';

/** A made-up machine: these addresses are data only, nothing is sent anywhere. */
function card(cidr: string, internal = false): NetworkInterfaceInfo {
  const address = cidr.split('/')[0] as string;
  const family = address.includes(':') ? 'IPv6' : 'IPv4';
  return { address, cidr, family, internal, mac: '00:00:00:00:00:00', netmask: '', ...(family === 'IPv6' ? { scopeid: 0 } : {}) } as NetworkInterfaceInfo;
}

const LAPTOP: MachineInterfaces = {
  lo: [card('127.0.0.1/8', true), card('::1/128', true)],
  wlp0s20f3: [card('fe80::1/64'), card('fd00::7/64'), card('192.168.1.23/24')],
  'Ethernet 2': [card('10.0.0.5/8')],
};

describe('machineTopology', () => {
  it('makes pc1 from the real cards, IPv4 first, without loopback or link-local', () => {
    const topology = Topology.parse(machineTopology(LAPTOP));
    const pc1 = topology.hosts[0];
    expect(pc1).toMatchObject({ name: 'pc1', label: 'this computer', role: 'both' });
    expect(pc1?.cards).toEqual([
      { name: 'wlp0s20f', network: 'lan1', addresses: ['192.168.1.23/24', 'fd00::7/64'], label: 'wlp0s20f3' },
      { name: 'ethernet', network: 'lan2', addresses: ['10.0.0.5/8'], label: 'Ethernet 2' },
    ]);
    expect(topology.networks).toEqual({ lan1: '192.168.1.0/24', lan2: '10.0.0.0/8' });
  });

  it('adds a modelled neighbour on the first IPv4 LAN, at an address that is not ours', () => {
    const pc2 = machineTopology({ en0: [card('192.168.1.1/24')] }).hosts[1];
    expect(pc2).toMatchObject({ name: 'pc2', modelledOnly: true, role: 'client', routes: [] });
    expect(pc2?.cards[0]?.addresses).toEqual(['192.168.1.2/24']);
  });

  it('has no neighbour where the LAN has no room, or no card at all', () => {
    expect(machineTopology({ en0: [card('203.0.113.9/32')] }).hosts.map((h) => h.name)).toEqual(['pc1']);
    const offline = machineTopology({ lo: [card('127.0.0.1/8', true)] });
    expect(offline.hosts).toEqual([{ name: 'pc1', role: 'both', label: 'this computer', cards: [], routes: [] }]);
    expect(() => Topology.parse(offline)).not.toThrow();
  });

  it('turns odd interface names into valid card names, without clashes', () => {
    const topology = machineTopology({ 'Wi-Fi': [card('10.1.0.2/16')], wifi: [card('10.2.0.2/16')], '1st': [card('10.3.0.2/16')] });
    expect(topology.hosts[0]?.cards.map((c) => c.name)).toEqual(['wifi', 'card1', 'card2']);
    expect(() => Topology.parse(topology)).not.toThrow();
  });

  it('lists this machine’s own card addresses', () => {
    expect(ownCardAddresses(LAPTOP)).toEqual(['192.168.1.23', 'fd00::7', '10.0.0.5']);
  });
});
