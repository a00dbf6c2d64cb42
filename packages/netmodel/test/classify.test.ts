import { describe, expect, it } from 'vitest';
import { classifyAddress, parseAddress } from '../src/index.ts';
import type { Classification, Ipv4Classification, Ipv6Classification } from '../src/index.ts';

function v4(text: string, prefixLen?: number, hostAddresses?: readonly string[]): Ipv4Classification {
  const c: Classification = classifyAddress(text, prefixLen, hostAddresses);
  if (!c.ok || c.version !== 4) throw new Error(`expected IPv4 for ${text}`);
  return c;
}

function v6(text: string, hostAddresses?: readonly string[]): Ipv6Classification {
  const c = classifyAddress(text, undefined, hostAddresses);
  if (!c.ok || c.version !== 6) throw new Error(`expected IPv6 for ${text}`);
  return c;
}

describe('strict parsing', () => {
  const refused: [string, string][] = [
    ['0x7f.1', 'ipv4-not-dotted-quad'],
    ['017700000001', 'ipv4-not-dotted-quad'],
    ['127.1', 'ipv4-not-dotted-quad'],
    ['2130706433', 'ipv4-not-dotted-quad'],
    ['01.2.3.4', 'ipv4-not-dotted-quad'],
    ['1.2.3.04', 'ipv4-not-dotted-quad'],
    ['256.1.1.1', 'ipv4-not-dotted-quad'],
    ['1.2.3.4.5', 'ipv4-not-dotted-quad'],
    ['fe80::1%eth0', 'zone-id'],
    ['[::1]', 'brackets'],
    [' 127.0.0.1', 'whitespace'],
    ['', 'empty'],
    ['localhost', 'not-an-address'],
    ['1:2:3:4:5:6:7:8:9', 'not-an-address'],
    ['12345::1', 'not-an-address'],
    ['::ffff:127.1', 'ipv4-not-dotted-quad'],
    ['::ffff:01.2.3.4', 'ipv4-not-dotted-quad'],
    ['1::2::3', 'not-an-address'],
  ];
  for (const [text, code] of refused) {
    it(`refuses ${JSON.stringify(text)} (${code})`, () => {
      const c = classifyAddress(text);
      expect(c.ok).toBe(false);
      if (!c.ok) {
        expect(c.code).toBe(code);
        expect(c.reason.length).toBeGreaterThan(5);
      }
    });
  }

  it('accepts canonical forms and normalises IPv6', () => {
    expect(parseAddress('0.0.0.0')).toMatchObject({ ok: true, address: '0.0.0.0' });
    expect(parseAddress('2001:DB8:0:0::1')).toMatchObject({ ok: true, address: '2001:db8::1' });
    expect(parseAddress('::FFFF:C0A8:1')).toMatchObject({ ok: true, address: '::ffff:192.168.0.1' });
  });

  it('reads ::1.2.3.4 as the old IPv4-compatible form, not as IPv4-mapped', () => {
    expect(v6('::1.2.3.4')).toMatchObject({ address: '::102:304', kind: 'ipv4-compatible', mapsTo: null });
  });

  it('refuses a prefix length out of range', () => {
    expect(classifyAddress('10.0.0.1', 33)).toMatchObject({ ok: false, code: 'bad-prefix' });
    expect(classifyAddress('10.0.0.1', 8.5)).toMatchObject({ ok: false, code: 'bad-prefix' });
    expect(classifyAddress('::1', 128).ok).toBe(true);
  });
});

