import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTES_TOPOLOGY, type LabEvent, type BindChoice, type MatrixResult, type Topology } from '@socket-playground/protocol';
import { listNamespaces } from '../src/netlab/ip-command.ts';
import { NetLab, netnsSupport } from '../src/netlab/netns-lab.ts';
import { requesterFor, runMatrix, type RunOnHost } from '../src/netlab/matrix-runner.ts';

/**
 * The who-can-connect lab for real: pc1 and pc2 as network namespaces. Every cell of the matrix
 * is a real connect from one namespace to an address in another (or in itself).
 */
const support = netnsSupport();
const why = support.ok ? '' : support.why;
if (!support.ok) console.warn(`netlab tests skipped: ${why}`);

/** Every lab event the agents reported, for assertions on what the server side saw. */
const seen: LabEvent[] = [];

function requester(lab: NetLab): RunOnHost {
  return requesterFor(lab.agents, (event) => seen.push(event));
}

/** The cells that connect; every other cell must be refused (nothing unreachable in this topology). */
const CONNECTS: Record<string, string[]> = {
  '127.0.0.1': ['pc1→127.0.0.1', 'pc1→0.0.0.0', 'pc1→localhost'],
  '192.168.0.1': ['pc1→192.168.0.1', 'pc2→192.168.0.1'],
  'both cards': ['pc1→192.168.0.1', 'pc1→10.10.152.8', 'pc2→192.168.0.1', 'pc2→10.10.152.8'],
  '0.0.0.0': ['pc1→127.0.0.1', 'pc1→0.0.0.0', 'pc1→localhost', 'pc1→192.168.0.1', 'pc1→10.10.152.8', 'pc2→192.168.0.1', 'pc2→10.10.152.8'],
  '::': ['pc1→127.0.0.1', 'pc1→0.0.0.0', 'pc1→localhost', 'pc1→::1', 'pc1→192.168.0.1', 'pc1→10.10.152.8', 'pc2→192.168.0.1', 'pc2→10.10.152.8'],
};
const BINDS: Record<string, BindChoice> = {
  '127.0.0.1': { hosts: ['127.0.0.1'], port: 65432 },
  '192.168.0.1': { hosts: ['192.168.0.1'], port: 65432 },
  'both cards': { hosts: ['192.168.0.1', '10.10.152.8'], port: 65432 },
  '0.0.0.0': { hosts: ['0.0.0.0'], port: 65432 },
  '::': { hosts: ['::'], port: 65432 },
};

describe.skipIf(!support.ok)('the namespace lab (real)', () => {
  let lab: NetLab;
  let run: RunOnHost;
  const results: Record<string, MatrixResult> = {};
  let upMs = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    lab = await NetLab.start(NOTES_TOPOLOGY, { runId: `${process.pid}` });
    upMs = performance.now() - t0;
    run = requester(lab);
  }, 20_000);

  afterAll(async () => {
    await lab?.stop();
    const left = (await listNamespaces()).filter((ns) => ns.startsWith(`sockpg-${process.pid}-`));
    expect(left).toEqual([]);
  });

  it('comes up in well under the time a learner waits', () => {
    expect(lab.agents.map((a) => a.labHost)).toEqual(['pc1', 'pc2']);
    console.info(`lab up in ${upMs.toFixed(0)} ms`);
  });

  for (const [name, bind] of Object.entries(BINDS)) {
    it(`bind ${name}: each cell as the kernel decides`, { timeout: 20_000 }, async () => {
      const result = await runMatrix(run, NOTES_TOPOLOGY, 'pc1', bind);
      results[name] = result;
      expect(result.listeners.every((l) => l.errorCode === undefined)).toBe(true);
      const connected = result.cells.filter((c) => c.outcome === 'connected').map((c) => `${c.client}→${c.target}`);
      expect(connected.sort()).toEqual([...(CONNECTS[name] ?? [])].sort());
      for (const cell of result.cells) {
        if (cell.outcome !== 'connected') expect(cell.outcome, `${cell.client}→${cell.target}`).toBe('ECONNREFUSED');
        else expect(cell.echoed).toBe(true);
      }
    });
  }

  it('shows IPv4 peers of a :: listener as ::ffff:a.b.c.d (dual stack)', async () => {
    seen.length = 0;
    await runMatrix(run, NOTES_TOPOLOGY, 'pc1', BINDS['::']!);
    const peers = seen.filter((e) => e.labHost === 'pc1' && e.call === 'accept').map((e) => e.remote?.address);
    expect(peers).toContain('::ffff:192.168.0.2');
    expect(peers).toContain('::1');
  });

  it('refuses 0.0.0.0 and :: on the same port (EADDRINUSE)', async () => {
    const result = await runMatrix(run, NOTES_TOPOLOGY, 'pc1', { hosts: ['0.0.0.0', '::'], port: 65432 });
    expect(result.listeners.map((l) => l.errorCode)).toEqual([undefined, 'EADDRINUSE']);
  });

  it('binds ports below 1024 inside the lab (it is isolated)', async () => {
    const result = await runMatrix(run, NOTES_TOPOLOGY, 'pc1', { hosts: ['192.168.0.1'], port: 80 });
    expect(result.cells.find((c) => c.client === 'pc2' && c.target === '192.168.0.1')?.outcome).toBe('connected');
  });

  it('an absent neighbour is EHOSTUNREACH, quickly', async () => {
    const t0 = performance.now();
    const reply = await run('pc2', { type: 'client.run', host: '192.168.0.77', port: 80, message: 'x', connectTimeoutMs: 3000 });
    expect(reply.ok ? 'connected' : reply.error.code).toBe('EHOSTUNREACH');
    expect(performance.now() - t0).toBeLessThan(2500);
  });
});

