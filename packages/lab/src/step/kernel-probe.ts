import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Endpoint, KernelConnection } from '@socket-playground/protocol';

/**
 * What the kernel says about TCP sockets, read from /proc/net/tcp and /proc/net/tcp6 (Linux).
 * For a listening socket the kernel reports its accept-queue length as rx_queue; for a connection,
 * rx_queue is bytes received but not yet read by the program, tx_queue bytes not yet acknowledged.
 */
export interface KernelSocket extends KernelConnection {
  /** Raw hex state, kept for LISTEN detection. */
  stateCode: number;
}

const STATES: Record<number, string> = {
  1: 'ESTABLISHED',
  2: 'SYN_SENT',
  3: 'SYN_RECV',
  4: 'FIN_WAIT1',
  5: 'FIN_WAIT2',
  6: 'TIME_WAIT',
  7: 'CLOSE',
  8: 'CLOSE_WAIT',
  9: 'LAST_ACK',
  10: 'LISTEN',
  11: 'CLOSING',
};
export const LISTEN = 10;

/** "0100007F:C624" → 127.0.0.1:50724. Each 32-bit word of the address is in host (little-endian) order. */
export function parseProcAddress(hex: string): Endpoint {
  const [addrHex = '', portHex = '0'] = hex.split(':');
  const port = parseInt(portHex, 16);
  const words = addrHex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => [6, 4, 2, 0].map((i) => parseInt(w.slice(i, i + 2), 16)));
  if (bytes.length === 4) return { address: bytes.join('.'), port, family: 'IPv4' };
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) is shown as Node shows it.
  const isMapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isMapped) return { address: `::ffff:${bytes.slice(12).join('.')}`, port, family: 'IPv6' };
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return { address: compressIPv6(groups), port, family: 'IPv6' };
}

function compressIPv6(groups: string[]): string {
  // Longest run of zero groups becomes "::" (RFC 5952), e.g. ::1.
  let best = { start: -1, len: 0 };
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { start: i, len: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  const head = groups.slice(0, best.start).join(':');
  const tail = groups.slice(best.start + best.len).join(':');
  return `${head}::${tail}`;
}

/** Parse the text of /proc/net/tcp or /proc/net/tcp6. */
export function parseProcNetTcp(text: string): KernelSocket[] {
  const sockets: KernelSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || !f[1] || !f[2] || !f[3] || !f[4]) continue;
    const stateCode = parseInt(f[3], 16);
    const [tx = '0', rx = '0'] = f[4].split(':');
    sockets.push({
      local: parseProcAddress(f[1]),
      remote: parseProcAddress(f[2]),
      stateCode,
      state: STATES[stateCode] ?? `0x${f[3]}`,
      sendQueue: parseInt(tx, 16),
      recvQueue: parseInt(rx, 16),
    });
  }
  return sockets;
}

/** Every TCP socket in this network namespace, or undefined where /proc/net/tcp does not exist. */
export function readKernelSockets(): KernelSocket[] | undefined {
  try {
    const v4 = readFileSync('/proc/net/tcp', 'utf8');
    let v6 = '';
    try {
      v6 = readFileSync('/proc/net/tcp6', 'utf8');
    } catch {
      // IPv6 disabled: IPv4 alone is still a full answer for IPv4 sockets.
    }
    return [...parseProcNetTcp(v4), ...parseProcNetTcp(v6)];
  } catch {
    return undefined;
  }
}

let shared: { at: number; sockets: KernelSocket[] | undefined } | undefined;

/**
 * readKernelSockets(), shared by every stepped program of this process for `maxAgeMs`: each one
 * probes every 100 ms, and one read of /proc/net/tcp costs tens of ms when the table is large, so
 * many programs must not each read it. Demonstrations that wait for a change read it fresh.
 */
export function readKernelSocketsShared(maxAgeMs: number, now: number = performance.now()): KernelSocket[] | undefined {
  if (!shared || now - shared.at >= maxAgeMs || now < shared.at) shared = { at: now, sockets: readKernelSockets() };
  return shared.sockets;
}

/** Same address, treating ::ffff:a.b.c.d and a.b.c.d as one. */
export function sameAddress(a: string, b: string): boolean {
  const strip = (x: string) => (x.startsWith('::ffff:') ? x.slice(7) : x);
  return strip(a) === strip(b);
}

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.port === b.port && sameAddress(a.address, b.address);
}

export function toConnection(s: KernelSocket): KernelConnection {
  return { local: s.local, remote: s.remote, state: s.state, recvQueue: s.recvQueue, sendQueue: s.sendQueue };
}
