import { NOTES_TOPOLOGY } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import {
  NOTES_CASES,
  NOTES_CLAIMS,
  bindConflicts,
  checkNotesClaims,
  describeLocalhost,
  localhostFromHostsFile,
  notesDisagreements,
  predictLocalhost,
  resolveBindHost,
  startListeners,
} from '../src/index.ts';

describe('bindConflicts (Linux, listening sockets on one port)', () => {
  it('0.0.0.0 and a specific IPv4 address clash, in either order', () => {
    expect(bindConflicts(['0.0.0.0', '192.168.0.1'])).toMatchObject([{ first: '0.0.0.0', second: '192.168.0.1', outcome: 'EADDRINUSE' }]);
    expect(bindConflicts(['192.168.0.1', '0.0.0.0'])).toMatchObject([{ first: '192.168.0.1', second: '0.0.0.0' }]);
    expect(bindConflicts(['127.0.0.1', '0.0.0.0'])).toHaveLength(1);
  });

  it('dual-stack :: clashes with 0.0.0.0 and any IPv4 or IPv6 address', () => {
    expect(bindConflicts(['::', '0.0.0.0'])).toHaveLength(1);
    expect(bindConflicts(['0.0.0.0', '::'])).toHaveLength(1);
    expect(bindConflicts(['::', '127.0.0.1'])).toHaveLength(1);
    expect(bindConflicts(['::1', '::'])).toHaveLength(1);
  });

  it('distinct specific addresses share a port; loopback v4 and v6 do not overlap', () => {
    expect(bindConflicts(['192.168.0.1', '10.10.152.8'])).toEqual([]);
    expect(bindConflicts(['127.0.0.1', '::1'])).toEqual([]);
    expect(bindConflicts(['0.0.0.0', '::1'])).toEqual([]);
  });

  it('the same address twice clashes; a mapped address counts as its IPv4', () => {
    expect(bindConflicts(['127.0.0.1', '127.0.0.1'])).toHaveLength(1);
    expect(bindConflicts(['192.168.0.1', '::ffff:192.168.0.1'])).toHaveLength(1);
  });

  it('a failed bind does not block later ones', () => {
    expect(bindConflicts(['0.0.0.0', '192.168.0.1', '10.10.152.8']).map((c) => c.second)).toEqual(['192.168.0.1', '10.10.152.8']);
    expect(bindConflicts(['not an ip', '127.0.0.1'])).toEqual([]);
  });

  it('startListeners applies them in order on a host', () => {
    const s = startListeners(NOTES_TOPOLOGY, 'pc1', ['localhost', '127.0.0.1', 'nonsense', '::']);
    expect(s.map((l) => l.status)).toEqual(['listening', 'EADDRINUSE', 'EINVAL', 'EADDRINUSE']);
  });
});

describe('names', () => {
  it('resolves typed bind hosts', () => {
    expect(resolveBindHost('').address).toBe('0.0.0.0');
    expect(resolveBindHost('LOCALHOST').address).toBe('127.0.0.1');
    expect(resolveBindHost('localhost', ['::1', '127.0.0.1'])).toMatchObject({ address: '::1' });
    expect(resolveBindHost('localhost', ['::1', '127.0.0.1']).note).toMatch(/only the first/);
    expect(resolveBindHost('::').note).toMatch(/dual-stack/);
    expect(resolveBindHost('0x7f.1').address).toBeNull();
    expect(resolveBindHost('localhost', []).address).toBeNull();
  });

  it('reads localhost from a hosts file, ::1 first as getaddrinfo sorts it', () => {
    const debian = '127.0.0.1\tlocalhost\n127.0.1.1\tbox\n# comment\n::1     localhost ip6-localhost ip6-loopback\n';
    expect(localhostFromHostsFile(debian)).toEqual(['::1', '127.0.0.1']);
    expect(localhostFromHostsFile('127.0.0.1 localhost\n127.0.0.1 vm')).toEqual(['127.0.0.1']);
    expect(localhostFromHostsFile('# nothing\n')).toEqual([]);
  });

  it('describes what a connect to localhost does', () => {
    expect(describeLocalhost(['::1', '127.0.0.1'])).toMatch(/ECONNREFUSED ::1/);
    expect(describeLocalhost(['127.0.0.1'])).toMatch(/127\.0\.0\.1 only/);
    expect(describeLocalhost([], 'linux')).toMatch(/ENOTFOUND/);
    expect(describeLocalhost(['::1', '127.0.0.1'], 'windows')).toMatch(/Windows/);
  });

  it('localhost fails with the first attempt\'s error when every address fails', () => {
    const base = { topology: NOTES_TOPOLOGY, serverHost: 'pc1', binds: ['192.168.0.1'], clientHost: 'pc1', port: 1, os: 'linux' as const };
    const p = predictLocalhost(base, ['::1', '127.0.0.1']);
    expect(p.outcome).toBe('ECONNREFUSED');
    expect(p.attempts.map((a) => a.target)).toEqual(['::1', '127.0.0.1']);
    expect(p.why).toMatch(/::1 → ECONNREFUSED, 127\.0\.0\.1 → ECONNREFUSED/);
    expect(predictLocalhost(base, []).outcome).toBe('EINVAL');
  });
});

describe("the notes' claims", () => {
  it('has every claim of the four cases', () => {
    expect(NOTES_CASES).toHaveLength(4);
    expect(NOTES_CLAIMS).toHaveLength(24);
  });

  it('disagrees only on pc1 → 0.0.0.0 with the server on card addresses', () => {
    const d = notesDisagreements();
    expect(d.map((c) => `${c.claim.binds.join('+')} ${c.claim.client}→${c.claim.target}`)).toEqual(['192.168.0.1 pc1→0.0.0.0', '192.168.0.1+10.10.152.8 pc1→0.0.0.0']);
    for (const c of d) {
      expect(c.prediction).toMatchObject({ outcome: 'ECONNREFUSED', rule: 'R-ZERO-IS-LOOPBACK' });
      expect(c.explanation).toMatch(/127\.0\.0\.1/);
    }
  });

  it('explains the claims that are right for reasons the notes skip', () => {
    const checks = checkNotesClaims();
    const find = (binds: string, target: string) => checks.find((c) => c.claim.binds.join('+') === binds && c.claim.client === 'pc2' && c.claim.target === target);
    expect(find('0.0.0.0', '10.10.152.8')).toMatchObject({ agrees: true, prediction: { rule: 'R-WEAK-HOST' } });
    expect(find('0.0.0.0', '10.10.152.8')?.explanation).toMatch(/default route.*weak host/);
    expect(find('192.168.0.1', '10.10.152.8')).toMatchObject({ agrees: true, prediction: { outcome: 'ECONNREFUSED' } });
    expect(find('192.168.0.1', '10.10.152.8')?.explanation).toMatch(/does arrive/);
  });

  it('on Windows the weak-host claims fail too', () => {
    const d = notesDisagreements('windows');
    expect(d.some((c) => c.claim.client === 'pc2' && c.claim.target === '10.10.152.8' && c.prediction.rule === 'R-STRONG-HOST')).toBe(true);
  });
});