describe.skipIf(!support.ok)('a host with no route (real)', () => {
  const topology: Topology = {
    name: 'no-route',
    hosts: [
      ...NOTES_TOPOLOGY.hosts,
      { name: 'pc3', role: 'client', cards: [{ name: 'eth0', network: 'lan2', addresses: ['10.10.152.9/24'] }], routes: [] },
    ],
    networks: NOTES_TOPOLOGY.networks,
  };
  it('reaches its own LAN, and gets ENETUNREACH for the other', { timeout: 30_000 }, async () => {
    const lab = await NetLab.start(topology, { runId: `${process.pid}` });
    try {
      const result = await runMatrix(requester(lab), topology, 'pc1', { hosts: ['0.0.0.0'], port: 65432 });
      const pc3 = (target: string) => result.cells.find((c) => c.client === 'pc3' && c.target === target)?.outcome;
      expect(pc3('10.10.152.8')).toBe('connected');
      expect(pc3('192.168.0.1')).toBe('ENETUNREACH');
      // pc2 → pc3: pc2's default route goes to pc1, which does not forward: no answer at all.
      expect(result.cells.find((c) => c.client === 'pc2' && c.target === '10.10.152.9')?.outcome).toBe('ETIMEDOUT');
    } finally {
      await lab.stop();
    }
  });
});

describe.skipIf(!support.ok)('leftovers of a crashed run (real)', () => {
  it('are removed when a lab starts', { timeout: 30_000 }, async () => {
    // A namespace named as if a run with a dead process id had left it behind.
    const { ip } = await import('../src/netlab/ip-command.ts');
    const stale = 'sockpg-4194303-pc1';
    await ip(['netns', 'add', stale]);
    const lab = await NetLab.start(NOTES_TOPOLOGY, { runId: `${process.pid}` });
    try {
      expect(await listNamespaces()).not.toContain(stale);
    } finally {
      await lab.stop();
    }
  });
});

describe.skipIf(!support.ok)('without root: an unprivileged user namespace (real)', () => {
  it('builds the same lab and the kernel gives the same answers, ports below 1024 included', { timeout: 30_000 }, async () => {
    const lab = await NetLab.start(NOTES_TOPOLOGY, { via: 'userns', runId: `${process.pid}u` });
    try {
      expect(lab.via).toBe('userns');
      const result = await runMatrix(requester(lab), NOTES_TOPOLOGY, 'pc1', { hosts: ['0.0.0.0'], port: 80 });
      const connected = result.cells.filter((c) => c.outcome === 'connected').map((c) => `${c.client}→${c.target}`);
      expect(connected.sort()).toEqual([...(CONNECTS['0.0.0.0'] ?? [])].sort());
    } finally {
      await lab.stop();
    }
    // Its namespaces lived only inside the user namespace: none is visible out here, before or after.
    expect((await listNamespaces()).filter((n) => n.includes(`-${process.pid}u-`))).toEqual([]);
  });
});
