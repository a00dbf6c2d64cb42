import { NOTES_TOPOLOGY } from '@socket-playground/protocol';
import type { LabHostSpec, Topology } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES, deliver, isRuleId, lookupRoute, predictMatrix, predictReach, targetsFor } from '../src/index.ts';
import type { Os, Prediction, RuleId } from '../src/index.ts';
import { findHost } from '../src/routing.ts';
import { mustParse } from '../src/parse.ts';

const host = (name: string, network: string, address: string, routes: LabHostSpec['routes'] = []): LabHostSpec => ({
  name,
  role: 'client',
  cards: [{ name: 'eth0', network, addresses: [address] }],
  routes,
});

/**
 * The notes' two hosts plus, on lan2 (10.10.152.0/24):
 *  pc3 with a default route via pc1 (10.10.152.8), pc4 with no route at all,
 *  pc5 whose card says /16 (it thinks 10.10.0.0/16 is all on its LAN; pc1 has no way back),
 *  and pc6 with no card at all.
 */
const LAB: Topology = {
  name: 'three-lans',
  hosts: [
    ...NOTES_TOPOLOGY.hosts,
    host('pc3', 'lan2', '10.10.152.9/24', [{ to: 'default', via: '10.10.152.8' }]),
    host('pc4', 'lan2', '10.10.152.10/24'),
    host('pc5', 'lan2', '10.10.0.5/16'),
    { name: 'pc6', role: 'client', cards: [], routes: [] },
  ],
  networks: NOTES_TOPOLOGY.networks,
};

function reach(client: string, target: string, binds: string[] = ['0.0.0.0'], os: Os = 'linux', topology: Topology = LAB): Prediction {
  return predictReach({ topology, serverHost: 'pc1', binds, clientHost: client, target, port: 7000, os });
}

const brief = (p: Prediction) => `${p.outcome}/${p.rule}`;

describe('a third host and hosts without routes (Linux, server pc1 on 0.0.0.0)', () => {
  const cases: [string, string, string][] = [
    ['pc3', '10.10.152.8', 'connected/R-LISTENER-MATCH'],
    ['pc3', '192.168.0.1', 'connected/R-WEAK-HOST'],
    ['pc3', '192.168.0.2', 'ETIMEDOUT/R-NO-FORWARDING'],
    ['pc2', '10.10.152.9', 'ETIMEDOUT/R-NO-FORWARDING'],
    ['pc2', '8.8.8.8', 'ETIMEDOUT/R-NO-FORWARDING'],
    ['pc1', '10.10.152.9', 'ECONNREFUSED/R-NO-LISTENER'],
    ['pc3', '10.10.152.10', 'ECONNREFUSED/R-NO-LISTENER'],
    ['pc3', '127.0.0.1', 'ECONNREFUSED/R-LOOPBACK-IS-LOCAL'],
    ['pc4', '10.10.152.8', 'connected/R-LISTENER-MATCH'],
    ['pc4', '192.168.0.1', 'ENETUNREACH/R-NO-ROUTE'],
    ['pc4', '8.8.8.8', 'ENETUNREACH/R-NO-ROUTE'],
    ['pc4', '10.10.152.77', 'EHOSTUNREACH/R-NO-NEIGHBOUR'],
    ['pc2', '192.168.0.77', 'EHOSTUNREACH/R-NO-NEIGHBOUR'],
    ['pc5', '10.10.152.8', 'ETIMEDOUT/R-NO-RETURN-ROUTE'],
    ['pc5', '10.10.152.9', 'ETIMEDOUT/R-NO-RETURN-ROUTE'],
    ['pc5', '10.10.7.7', 'EHOSTUNREACH/R-NO-NEIGHBOUR'],
    ['pc6', '192.168.0.1', 'ENETUNREACH/R-NO-ROUTE'],
    ['pc6', '0.0.0.0', 'ECONNREFUSED/R-ZERO-IS-LOOPBACK'],
  ];
  for (const [client, target, expected] of cases) {
    it(`${client} → ${target}: ${expected}`, () => expect(brief(reach(client, target))).toBe(expected));
  }

  it('the weak-host path needs the gateway route: without it pc3 gets ENETUNREACH', () => {
    const noRoute: Topology = { ...LAB, hosts: LAB.hosts.map((h) => (h.name === 'pc3' ? { ...h, routes: [] } : h)) };
    expect(brief(reach('pc3', '192.168.0.1', ['0.0.0.0'], 'linux', noRoute))).toBe('ENETUNREACH/R-NO-ROUTE');
  });

  it('a bind on one card is reached from the other LAN through pc1 itself', () => {
    expect(brief(reach('pc3', '192.168.0.1', ['192.168.0.1']))).toBe('connected/R-WEAK-HOST');
    expect(brief(reach('pc3', '10.10.152.8', ['192.168.0.1']))).toBe('ECONNREFUSED/R-NO-LISTENER');
    expect(brief(reach('pc3', '192.168.0.1', ['127.0.0.1']))).toBe('ECONNREFUSED/R-LOOPBACK-BIND-PRIVATE');
  });

  it('a timeout for no forwarding names the host that dropped the SYN', () => {
    expect(reach('pc2', '10.10.152.9').reachedHost).toBe('pc1');
    expect(reach('pc2', '10.10.152.9').why).toContain('do not forward');
  });

  it('the matrix has a column per card address, each once', () => {
    const cols = targetsFor(LAB, 'pc3').map((c) => c.target);
    expect(cols).toEqual(['127.0.0.1', '0.0.0.0', 'localhost', '::1', '192.168.0.1', '10.10.152.8', '192.168.0.2', '10.10.152.9', '10.10.152.10', '10.10.0.5']);
    const m = predictMatrix(LAB, 'pc1', { hosts: ['0.0.0.0'], port: 1 }, 'linux');
    expect(m.rows.map((r) => r.client)).toEqual(['pc1', 'pc2', 'pc3', 'pc4', 'pc5', 'pc6']);
  });
});

