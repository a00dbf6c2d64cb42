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
    expect(started.netlab).toMatchObject({ status: 'up', mode: 'namespaces', whyCode: support.ok && support.via === 'userns' ? 'netns-userns' : 'netns-root' });
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
