import { describe, expect, it } from 'vitest';
import { formatEndpoint, formatHostPort, formatTuple, isLoopbackHost, ncCommand } from '../src/format/address.ts';

describe('isLoopbackHost', () => {
  it('knows the loopback spellings', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', ' localhost ', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
  });

  it('treats everything else as possibly reachable from the network', () => {
    for (const h of ['0.0.0.0', '::', '', '192.168.1.10', '10.0.0.1', 'example.com', '128.0.0.1', '127.0.0.1.example.com']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
});

describe('formatting addresses', () => {
  it('puts IPv6 addresses in brackets', () => {
    expect(formatHostPort('::1', 65432)).toBe('[::1]:65432');
    expect(formatHostPort('127.0.0.1', 65432)).toBe('127.0.0.1:65432');
    expect(formatEndpoint({ address: 'fe80::1', port: 80, family: 'IPv6' })).toBe('[fe80::1]:80');
  });

  it('writes the 4-tuple local → remote', () => {
    const local = { address: '127.0.0.1', port: 54321, family: 'IPv4' as const };
    const remote = { address: '127.0.0.1', port: 65432, family: 'IPv4' as const };
    expect(formatTuple(local, remote)).toBe('127.0.0.1:54321 → 127.0.0.1:65432');
    expect(formatTuple(local, undefined)).toBe('127.0.0.1:54321');
    expect(formatTuple(undefined, remote)).toBe('? → 127.0.0.1:65432');
    expect(formatTuple(undefined, undefined)).toBeNull();
  });

  it('suggests an nc command that reaches the server, even on a wildcard address', () => {
    expect(ncCommand({ address: '127.0.0.1', port: 65432, family: 'IPv4' })).toBe('nc 127.0.0.1 65432');
    expect(ncCommand({ address: '0.0.0.0', port: 5000, family: 'IPv4' })).toBe('nc 127.0.0.1 5000');
    expect(ncCommand({ address: '::', port: 5000, family: 'IPv6' })).toBe('nc ::1 5000');
  });
});