describe('routing details', () => {
  it('picks the longest prefix, connected before a default route', () => {
    const pc3 = findHost(LAB, 'pc3');
    expect(lookupRoute(pc3, mustParse('10.10.152.10', 't'))?.text).toBe('10.10.152.0/24 dev eth0');
    expect(lookupRoute(pc3, mustParse('1.1.1.1', 't'))?.text).toBe('default via 10.10.152.8 dev eth0');
    expect(lookupRoute(pc3, mustParse('::2', 't'))).toBeNull();
  });

  it('ignores a route whose gateway is not on a connected LAN', () => {
    const odd: Topology = { ...LAB, hosts: [...LAB.hosts.slice(0, 3), host('pc4', 'lan2', '10.10.152.10/24', [{ to: 'default', via: '172.16.0.1' }])] };
    expect(lookupRoute(findHost(odd, 'pc4'), mustParse('8.8.8.8', 't'))).toBeNull();
  });

  it('follows a packet to its end', () => {
    expect(deliver(LAB, 'pc2', mustParse('10.10.152.8', 't'))).toMatchObject({ kind: 'delivered', host: 'pc1', weak: true });
    expect(deliver(LAB, 'pc2', mustParse('192.168.0.2', 't'))).toMatchObject({ kind: 'local', host: 'pc2' });
    expect(deliver(LAB, 'pc2', mustParse('10.10.152.9', 't'))).toMatchObject({ kind: 'not-forwarded', host: 'pc1' });
  });
});

describe('special targets', () => {
  it('broadcast and multicast cannot be connected to', () => {
    expect(brief(reach('pc2', '255.255.255.255'))).toBe('ENETUNREACH/R-NOT-UNICAST');
    expect(brief(reach('pc2', '192.168.0.255'))).toBe('ENETUNREACH/R-NOT-UNICAST');
    expect(brief(reach('pc2', '224.0.0.1'))).toBe('ENETUNREACH/R-NOT-UNICAST');
  });

  it('refuses odd spellings with EINVAL', () => {
    expect(brief(reach('pc1', '0x7f.1'))).toBe('EINVAL/R-INVALID-TARGET');
    expect(brief(reach('pc1', 'localhost'))).toBe('EINVAL/R-INVALID-TARGET');
  });

  it('an IPv4-mapped target is the IPv4 address it carries', () => {
    const p = reach('pc1', '::ffff:127.0.0.1', ['127.0.0.1']);
    expect(brief(p)).toBe('connected/R-LOOPBACK-IS-LOCAL');
    expect(p.why).toContain('IPv4-mapped');
  });

  it('any 127.x.y.z is the client itself, but only a listener on that exact address or a wildcard takes it', () => {
    expect(brief(reach('pc1', '127.0.0.2', ['127.0.0.1']))).toBe('ECONNREFUSED/R-LOOPBACK-IS-LOCAL');
    expect(brief(reach('pc1', '127.0.0.2', ['0.0.0.0']))).toBe('connected/R-LOOPBACK-IS-LOCAL');
  });

  it('throws for an unknown host or an unresolved bind', () => {
    expect(() => reach('pc9', '127.0.0.1')).toThrow(/pc9/);
    expect(() => reach('pc1', '127.0.0.1', ['localhost'])).toThrow(/bind/);
  });
});

