/** Unit tests for the request checks shared by HTTP and WebSocket (exact matching only). */
import { describe, expect, it } from 'vitest';
import { allowedHostsFor, allowedOriginsFor, hostAllowed, originAllowed, parseOrigin, peerIsLoopback, tokenMatches } from '../src/guards.ts';

describe('parseOrigin', () => {
  it.each([
    ['http://127.0.0.1:6464', 'http://127.0.0.1:6464'],
    ['http://localhost:6464', 'http://localhost:6464'],
    ['https://example.com', 'https://example.com'],
    ['http://127.0.0.1', 'http://127.0.0.1'],
  ])('%s → %s', (origin, expected) => {
    expect(parseOrigin(origin)).toBe(expected);
  });

  it.each([
    'null',
    '',
    'file://',
    'ftp://127.0.0.1:6464',
    'ws://127.0.0.1:6464',
    'http://localhost:6464@evil.example',
    'http://user:pass@127.0.0.1:6464',
    'http://127.0.0.1:6464.evil.example',
    'http://127.0.0.1:6464/path',
    'http://127.0.0.1:6464?x=1',
    'http://127.0.0.1:6464#frag',
    // Only the browser's own serialisation passes: no case folding, no trailing slash, no
    // alternative IPv4 spellings that the URL parser would quietly turn into 127.0.0.1.
    'HTTP://LOCALHOST:6464',
    'http://LocalHost:6464',
    'http://127.0.0.1:6464/',
    'http://127.1:6464',
    'http://2130706433:6464',
    'http://0x7f.0.0.1:6464',
    'http://0177.0.0.1:6464',
    'http://127.0.0.01:6464',
    'http://127.0.0.1.:6464',
    // Not the browser's serialisation: a default port spelled out, or spaces around.
    'http://127.0.0.1:80',
    ' http://127.0.0.1:6464',
    'http://127.0.0.1:6464 ',
  ])('refuses %j', (origin) => {
    expect(parseOrigin(origin)).toBeUndefined();
  });
});

describe('originAllowed', () => {
  const allowed = allowedOriginsFor(6464);

  it('allows exactly the two page origins on the bridge port', () => {
    expect([...allowed].sort()).toEqual(['http://127.0.0.1:6464', 'http://localhost:6464']);
    expect(originAllowed('http://127.0.0.1:6464', allowed)).toBe(true);
    expect(originAllowed('http://localhost:6464', allowed)).toBe(true);
  });

  it.each([
    undefined,
    'null',
    'http://127.0.0.1:6465',
    'https://127.0.0.1:6464',
    'http://[::1]:6464',
    'http://0.0.0.0:6464',
    'http://127.0.0.2:6464',
    'http://localhost.:6464',
    'http://LocalHost:6464',
    'HTTP://127.0.0.1:6464',
    'http://127.0.0.1:6464/',
    'http://127.1:6464',
    'http://2130706433:6464',
    'http://evil.example',
    'http://127.0.0.1:6464.evil.example',
    'http://localhost:6464@evil.example',
    'http://evil.example/http://127.0.0.1:6464',
  ])('refuses %j', (origin) => {
    expect(originAllowed(origin, allowed)).toBe(false);
  });

  it('adds extra origins exactly as given', () => {
    const withDev = allowedOriginsFor(6464, ['http://127.0.0.1:5173']);
    expect(originAllowed('http://127.0.0.1:5173', withDev)).toBe(true);
    expect(originAllowed('http://localhost:5173', withDev)).toBe(false);
  });

  it('writes extra origins in the browser’s form, so a trailing slash or upper case still matches', () => {
    const withDev = allowedOriginsFor(6464, ['HTTP://127.0.0.1:5173/']);
    expect([...withDev]).toContain('http://127.0.0.1:5173');
    expect(originAllowed('http://127.0.0.1:5173', withDev)).toBe(true);
  });

  it.each(['127.0.0.1:5173', 'ws://127.0.0.1:5173', 'http://127.0.0.1:5173/path', 'http://u:p@127.0.0.1:5173', 'null', ''])('refuses the extra origin %j at startup', (extra) => {
    expect(() => allowedOriginsFor(6464, [extra])).toThrow(/not an http\(s\) origin/);
  });
});

describe('hostAllowed', () => {
  const allowed = allowedHostsFor(6464);

  it('allows 127.0.0.1:PORT and localhost:PORT, case-insensitively', () => {
    expect([...allowed].sort()).toEqual(['127.0.0.1:6464', 'localhost:6464']);
    expect(hostAllowed('127.0.0.1:6464', allowed)).toBe(true);
    expect(hostAllowed('localhost:6464', allowed)).toBe(true);
    expect(hostAllowed('LOCALHOST:6464', allowed)).toBe(true);
  });

  it.each([
    undefined,
    '',
    '127.0.0.1',
    'localhost',
    '127.0.0.1:6465',
    '127.0.0.1:06464',
    'attacker.example:6464',
    'localhost6:6464',
    'localhost.:6464',
    '0.0.0.0:6464',
    '[::1]:6464',
    '127.0.0.2:6464',
    ' 127.0.0.1:6464',
    '127.0.0.1:6464.attacker.example',
    'attacker.example:6464@127.0.0.1:6464',
    '127.1:6464',
    '127.0.0.1.:6464',
    '2130706433:6464',
    '0x7f.0.0.1:6464',
    '1.1.1.01',
    '[::]',
    '[::]:6464',
    'localhost6',
  ])('refuses %j', (host) => {
    expect(hostAllowed(host, allowed)).toBe(false);
  });

  it('lower-cases extra hosts so the comparison stays case-insensitive', () => {
    const withDev = allowedHostsFor(6464, ['LocalHost:5173']);
    expect(withDev.has('localhost:5173')).toBe(true);
    expect(hostAllowed('LOCALHOST:5173', withDev)).toBe(true);
  });
});

describe('tokenMatches', () => {
  const token = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV4LWZvbw';

  it('accepts the exact token', () => {
    expect(tokenMatches(token, token)).toBe(true);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['empty', ''],
    ['same length, last character changed', `${token.slice(0, -1)}x`],
    ['same length, first character changed', `x${token.slice(1)}`],
    ['a prefix', token.slice(0, 10)],
    ['longer', `${token}=`],
    ['other case', token.toUpperCase()],
  ])('refuses %s', (_name, given) => {
    expect(tokenMatches(given, token)).toBe(false);
  });
});

describe('peerIsLoopback', () => {
  it.each(['127.0.0.1', '127.1.2.3', '127.255.255.254', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1', '::ffff:7f00:1'])('%s is loopback', (address) => {
    expect(peerIsLoopback(address)).toBe(true);
  });

  it.each([undefined, '', '10.0.0.1', '192.168.1.2', '0.0.0.0', '128.0.0.1', '::', '::2', 'fe80::1', '::ffff:10.0.0.1', '::ffff:10.0.0.5', '::ffff:192.0.2.1', '127.example', 'localhost', '127.1', '0x7f.0.0.1', '2130706433', '::127.0.0.1', '::ffff:0.0.0.0', ' 127.0.0.1', '127.0.0.1 '])(
    '%j is not loopback',
    (address) => {
      expect(peerIsLoopback(address)).toBe(false);
    },
  );
});