describe('IPv4 classes', () => {
  const classes: [string, string, string | null, string | null][] = [
    ['10.1.2.3', 'A', '10', '1.2.3'],
    ['126.255.0.1', 'A', '126', '255.0.1'],
    ['172.16.5.4', 'B', '172.16', '5.4'],
    ['191.255.1.1', 'B', '191.255', '1.1'],
    ['192.168.0.1', 'C', '192.168.0', '1'],
    ['223.1.1.1', 'C', '223.1.1', '1'],
    ['224.0.0.1', 'D', null, null],
    ['239.255.255.250', 'D', null, null],
    ['240.0.0.1', 'E', null, null],
  ];
  for (const [addr, letter, net, hostPart] of classes) {
    it(`${addr} is class ${letter}`, () => {
      const c = v4(addr);
      expect(c.class.letter).toBe(letter);
      expect(c.class.networkPart).toBe(net);
      expect(c.class.hostPart).toBe(hostPart);
    });
  }

  it('gives the leading bits and the split', () => {
    expect(v4('10.0.0.1').class).toMatchObject({ leadingBits: '0', networkBits: 8, hostBits: 24 });
    expect(v4('172.16.0.1').class).toMatchObject({ leadingBits: '10', networkBits: 16, hostBits: 16 });
    expect(v4('192.168.0.1').class).toMatchObject({ leadingBits: '110', networkBits: 24, hostBits: 8 });
    expect(v4('230.0.0.1').class).toMatchObject({ leadingBits: '1110', networkBits: null });
    expect(v4('250.0.0.1').class).toMatchObject({ leadingBits: '1111', networkBits: null });
  });
});

describe('IPv4 scopes and private ranges', () => {
  const scopes: [string, string, string, string | null][] = [
    ['127.0.0.1', 'loopback', 'special', null],
    ['127.8.9.10', 'loopback', 'special', null],
    ['0.0.0.0', 'unspecified', 'special', null],
    ['0.1.2.3', 'this-network', 'special', null],
    ['10.255.255.255', 'private', 'private', '10.0.0.0/8'],
    ['172.16.0.1', 'private', 'private', '172.16.0.0/12'],
    ['172.31.255.254', 'private', 'private', '172.16.0.0/12'],
    ['172.32.0.1', 'public', 'public', null],
    ['172.15.255.255', 'public', 'public', null],
    ['192.168.100.1', 'private', 'private', '192.168.0.0/16'],
    ['169.254.1.1', 'link-local', 'special', null],
    ['100.64.0.1', 'shared', 'special', null],
    ['100.127.255.254', 'shared', 'special', null],
    ['100.128.0.1', 'public', 'public', null],
    ['224.0.0.251', 'multicast', 'special', null],
    ['255.255.255.255', 'limited-broadcast', 'special', null],
    ['240.1.2.3', 'reserved', 'special', null],
    ['192.0.2.7', 'documentation', 'special', null],
    ['198.51.100.7', 'documentation', 'special', null],
    ['203.0.113.7', 'documentation', 'special', null],
    ['8.8.8.8', 'public', 'public', null],
  ];
  for (const [addr, scope, pp, range] of scopes) {
    it(`${addr}: ${scope}`, () => {
      const c = v4(addr);
      expect(c.scope).toBe(scope);
      expect(c.publicOrPrivate).toBe(pp);
      expect(c.privateRange).toBe(range);
      expect(c.nat.length).toBeGreaterThan(10);
    });
  }

  it('explains NAT differently for private, loopback and public', () => {
    expect(v4('192.168.0.2').nat).toMatch(/public address/);
    expect(v4('127.0.0.1').nat).toMatch(/never leaves/i);
    expect(v4('8.8.8.8').nat).toMatch(/as it is/);
    expect(v4('100.64.1.1').nat).toMatch(/carrier-grade/);
  });
});

describe("the notes' special-address table", () => {
  it('{0,0}: this host, source only', () => {
    expect(v4('0.0.0.0').special).toMatchObject({ row: '{0,0}', usableAs: 'source' });
  });
  it('{0,host-id}: a host on this network, source only', () => {
    expect(v4('0.0.0.7').special).toMatchObject({ row: '{0,host-id}', usableAs: 'source' });
  });
  it('{-1,-1}: limited broadcast, destination only', () => {
    expect(v4('255.255.255.255').special).toMatchObject({ row: '{-1,-1}', usableAs: 'destination' });
  });
  it('{127,any}: loopback', () => {
    expect(v4('127.0.0.1').special).toMatchObject({ row: '{127,any}', usableAs: 'both' });
    expect(v4('127.255.255.255', 8).special?.row).toBe('{127,any}');
  });
  it('directed broadcast needs a prefix', () => {
    expect(v4('192.168.0.255').special).toBeNull();
    expect(v4('192.168.0.255', 24)).toMatchObject({ special: { row: '{net-id,-1}', usableAs: 'destination' }, subnet: { network: '192.168.0.0', broadcast: '192.168.0.255', role: 'broadcast-address', mask: '255.255.255.0' } });
    expect(v4('10.1.255.255', 16).special?.row).toBe('{net-id,subnet-id,-1}');
    expect(v4('10.255.255.255', 16).special?.row).toBe('{net-id,-1,-1}');
    expect(v4('10.255.255.255', 8).special?.row).toBe('{net-id,-1}');
    expect(v4('192.168.0.254', 24).special).toBeNull();
    expect(v4('192.168.0.255', 31).special).toBeNull();
  });
  it('a directed broadcast cannot be bound and is dropped by routers', () => {
    const c = v4('192.168.0.255', 24);
    expect(c.bindable.verdict).toBe('no');
    expect(c.nat).toMatch(/directed broadcast/);
  });
  it('knows the network address of a subnet', () => {
    expect(v4('192.168.0.0', 24).subnet?.role).toBe('network-address');
    expect(v4('192.168.0.9', 24).subnet?.role).toBe('host');
    expect(v4('10.0.0.1', 32).subnet).toMatchObject({ broadcast: null, role: 'host' });
  });
});