describe('IPv6 on the wire', () => {
  const V6: Topology = {
    name: 'v6',
    hosts: [
      { name: 'pc1', role: 'server', cards: [{ name: 'eth0', network: 'lan1', addresses: ['fd00::1/64', '192.168.0.1/24'] }], routes: [] },
      { name: 'pc2', role: 'client', cards: [{ name: 'eth0', network: 'lan1', addresses: ['fd00::2/64'] }], routes: [] },
    ],
    networks: { lan1: 'fd00::/64' },
  };
  const r6 = (target: string, binds: string[]) => brief(reach('pc2', target, binds, 'linux', V6));

  it('a dual-stack :: listener takes IPv6 from another host; 0.0.0.0 does not', () => {
    expect(r6('fd00::1', ['::'])).toBe('connected/R-LISTENER-MATCH');
    expect(r6('fd00::1', ['0.0.0.0'])).toBe('ECONNREFUSED/R-NO-LISTENER');
    expect(reach('pc2', 'fd00::1', ['0.0.0.0'], 'linux', V6).why).toContain('IPv4');
    expect(r6('fd00::1', ['::1'])).toBe('ECONNREFUSED/R-LOOPBACK-BIND-PRIVATE');
  });

  it(':: as a target is ::1 on the client; no IPv4 route from an IPv6-only host', () => {
    expect(r6('::', ['::'])).toBe('ECONNREFUSED/R-ZERO-IS-LOOPBACK');
    expect(r6('192.168.0.1', ['::'])).toBe('ENETUNREACH/R-NO-ROUTE');
    expect(r6('fd00::9', ['::'])).toBe('EHOSTUNREACH/R-NO-NEIGHBOUR');
    expect(r6('ff02::1', ['::'])).toBe('ENETUNREACH/R-NOT-UNICAST');
  });
});

describe('rule catalogue', () => {
  const examples: [RuleId, () => Prediction][] = [
    ['R-INVALID-TARGET', () => reach('pc1', '127.1')],
    ['R-ZERO-IS-LOOPBACK', () => reach('pc1', '0.0.0.0')],
    ['R-ZERO-INVALID-WINDOWS', () => reach('pc1', '::', ['::'], 'windows')],
    ['R-LOOPBACK-IS-LOCAL', () => reach('pc2', '127.0.0.1')],
    ['R-NOT-UNICAST', () => reach('pc1', '10.10.152.255')],
    ['R-LOCAL-ADDRESS', () => reach('pc1', '10.10.152.8')],
    ['R-NO-ROUTE', () => reach('pc4', '192.168.0.2')],
    ['R-NO-NEIGHBOUR', () => reach('pc1', '192.168.0.99')],
    ['R-NO-FORWARDING', () => reach('pc3', '192.168.0.2')],
    ['R-STRONG-HOST', () => reach('pc3', '192.168.0.1', ['0.0.0.0'], 'windows')],
    ['R-NO-RETURN-ROUTE', () => reach('pc5', '10.10.152.8')],
    ['R-WEAK-HOST', () => reach('pc2', '10.10.152.8')],
    ['R-LISTENER-MATCH', () => reach('pc2', '192.168.0.1')],
    ['R-LOOPBACK-BIND-PRIVATE', () => reach('pc2', '192.168.0.1', ['127.0.0.1'])],
    ['R-NO-LISTENER', () => reach('pc2', '192.168.0.1', ['10.10.152.8'])],
  ];
  for (const [rule, run] of examples) {
    it(`${rule} decides a cell, with an outcome it lists`, () => {
      const p = run();
      expect(p.rule).toBe(rule);
      expect(RULES[rule].outcomes as readonly string[]).toContain(p.outcome);
      expect(p.rules).toContain(rule);
      expect(p.why.length).toBeGreaterThan(20);
    });
  }
  it('every rule has an example, and only known ids exist', () => {
    expect(examples.map(([rule]) => rule).sort()).toEqual([...RULE_IDS].sort());
    expect(isRuleId('R-WEAK-HOST')).toBe(true);
    expect(isRuleId('R-NOPE')).toBe(false);
  });
});
