import { NOTES_TOPOLOGY } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { cellOf, predictMatrix, targetsFor } from '../src/index.ts';
import type { Matrix, RuleId } from '../src/index.ts';

/**
 * The full who-can-connect matrix on the notes' topology, on Linux, for every bind choice.
 * Expected cells are written from what the kernel does (not from the notes):
 * - 0.0.0.0 as a target is 127.0.0.1 on the client's own host;
 * - 127.0.0.1 / ::1 / localhost always stay on the client's own host (pc2 has no server);
 * - a card address of the client's own host is delivered locally;
 * - pc2 reaches 10.10.152.8 through its default route via 192.168.0.1 (weak host model);
 * - 192.168.0.2 is pc2, where nothing listens.
 */

type Cell = `${'connected' | 'ECONNREFUSED'}/${RuleId}`;
type Row = readonly [Cell, Cell, Cell, Cell, Cell, Cell, Cell];

const TARGETS = ['127.0.0.1', '0.0.0.0', 'localhost', '::1', '192.168.0.1', '10.10.152.8', '192.168.0.2'] as const;

const LO_OK: Cell = 'connected/R-LOOPBACK-IS-LOCAL';
const LO_NO: Cell = 'ECONNREFUSED/R-LOOPBACK-IS-LOCAL';
const ZERO_OK: Cell = 'connected/R-ZERO-IS-LOOPBACK';
const ZERO_NO: Cell = 'ECONNREFUSED/R-ZERO-IS-LOOPBACK';
const LOCAL_OK: Cell = 'connected/R-LOCAL-ADDRESS';
const MATCH: Cell = 'connected/R-LISTENER-MATCH';
const WEAK: Cell = 'connected/R-WEAK-HOST';
const LO_BIND: Cell = 'ECONNREFUSED/R-LOOPBACK-BIND-PRIVATE';
const NONE: Cell = 'ECONNREFUSED/R-NO-LISTENER';

/** pc2 never has a listener, so its loopback-ish columns are always refused. */
const PC2_LOCAL = [LO_NO, ZERO_NO, LO_NO, LO_NO] as const;

const EXPECTED: readonly { hosts: string[]; pc1: Row; pc2: Row }[] = [
  {
    hosts: ['127.0.0.1'],
    pc1: [LO_OK, ZERO_OK, LO_OK, LO_NO, LO_BIND, LO_BIND, NONE],
    pc2: [...PC2_LOCAL, LO_BIND, LO_BIND, NONE],
  },
  {
    hosts: ['192.168.0.1'],
    pc1: [LO_NO, ZERO_NO, LO_NO, LO_NO, LOCAL_OK, NONE, NONE],
    pc2: [...PC2_LOCAL, MATCH, NONE, NONE],
  },
  {
    hosts: ['192.168.0.1', '10.10.152.8'],
    pc1: [LO_NO, ZERO_NO, LO_NO, LO_NO, LOCAL_OK, LOCAL_OK, NONE],
    pc2: [...PC2_LOCAL, MATCH, WEAK, NONE],
  },
  {
    hosts: ['0.0.0.0'],
    pc1: [LO_OK, ZERO_OK, LO_OK, LO_NO, LOCAL_OK, LOCAL_OK, NONE],
    pc2: [...PC2_LOCAL, MATCH, WEAK, NONE],
  },
  {
    hosts: ['::'],
    pc1: [LO_OK, ZERO_OK, LO_OK, LO_OK, LOCAL_OK, LOCAL_OK, NONE],
    pc2: [...PC2_LOCAL, MATCH, WEAK, NONE],
  },
  {
    hosts: ['::1'],
    pc1: [LO_NO, ZERO_NO, LO_NO, LO_OK, LO_BIND, LO_BIND, NONE],
    pc2: [...PC2_LOCAL, LO_BIND, LO_BIND, NONE],
  },
  {
    hosts: ['localhost'],
    pc1: [LO_OK, ZERO_OK, LO_OK, LO_NO, LO_BIND, LO_BIND, NONE],
    pc2: [...PC2_LOCAL, LO_BIND, LO_BIND, NONE],
  },
  {
    hosts: [''],
    pc1: [LO_OK, ZERO_OK, LO_OK, LO_NO, LOCAL_OK, LOCAL_OK, NONE],
    pc2: [...PC2_LOCAL, MATCH, WEAK, NONE],
  },
];

function row(m: Matrix, client: string): Cell[] {
  return TARGETS.map((t) => {
    const p = cellOf(m, client, t);
    return `${p?.outcome}/${p?.rule}` as Cell;
  });
}

