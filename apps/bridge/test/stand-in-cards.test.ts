import { describe, expect, it } from 'vitest';
import { parseStandInCards } from '../src/stand-in-cards.ts';

describe('stand-in cards (--cards)', () => {
  it('reads loopback cards', () => {
    const parsed = parseStandInCards('fake0=127.0.2.1/24, fake1=127.0.3.1/24,fake1=::1/128');
    if (!parsed.ok) throw new Error(parsed.why);
    expect(Object.keys(parsed.interfaces)).toEqual(['fake0', 'fake1']);
    expect(parsed.interfaces.fake0?.[0]).toMatchObject({ address: '127.0.2.1', family: 'IPv4', cidr: '127.0.2.1/24', internal: false, netmask: '255.255.255.0' });
    expect(parsed.interfaces.fake1?.map((i) => i.cidr)).toEqual(['127.0.3.1/24', '::1/128']);
  });

  it.each([
    ['eth0=192.168.0.1/24', /not a loopback address/],
    ['eth0=10.0.0.1/8', /not a loopback address/],
    ['eth0=::ffff:10.0.0.5/128', /not a loopback address/],
    ['eth0=127.0.0.2', /not an address with a prefix length/],
    ['=127.0.0.2/8', /NAME=ADDRESS/],
    ['', /no cards/],
  ])('refuses %s', (spec, why) => {
    const parsed = parseStandInCards(spec);
    expect(parsed.ok ? '' : parsed.why).toMatch(why);
  });
});
