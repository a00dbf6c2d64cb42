import { describe, expect, it } from 'vitest';
import { parseProcAddress, parseProcNetTcp, readKernelSockets, sameEndpoint } from '../src/step/kernel-probe.ts';

describe('parseProcAddress', () => {
  it('reads IPv4 in host byte order and the port in network order', () => {
    expect(parseProcAddress('0100007F:C624')).toEqual({ address: '127.0.0.1', port: 50724, family: 'IPv4' });
    expect(parseProcAddress('00000000:FF98')).toEqual({ address: '0.0.0.0', port: 65432, family: 'IPv4' });
  });
  it('reads IPv6, compressed, and IPv4-mapped addresses as Node prints them', () => {
    expect(parseProcAddress('00000000000000000000000001000000:1F90')).toEqual({ address: '::1', port: 8080, family: 'IPv6' });
    expect(parseProcAddress('00000000000000000000000000000000:0050').address).toBe('::');
    expect(parseProcAddress('0000000000000000FFFF00000100007F:0050').address).toBe('::ffff:127.0.0.1');
    expect(parseProcAddress('000080FE00000000FF005452BC4D21FE:0050').address).toBe('fe80::5254:ff:fe21:4dbc');
  });
});

describe('parseProcNetTcp', () => {
  const text = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:FF98 00000000:0000 0A 00000001:00000002 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0',
    '   1: 0100007F:FF98 0100007F:A1B2 01 00000000:00000005 00:00000000 00000000     0        0 0 1 0 20 4 30 10 -1',
    '',
  ].join('\n');
  it('gives state names and both queues', () => {
    const [listener, conn] = parseProcNetTcp(text);
    expect(listener).toMatchObject({ state: 'LISTEN', recvQueue: 2, sendQueue: 1 });
    expect(conn).toMatchObject({ state: 'ESTABLISHED', recvQueue: 5, remote: { address: '127.0.0.1', port: 0xa1b2 } });
  });
});

describe('readKernelSockets', () => {
  it('reads this machine (Linux) or says it cannot', () => {
    const sockets = readKernelSockets();
    if (process.platform === 'linux') expect(Array.isArray(sockets)).toBe(true);
    else expect(sockets).toBeUndefined();
  });
  it('treats IPv4-mapped and plain IPv4 as the same endpoint', () => {
    expect(sameEndpoint({ address: '::ffff:127.0.0.1', port: 1, family: 'IPv6' }, { address: '127.0.0.1', port: 1, family: 'IPv4' })).toBe(true);
  });
});

describe('one shared read for many stepped programs', () => {
  it('reuses a read younger than maxAge, and reads again after it', async () => {
    const { readKernelSocketsShared } = await import('../src/step/kernel-probe.ts');
    const first = readKernelSocketsShared(50, 1_000_000);
    // Without /proc/net/tcp every read is undefined: nothing to tell apart.
    if (first === undefined) return;
    expect(readKernelSocketsShared(50, 1_000_030)).toBe(first);
    const later = readKernelSocketsShared(50, 1_000_060);
    expect(later).not.toBe(first);
    // A clock that went back (a new process timeline) never serves a stale read.
    expect(readKernelSocketsShared(50, 10)).not.toBe(later);
  });
});
