import { NOTES_TOPOLOGY, type Topology } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import {
  bindChoice,
  bindOption,
  bindOptions,
  cardAddresses,
  clientHosts,
  describeBind,
  matrixTargets,
  parseLabPort,
  sameBind,
  serverHostOf,
  targetCaption,
} from '../src/netlab/lab-topology.ts';
import { chipOf, hostBox, layoutTopology, portX } from '../src/netlab/topology-layout.ts';
import { boundChips, routeLink } from '../src/netlab/topology-routes.ts';
import type { LiveLink } from '../src/netlab/live-links.ts';

const v4 = (address: string, port: number) => ({ address, port, family: 'IPv4' as const });

describe('the lab in the page’s words', () => {
  it('puts the server host first and tries the notes’ targets', () => {
    expect(serverHostOf(NOTES_TOPOLOGY)).toBe('pc1');
    expect(clientHosts(NOTES_TOPOLOGY)).toEqual(['pc1', 'pc2']);
    expect(matrixTargets(NOTES_TOPOLOGY)).toEqual(['127.0.0.1', '0.0.0.0', 'localhost', '::1', '192.168.0.1', '10.10.152.8', '192.168.0.2']);
    expect(cardAddresses(NOTES_TOPOLOGY, 'pc1')).toEqual(['192.168.0.1', '10.10.152.8']);
  });

  it('offers every bind of the brief, "both cards" as two listeners', () => {
    const options = bindOptions(NOTES_TOPOLOGY);
    expect(options.map((o) => o.key)).toEqual(['127.0.0.1', '192.168.0.1', 'both-cards', '0.0.0.0', '::', '0.0.0.0+::', '::1', 'localhost', 'empty']);
    expect(bindOption(options, 'both-cards').hosts).toEqual(['192.168.0.1', '10.10.152.8']);
    expect(bindOption(options, 'empty').hosts).toEqual(['']);
    expect(bindOption(options, 'nonsense').key).toBe('127.0.0.1');
  });

  it('takes ports 0–65535 only, as digits', () => {
    expect(parseLabPort('65432')).toBe(65432);
    expect(parseLabPort(' 0 ')).toBe(0);
    expect(parseLabPort('80')).toBe(80);
    for (const bad of ['', '65536', '-1', '1e3', '0x50', '12.5', 'abc']) expect(parseLabPort(bad), bad).toBeNull();
  });

  it('writes binds the way a learner would, and compares them', () => {
    const both = bindChoice(bindOption(bindOptions(NOTES_TOPOLOGY), 'both-cards'), 65432);
    expect(describeBind(both)).toBe('192.168.0.1 + 10.10.152.8 :65432');
    expect(describeBind({ hosts: ['::'], port: 80 })).toBe('[::]:80');
    expect(describeBind({ hosts: [''], port: 80 })).toBe("'':80");
    expect(sameBind(both, { hosts: ['192.168.0.1', '10.10.152.8'], port: 65432 })).toBe(true);
    expect(sameBind(both, { hosts: ['192.168.0.1'], port: 65432 })).toBe(false);
    expect(sameBind(both, { ...both, port: 1 })).toBe(false);
  });

  it('captions the columns', () => {
    expect(targetCaption(NOTES_TOPOLOGY, '10.10.152.8')).toBe('pc1 eth1');
    expect(targetCaption(NOTES_TOPOLOGY, '192.168.0.2')).toBe('pc2 eth0');
    expect(targetCaption(NOTES_TOPOLOGY, '0.0.0.0')).toBe('the wildcard');
  });
});

describe('layoutTopology', () => {
  const layout = layoutTopology(NOTES_TOPOLOGY, ['pc1', 'pc2']);

  it('places the hosts side by side without overlap, their cards inside', () => {
    const [pc1, pc2] = layout.hosts;
    expect(pc1!.name).toBe('pc1');
    expect(pc1!.x + pc1!.w).toBeLessThan(pc2!.x);
    for (const h of layout.hosts) for (const c of [h.lo, ...h.cards]) expect(c.x >= h.x && c.x + c.w <= h.x + h.w && c.y + c.h <= h.y + h.h).toBe(true);
    expect(layout.width).toBeGreaterThan(pc2!.x + pc2!.w);
  });

  it('drops every card to its own LAN, the short LAN nearer the hosts', () => {
    const lan1 = layout.lans.find((l) => l.name === 'lan1')!;
    const lan2 = layout.lans.find((l) => l.name === 'lan2')!;
    expect(lan2.y).toBeLessThan(lan1.y);
    expect(layout.drops).toHaveLength(3);
    for (const d of layout.drops) {
      const card = NOTES_TOPOLOGY.hosts.find((h) => h.name === d.host)!.cards.find((c) => c.name === d.card)!;
      const lan = layout.lans.find((l) => l.name === card.network)!;
      expect(d.y2).toBe(lan.y);
      expect(d.x >= lan.x1 && d.x <= lan.x2).toBe(true);
    }
  });

  it('keeps a LAN’s name clear of drops that pass by', () => {
    for (const lan of layout.lans) {
      const textEnd = lan.label.x + (lan.name.length + lan.prefix.length + 1) * 7.2;
      const crossing = layout.drops.filter((d) => d.y2 > lan.y && d.x > lan.label.x && d.x < textEnd && lan.label.y < d.y2);
      expect(crossing, lan.name).toEqual([]);
    }
  });
});

