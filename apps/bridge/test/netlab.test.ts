/**
 * The who-can-connect lab through the bridge: a page starts it, runs the matrix, stops it; and a
 * bridge that closes takes its namespaces and their processes with it.
 */
import { describe, expect, it } from 'vitest';
import { listNamespaces, netnsSupport } from '@socket-playground/lab';
import { PageClient, resultOf, startTestBridge, trackResources, until } from './helpers.ts';

const defer = trackResources();
const support = netnsSupport();

describe.skipIf(!support.ok)('netlab commands (real namespaces)', () => {
  it('starts the lab, runs the matrix for a bind, and stops', { timeout: 30_000 }, async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const started = resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
    expect(started.netlab).toMatchObject({ status: 'up', mode: 'namespaces' });
    expect(bridge.session.labHosts).toEqual(['local', 'pc1', 'pc2']);
    await until(() => (page.messages.some((m) => m.type === 'state' && m.state.netlab?.status === 'up') ? true : undefined), 'state with the lab');

    const { matrix } = resultOf(await page.request({ type: 'netlab.matrix', serverHost: 'pc1', bind: { hosts: ['192.168.0.1'], port: 65432 } }), 'matrix');
    const cell = (client: string, target: string) => matrix.cells.find((c) => c.client === client && c.target === target)?.outcome;
    expect(cell('pc2', '192.168.0.1')).toBe('connected');
    expect(cell('pc1', '0.0.0.0')).toBe('ECONNREFUSED'); // Linux: connect(0.0.0.0) goes to 127.0.0.1
    // The lab hosts' calls reach the page like any other events.
    expect(page.messages.some((m) => m.type === 'events' && m.events.some((e) => e.event.labHost === 'pc2' && e.event.call === 'connect'))).toBe(true);

    resultOf(await page.request({ type: 'netlab.stop' }), 'netlab');
    expect(bridge.session.labHosts).toEqual(['local']);
    expect((await listNamespaces()).filter((n) => n.startsWith(`sockpg-${process.pid}-`))).toEqual([]);
  });

  it('closing the bridge removes the namespaces', { timeout: 30_000 }, async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
    expect((await listNamespaces()).filter((n) => n.startsWith(`sockpg-${process.pid}-`))).toHaveLength(3);
    await bridge.close();
    expect((await listNamespaces()).filter((n) => n.startsWith(`sockpg-${process.pid}-`))).toEqual([]);
  });
});

describe('netlab commands without a lab', () => {
  it('a matrix before start is a clear error', async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const reply = await page.request({ type: 'netlab.matrix', serverHost: 'pc1', bind: { hosts: ['0.0.0.0'], port: 1 } });
    expect(reply.ok ? '' : reply.error.code).toBe('LAB_NOT_STARTED');
  });
});

describe('single-host mode (no namespaces possible)', () => {
  it('answers every cell from the model, labelled modelled, and opens nothing', async () => {
    const { Session } = await import('../src/session.ts');
    const { NetLabController } = await import('../src/netlab-controller.ts');
    const session = new Session({ agents: [], exposedGraceMs: 1000 });
    const controller = new NetLabController(session, () => {}, () => ({ ok: false, why: 'this test pretends there is no root' }));
    const started = await controller.start();
    expect(started.ok && started.reply.kind === 'netlab' && started.reply.netlab).toMatchObject({ mode: 'single-host', why: 'this test pretends there is no root' });
    expect(session.state.netlab?.mode).toBe('single-host');
    const result = await controller.matrix('pc1', { hosts: ['0.0.0.0'], port: 65432 });
    if (!result.ok || result.reply.kind !== 'matrix') throw new Error('no matrix');
    const { matrix } = result.reply;
    expect(matrix.mode).toBe('single-host');
    expect(matrix.cells.every((c) => c.modelled === true && typeof c.rule === 'string')).toBe(true);
    expect(matrix.cells.find((c) => c.client === 'pc2' && c.target === '10.10.152.8')).toMatchObject({ outcome: 'connected', rule: 'R-WEAK-HOST' });
    expect(session.labHosts).toEqual([]);
    await controller.close();
  });
});

describe('single-host mode with the machine itself', () => {
  it('runs the server host’s loopback cells for real when the bind is loopback only', async () => {
    const { Session } = await import('../src/session.ts');
    const { NetLabController } = await import('../src/netlab-controller.ts');
    const { InProcessAgentLink } = await import('@socket-playground/lab');
    const session = new Session({ agents: [new InProcessAgentLink('local')], exposedGraceMs: 1000 });
    defer(() => session.close());
    const controller = new NetLabController(session, () => {}, () => ({ ok: false, why: 'no namespaces in this test' }));
    await controller.start();
    const result = await controller.matrix('pc1', { hosts: ['127.0.0.1'], port: 0 });
    if (!result.ok || result.reply.kind !== 'matrix') throw new Error('no matrix');
    const cell = (client: string, target: string) => result.reply.kind === 'matrix' ? result.reply.matrix.cells.find((c) => c.client === client && c.target === target) : undefined;
    expect(cell('pc1', '127.0.0.1')).toMatchObject({ outcome: 'connected', echoed: true });
    expect(cell('pc1', '127.0.0.1')?.modelled).toBeUndefined();
    expect(cell('pc1', '0.0.0.0')).toMatchObject({ outcome: 'connected' }); // Linux: 0.0.0.0 → 127.0.0.1, measured
    expect(cell('pc1', '::1')?.outcome).toBe('ECONNREFUSED');
    expect(cell('pc1', '192.168.0.1')?.modelled).toBe(true);
    expect(cell('pc2', '127.0.0.1')?.modelled).toBe(true);

    // A wildcard bind would expose this machine: nothing is run, all is modelled.
    const exposed = await controller.matrix('pc1', { hosts: ['0.0.0.0'], port: 0 });
    expect(exposed.ok && exposed.reply.kind === 'matrix' && exposed.reply.matrix.cells.every((c) => c.modelled)).toBe(true);
    await until(() => (session.state.servers.length === 0 ? true : undefined), 'the probe servers to be closed');
    await controller.close();
  });
});
