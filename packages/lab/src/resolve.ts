import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { WireError } from '@socket-playground/protocol';
import { checkHost } from './address.ts';
import { playgroundError } from './wire-error.ts';

export type ResolvedAddress = { address: string; family: 'IPv4' | 'IPv6' };
export type Resolved = { ok: true; addresses: ResolvedAddress[] } | { ok: false; error: WireError };

/** Turns a host name into addresses (what getaddrinfo would answer). */
export type NameResolver = (name: string) => Promise<readonly { address: string; family?: number }[]>;

/** The hosts file only: "localhost" never needs a DNS server, so no lookup leaves the machine. */
const hostsFileLookup: NameResolver = (name) => lookup(name, { all: true, verbatim: true });

let testResolver: NameResolver | undefined;

/** A syntactically valid DNS name (letters, digits, hyphens, dots; labels up to 63). */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
/** A last label a resolver would read as a number (inet_aton: "2130706433", "0x7f.1", "127.1"): not a name. */
const NUMERIC_LABEL = /(^|\.)(0x[0-9a-f]*|[0-9]+)\.?$/i;

/** Could this be sent to a resolver as a name? Never a numeric spelling of an address. */
function isHostName(name: string): boolean {
  return HOST_NAME.test(name) && !NUMERIC_LABEL.test(name);
}

/**
 * Tests only: answer every name (not just "localhost") with `resolver`, so a test can make
 * `evil.test` resolve to 10.0.0.5 without any real lookup. Returns a function that restores the
 * default (hosts-file "localhost" only). Never set in production.
 */
export function setNameResolverForTests(resolver: NameResolver | undefined): () => void {
  const previous = testResolver;
  testResolver = resolver;
  return () => {
    testResolver = previous;
  };
}

/**
 * Turn what the learner typed into addresses, once. Only IP literals and "localhost" are
 * accepted: "localhost" resolves through the hosts file, so no lookup ever leaves the machine.
 * Whatever a lookup answers, only well-formed IP literals come back; the caller checks each one
 * against the destinations it may reach and dials the one it checked.
 */
export async function resolveHost(host: string, { emptyMeansAny }: { emptyMeansAny: boolean }): Promise<Resolved> {
  if (host.trim() === '') {
    if (emptyMeansAny) return { ok: true, addresses: [{ address: '0.0.0.0', family: 'IPv4' }] };
    return { ok: false, error: playgroundError('INVALID_ADDRESS', 'empty host', { host }) };
  }
  const checked = checkHost(host);
  if (checked.ok && checked.kind === 'ip') return { ok: true, addresses: [{ address: checked.address, family: checked.family }] };
  const name = host.trim();
  const resolver = checked.ok ? (testResolver ?? hostsFileLookup) : testResolver && isHostName(name) ? testResolver : undefined;
  if (!resolver) return { ok: false, error: playgroundError('INVALID_ADDRESS', 'not an IP address or localhost', { host }) };
  try {
    const found = await resolver(checked.ok ? 'localhost' : name);
    const addresses = found.flatMap((a): ResolvedAddress[] => {
      const version = typeof a.address === 'string' ? isIP(a.address) : 0;
      return version === 0 ? [] : [{ address: a.address, family: version === 6 ? 'IPv6' : 'IPv4' }];
    });
    if (addresses.length === 0) return { ok: false, error: playgroundError('ENOTFOUND', 'the name has no address', { host }) };
    return { ok: true, addresses };
  } catch (err) {
    return { ok: false, error: playgroundError('ENOTFOUND', String(err), { host }) };
  }
}
