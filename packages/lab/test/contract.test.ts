import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTES_BIND_CHOICES, NOTES_TOPOLOGY, type BindChoice, type Topology } from '@socket-playground/protocol';
import { cellOf, predictMatrix } from '@socket-playground/netmodel';
import { NetLab, netnsSupport } from '../src/netlab/netns-lab.ts';
import { requesterFor, runMatrix, type RunOnHost } from '../src/netlab/matrix-runner.ts';

/**
 * The contract: the address model (packages/netmodel) and the real namespace lab must agree on
 * every cell, for every bind choice. Where they disagree, the model is wrong — the kernel decides.
 */
const support = netnsSupport();
if (!support.ok) console.warn(`contract tests against the real lab skipped: ${support.why}`);

/** The lesson's binds, plus overlapping listeners, a privileged port and port 0. */
const BINDS: BindChoice[] = [
  ...NOTES_BIND_CHOICES,
  { hosts: ['0.0.0.0', '192.168.0.1'], port: 65432 },
  { hosts: ['192.168.0.1'], port: 80 },
  { hosts: ['192.168.0.1', '10.10.152.8'], port: 0 },
];

const THREE_HOSTS: Topology = {
  name: 'three-hosts',
  hosts: [
    ...NOTES_TOPOLOGY.hosts,
    { name: 'pc3', role: 'client', cards: [{ name: 'eth0', network: 'lan2', addresses: ['10.10.152.9/24'] }], routes: [] },
  ],
  networks: NOTES_TOPOLOGY.networks,
};

const WITH_IPV6: Topology = {
  name: 'ipv6',
  hosts: [
    { name: 'pc1', role: 'both', cards: [{ name: 'eth0', network: 'lan1', addresses: ['192.168.0.1/24', 'fd00::1/64'] }], routes: [] },
    { name: 'pc2', role: 'client', cards: [{ name: 'eth0', network: 'lan1', addresses: ['192.168.0.2/24', 'fd00::2/64'] }], routes: [] },
  ],
  networks: { lan1: '192.168.0.0/24' },
};


for (const topology of [NOTES_TOPOLOGY, THREE_HOSTS, WITH_IPV6]) {
  describe.skipIf(!support.ok)(`model = kernel on topology ${topology.name}`, () => {
    let lab: NetLab;
    let run: RunOnHost;
    beforeAll(async () => {
      lab = await NetLab.start(topology);
      run = requesterFor(lab.agents);
    }, 20_000);
    afterAll(() => lab?.stop());

    for (const bind of BINDS) {
      it(`bind ${bind.hosts.map((h) => JSON.stringify(h)).join(' + ')} port ${bind.port}`, { timeout: 20_000 }, async () => {
        const real = await runMatrix(run, topology, 'pc1', bind);
        const model = predictMatrix(topology, 'pc1', bind, 'linux');
        const listenerCodes = real.listeners.map((l) => l.errorCode ?? 'listening');
        expect(listenerCodes, 'listeners').toEqual(model.listeners.map((l) => l.status));
        const disagreements = real.cells.flatMap((cell) => {
          const predicted = cellOf(model, cell.client, cell.target);
          if (!predicted) return [`${cell.client}→${cell.target}: the model has no cell`];
          return predicted.outcome === cell.outcome ? [] : [`${cell.client}→${cell.target}: kernel ${cell.outcome}, model ${predicted.outcome} (${predicted.rule})`];
        });
        expect(disagreements).toEqual([]);
      });
    }
  });
}
