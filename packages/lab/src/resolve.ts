import { lookup } from 'node:dns/promises';
import type { WireError } from '@socket-playground/protocol';
import { checkHost } from './address.ts';
import { playgroundError } from './wire-error.ts';

export type Resolved = { ok: true; addresses: { address: string; family: 'IPv4' | 'IPv6' }[] } | { ok: false; error: WireError };

/**
 * Turn what the learner typed into addresses, once. Only IP literals and "localhost" are
 * accepted: "localhost" resolves through the hosts file, so no lookup ever leaves the machine.
 */
export async function resolveHost(host: string, { emptyMeansAny }: { emptyMeansAny: boolean }): Promise<Resolved> {
  if (host.trim() === '') {
    if (emptyMeansAny) return { ok: true, addresses: [{ address: '0.0.0.0', family: 'IPv4' }] };
    return { ok: false, error: playgroundError('INVALID_ADDRESS', 'empty host', { host }) };
  }
  const checked = checkHost(host);
  if (!checked.ok) return { ok: false, error: playgroundError('INVALID_ADDRESS', 'not an IP address or localhost', { host }) };
  if (checked.kind === 'ip') return { ok: true, addresses: [{ address: checked.address, family: checked.family }] };
  try {
    const found = await lookup('localhost', { all: true, verbatim: true });
    return {
      ok: true,
      addresses: found.map((a) => ({ address: a.address, family: a.family === 6 ? 'IPv6' : 'IPv4' })),
    };
  } catch (err) {
    return { ok: false, error: playgroundError('ENOTFOUND', String(err), { host }) };
  }
}