describe('notes topology matrix on Linux', () => {
  it('tries 127.0.0.1, 0.0.0.0, localhost, ::1 and every card address', () => {
    expect(targetsFor(NOTES_TOPOLOGY, 'pc2').map((t) => t.target)).toEqual([...TARGETS]);
    const own = targetsFor(NOTES_TOPOLOGY, 'pc2').filter((t) => t.kind === 'card' && t.own);
    expect(own.map((t) => t.target)).toEqual(['192.168.0.2']);
  });

  for (const { hosts, pc1, pc2 } of EXPECTED) {
    it(`bind ${JSON.stringify(hosts)}`, () => {
      const m = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts, port: 65432 }, 'linux');
      expect(m.listeners.every((l) => l.status === 'listening')).toBe(true);
      expect(row(m, 'pc1')).toEqual([...pc1]);
      expect(row(m, 'pc2')).toEqual([...pc2]);
    });
  }

  it('says how the typed hosts were resolved', () => {
    const typed = (h: string) => predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts: [h], port: 1 }, 'linux').listeners[0];
    expect(typed('')).toMatchObject({ address: '0.0.0.0', status: 'listening' });
    expect(typed('localhost')).toMatchObject({ address: '127.0.0.1' });
    expect(typed('localhost')?.note).toContain('127.0.0.1');
    expect(typed('::')?.note).toContain('dual-stack');
  });

  it('names the listener that took each connection', () => {
    const m = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts: ['::'], port: 1 }, 'linux');
    expect(cellOf(m, 'pc2', '10.10.152.8')?.listener).toBe('::');
    expect(cellOf(m, 'pc2', '10.10.152.8')?.rules).toEqual(['R-WEAK-HOST', 'R-LISTENER-MATCH']);
    expect(cellOf(m, 'pc1', '0.0.0.0')?.rules).toEqual(['R-ZERO-IS-LOOPBACK', 'R-LOOPBACK-IS-LOCAL', 'R-LISTENER-MATCH']);
  });

  it('pc2 reaching 10.10.152.8 bound to 192.168.0.1 is refused at pc1, not lost on the way', () => {
    const m = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts: ['192.168.0.1'], port: 1 }, 'linux');
    const p = cellOf(m, 'pc2', '10.10.152.8');
    expect(p?.reachedHost).toBe('pc1');
    expect(p?.rules).toEqual(['R-WEAK-HOST', 'R-NO-LISTENER']);
  });

  it('a second listener overlapping the first fails with EADDRINUSE and the first still serves', () => {
    const m = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts: ['0.0.0.0', '192.168.0.1'], port: 1 }, 'linux');
    expect(m.listeners.map((l) => l.status)).toEqual(['listening', 'EADDRINUSE']);
    expect(m.binds).toEqual(['0.0.0.0']);
    expect(cellOf(m, 'pc2', '10.10.152.8')?.outcome).toBe('connected');
  });

  it('binding an address pc1 does not have fails with EADDRNOTAVAIL', () => {
    const m = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts: ['192.168.0.2', '127.0.0.5'], port: 1 }, 'linux');
    expect(m.listeners.map((l) => l.status)).toEqual(['EADDRNOTAVAIL', 'listening']);
    expect(cellOf(m, 'pc1', '127.0.0.1')?.outcome).toBe('ECONNREFUSED');
  });

  it('with localhost = ::1 then 127.0.0.1, a server on 127.0.0.1 is reached on the second try', () => {
    const m = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts: ['127.0.0.1'], port: 3000 }, 'linux', { localhost: ['::1', '127.0.0.1'] });
    const p = cellOf(m, 'pc1', 'localhost');
    expect(p?.outcome).toBe('connected');
    expect(p && 'attempts' in p ? p.attempts.map((a) => a.prediction.outcome) : []).toEqual(['ECONNREFUSED', 'connected']);
    // Binding "localhost" takes only the first answer: ::1.
    const m2 = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts: ['localhost'], port: 3000 }, 'linux', { localhost: ['::1', '127.0.0.1'] });
    expect(m2.binds).toEqual(['::1']);
    expect(cellOf(m2, 'pc1', '127.0.0.1')?.outcome).toBe('ECONNREFUSED');
    expect(cellOf(m2, 'pc1', 'localhost')?.outcome).toBe('connected');
  });
});

describe('other systems on the notes topology', () => {
  it('Windows refuses 0.0.0.0 and :: as targets', () => {
    const m = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts: ['0.0.0.0'], port: 1 }, 'windows');
    expect(cellOf(m, 'pc1', '0.0.0.0')).toMatchObject({ outcome: 'EADDRNOTAVAIL', rule: 'R-ZERO-INVALID-WINDOWS' });
  });

  it('Windows drops a packet for another card (strong host model)', () => {
    const m = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts: ['0.0.0.0'], port: 1 }, 'windows');
    expect(cellOf(m, 'pc2', '10.10.152.8')).toMatchObject({ outcome: 'ETIMEDOUT', rule: 'R-STRONG-HOST' });
    expect(cellOf(m, 'pc2', '192.168.0.1')?.outcome).toBe('connected');
  });

  it('macOS behaves like Linux for these cells', () => {
    const linux = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts: ['192.168.0.1'], port: 1 }, 'linux');
    const mac = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts: ['192.168.0.1'], port: 1 }, 'macos');
    expect(mac.rows.map((r) => r.cells.map((c) => c.prediction.outcome))).toEqual(linux.rows.map((r) => r.cells.map((c) => c.prediction.outcome)));
  });
});