describe('routes of connections in the drawing', () => {
  const layout = layoutTopology(NOTES_TOPOLOGY, ['pc1', 'pc2']);
  const pc1 = hostBox(layout, 'pc1')!;
  const spot = () => ({ x: pc1.x + pc1.w / 2, y: pc1.socketRowY + 14 });

  it('takes pc2 → 10.10.152.8 in on eth0: the weak host model', () => {
    const link: LiveLink = { socketId: 's9', seq: 9, local: v4('10.10.152.8', 65432), remote: v4('192.168.0.2', 40000), open: true };
    const route = routeLink(layout, NOTES_TOPOLOGY, 'pc1', link, spot)!;
    expect(route).toMatchObject({ client: 'pc2', entryCard: 'eth0', targetCard: 'eth1', crossCard: true });
    const eth0 = chipOf(pc1, 'eth0')!;
    expect(route.d).toContain(`${Math.round(portX(eth0))} `);
  });

  it('keeps a same-host connection inside pc1 (loopback), whichever address it dialled', () => {
    const link: LiveLink = { socketId: 's3', seq: 3, local: v4('192.168.0.1', 65432), remote: v4('192.168.0.1', 40001), open: false };
    expect(routeLink(layout, NOTES_TOPOLOGY, 'pc1', link, spot)).toMatchObject({ client: 'pc1', entryCard: null, targetCard: 'eth0', crossCard: false });
  });

  it('sees an IPv4 peer of a dual-stack listener through ::ffff:', () => {
    const link: LiveLink = { socketId: 's4', seq: 4, local: { address: '::ffff:192.168.0.1', port: 65432, family: 'IPv6' }, remote: { address: '::ffff:192.168.0.2', port: 40002, family: 'IPv6' }, open: true };
    expect(routeLink(layout, NOTES_TOPOLOGY, 'pc1', link, spot)).toMatchObject({ client: 'pc2', targetCard: 'eth0', crossCard: false });
  });

  it('draws nothing for a peer outside the lab or without a listener spot', () => {
    const stranger: LiveLink = { socketId: 's5', seq: 5, local: v4('192.168.0.1', 1), remote: v4('8.8.8.8', 2), open: true };
    expect(routeLink(layout, NOTES_TOPOLOGY, 'pc1', stranger, spot)).toBeNull();
    expect(routeLink(layout, NOTES_TOPOLOGY, 'pc1', { ...stranger, remote: v4('192.168.0.2', 2) }, () => null)).toBeNull();
  });

  it('attaches a wildcard listener to every address of the host', () => {
    expect(boundChips(NOTES_TOPOLOGY, pc1, '0.0.0.0').map((c) => c.card)).toEqual(['lo', 'eth0', 'eth1']);
    expect(boundChips(NOTES_TOPOLOGY, pc1, '::').map((c) => c.card)).toEqual(['lo', 'eth0', 'eth1']);
    expect(boundChips(NOTES_TOPOLOGY, pc1, '127.0.0.1').map((c) => c.card)).toEqual(['lo']);
    expect(boundChips(NOTES_TOPOLOGY, pc1, '10.10.152.8').map((c) => c.card)).toEqual(['eth1']);
    expect(boundChips(NOTES_TOPOLOGY, pc1, '192.168.0.2')).toEqual([]);
  });

  it('lays out any small topology', () => {
    const three: Topology = {
      name: 't',
      hosts: [
        { name: 'a', role: 'server', cards: [{ name: 'eth0', network: 'n1', addresses: ['10.0.0.1/24'] }], routes: [] },
        { name: 'b', role: 'client', cards: [{ name: 'eth0', network: 'n1', addresses: ['10.0.0.2/24'] }], routes: [] },
        { name: 'c', role: 'client', cards: [], routes: [] },
      ],
      networks: { n1: '10.0.0.0/24' },
    };
    const l = layoutTopology(three, ['a', 'b', 'c']);
    expect(l.hosts.map((h) => h.name)).toEqual(['a', 'b', 'c']);
    expect(l.lans).toHaveLength(1);
    expect(l.drops).toHaveLength(2);
  });
});