describe('bindable', () => {
  it('0.0.0.0 means every IPv4 address of the host', () => {
    expect(v4('0.0.0.0').bindable).toMatchObject({ verdict: 'yes', here: true });
    expect(v4('0.0.0.0').bindable.meaning).toMatch(/every IPv4 address/);
  });
  it('loopback can always be bound', () => {
    expect(v4('127.0.0.1').bindable.verdict).toBe('yes');
  });
  it('a unicast address only on a host that has it', () => {
    const hostAddresses = ['192.168.0.1/24', '10.10.152.8/24'];
    expect(v4('192.168.0.1').bindable).toMatchObject({ verdict: 'if-host-has-it', here: null });
    expect(v4('192.168.0.1', undefined, hostAddresses).bindable.here).toBe(true);
    const not = v4('192.168.0.2', undefined, hostAddresses).bindable;
    expect(not.here).toBe(false);
    expect(not.meaning).toMatch(/EADDRNOTAVAIL/);
  });
  it('multicast and broadcast are not for a TCP server', () => {
    expect(v4('224.0.0.1').bindable.verdict).toBe('no');
    expect(v4('255.255.255.255').bindable.verdict).toBe('no');
  });
});

describe('IPv6 kinds', () => {
  const kinds: [string, string, string][] = [
    ['::1', 'loopback', 'special'],
    ['::', 'unspecified', 'special'],
    ['::ffff:192.168.0.1', 'ipv4-mapped', 'special'],
    ['fe80::1', 'link-local', 'special'],
    ['febf::1', 'link-local', 'special'],
    ['fd00::1', 'unique-local', 'private'],
    ['fc00::1', 'unique-local', 'private'],
    ['ff02::1', 'multicast', 'special'],
    ['2001:db8::1', 'documentation', 'special'],
    ['2606:4700::1111', 'global-unicast', 'public'],
  ];
  for (const [addr, kind, pp] of kinds) {
    it(`${addr}: ${kind}`, () => {
      const c = v6(addr);
      expect(c.kind).toBe(kind);
      expect(c.publicOrPrivate).toBe(pp);
      expect(c.special).toBeNull();
    });
  }

  it('says what a mapped address stands for, and binds like it', () => {
    const c = v6('::ffff:127.0.0.1');
    expect(c.mapsTo).toBe('127.0.0.1');
    expect(c.kindText).toContain('127.0.0.1');
    expect(c.bindable.verdict).toBe('yes');
    expect(v6('::ffff:192.168.0.1', ['192.168.0.1/24']).bindable.here).toBe(true);
  });

  it(':: is dual-stack for a server; link-local needs the card', () => {
    expect(v6('::').bindable.meaning).toMatch(/IPv4/);
    expect(v6('fe80::1').bindable.meaning).toMatch(/%eth0/);
    expect(v6('fd00::1', ['fd00::1/64']).bindable.here).toBe(true);
  });

  it('gives the network of an IPv6 prefix', () => {
    const c = classifyAddress('fd00::1:2', 64);
    expect(c.ok && c.version === 6 ? c.subnet : null).toEqual({ prefixLen: 64, network: 'fd00::' });
  });
});
