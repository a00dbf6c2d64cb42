import { describe, expect, it } from 'vitest';
import { checkHost, checkPort, destinationAllowed, scopeOf } from '../src/address.ts';

describe('checkPort', () => {
  it('accepts whole numbers in range', () => {
    expect(checkPort(65432, { allowZero: false })).toEqual({ ok: true, port: 65432 });
    expect(checkPort(0, { allowZero: true })).toEqual({ ok: true, port: 0 });
  });
  it.each([[-1], [65536], [1.5], [Number.NaN], ['65432'], ['abc'], [null]])('refuses %s', (port) => {
    expect(checkPort(port, { allowZero: true }).ok).toBe(false);
  });
  it('refuses 0 where a real port is needed (connect)', () => {
    expect(checkPort(0, { allowZero: false }).ok).toBe(false);
  });
});

describe('checkHost', () => {
  it('accepts canonical literals and localhost', () => {
    expect(checkHost('127.0.0.1')).toMatchObject({ ok: true, kind: 'ip', family: 'IPv4' });
    expect(checkHost('::1')).toMatchObject({ ok: true, kind: 'ip', family: 'IPv6' });
    expect(checkHost('[::1]')).toMatchObject({ ok: true, address: '::1' });
    expect(checkHost('LocalHost')).toEqual({ ok: true, kind: 'localhost' });
  });
  it.each(['0x7f.1', '017700000001', '2130706433', '127.1', '999.1.1.1', 'example.com', 'fe80::1%eth0', ''])('refuses %j', (host) => {
    expect(checkHost(host).ok).toBe(false);
  });
});

describe('scopeOf', () => {
  it('classifies loopback, wildcard and the rest', () => {
    expect(scopeOf('127.0.0.1')).toBe('loopback');
    expect(scopeOf('127.255.0.9')).toBe('loopback');
    expect(scopeOf('::1')).toBe('loopback');
    expect(scopeOf('::ffff:127.0.0.1')).toBe('loopback');
    expect(scopeOf('0.0.0.0')).toBe('wildcard');
    expect(scopeOf('::')).toBe('wildcard');
    expect(scopeOf('192.168.0.1')).toBe('other');
    expect(scopeOf('::ffff:10.0.0.5')).toBe('other');
  });
});

describe('destinationAllowed', () => {
  it('allows loopback and this-host wildcards only by default', () => {
    expect(destinationAllowed('127.0.0.1')).toBe(true);
    expect(destinationAllowed('::1')).toBe(true);
    expect(destinationAllowed('0.0.0.0')).toBe(true);
    expect(destinationAllowed('192.0.2.1')).toBe(false);
    expect(destinationAllowed('169.254.169.254')).toBe(false);
    expect(destinationAllowed('::ffff:10.0.0.5')).toBe(false);
  });
  it('allows the lab networks it is given', () => {
    expect(destinationAllowed('192.168.0.1', ['192.168.0.0/24'])).toBe(true);
    expect(destinationAllowed('192.168.1.1', ['192.168.0.0/24'])).toBe(false);
    expect(destinationAllowed('::ffff:192.168.0.1', ['192.168.0.0/24'])).toBe(true);
  });
});
