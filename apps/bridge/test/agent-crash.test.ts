/**
 * A lab host's agent dies while the lab is up (kill -9 of pc2's child process): the page is told
 * that pc2 is down and why, the bridge keeps serving (pc1, the learner's own host, health), a
 * command for pc2 fails at once with a clear error, and restarting the lab brings pc2 back.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { NetLabState } from '@socket-playground/protocol';
import { netnsSupport, processAlive } from '@socket-playground/lab';
import { errorOf, httpGet, PageClient, resultOf, startTestBridge, trackResources, until } from './helpers.ts';

const defer = trackResources();
const support = netnsSupport();
const root = process.getuid?.() === 0 && support.ok && support.via === 'root';
if (!root) console.warn('agent crash tests skipped: needs root (the lab makes network namespaces with `ip netns`; CI runs as root)');

function agentPids(ns: string): number[] {
  return spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' })
    .stdout.split('\n')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

describe.skipIf(!root)('a lab host agent that crashes (real namespaces)', () => {
  it('pc2 is reported down with the reason; the bridge keeps serving; a lab restart brings it back', { timeout: 30_000 }, async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
    const pc2Ns = `sockpg-${String(process.pid)}-pc2`;
    const [pc2Agent] = agentPids(pc2Ns);
    expect(pc2Agent).toBeDefined();
    resultOf(await page.request({ type: 'server.start', labHost: 'pc1', host: '192.168.0.1', port: 7, backlog: 5 }), 'server.started');

    const from = page.messages.length;
    process.kill(pc2Agent!, 'SIGKILL');
    const netlab = await page.waitFor(
      (m) => (m.type === 'state' && m.state.netlab?.down?.pc2 ? m.state.netlab : undefined),
      'a state saying pc2 is down',
      { from },
    );
    expect(netlab.status).toBe('up');
    expect(netlab.down?.pc2).toMatchObject({ reason: 'exited with SIGKILL', signal: 'SIGKILL' });
    expect(netlab.down?.pc1).toBeUndefined();
    expect(bridge.logLines.some((l) => l.startsWith('lab host pc2 is down: its agent exited with SIGKILL'))).toBe(true);
    await until(() => (processAlive(pc2Agent!) ? undefined : true), 'the agent to be gone');

    // The bridge keeps serving: health, pc1, and the learner's own host.
    expect((await httpGet(bridge.port, '/api/health', `127.0.0.1:${bridge.port}`)).status).toBe(200);
    const echoed = resultOf(await page.request({ type: 'client.run', labHost: 'pc1', host: '192.168.0.1', port: 7, message: 'still here' }), 'client.done');
    expect(echoed.echoed).toBe(true);
    resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');

    // pc2 answers at once with a clear error instead of leaving the page waiting.
    const t0 = Date.now();
    const refused = errorOf(await page.request({ type: 'client.run', labHost: 'pc2', host: '192.168.0.1', port: 7, message: 'x' }));
    expect(refused.code).toBe('AGENT_FAILED');
    expect(refused.message).toContain('pc2');
    expect(Date.now() - t0).toBeLessThan(1000);
    const matrix = errorOf(await page.request({ type: 'netlab.matrix', serverHost: 'pc1', bind: { hosts: ['0.0.0.0'], port: 65432 } }));
    expect(matrix).toMatchObject({ code: 'AGENT_FAILED', context: { labHost: 'pc2' } });

    // Restart (the page's "Restart" button starts the lab again): every host runs again.
    const restarted = resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
    expect(restarted.netlab?.status).toBe('up');
    expect((restarted.netlab as NetLabState).down).toBeUndefined();
    const [newAgent] = agentPids(pc2Ns);
    expect(newAgent).toBeDefined();
    expect(newAgent).not.toBe(pc2Agent);
    resultOf(await page.request({ type: 'server.start', labHost: 'pc1', host: '192.168.0.1', port: 7, backlog: 5 }), 'server.started');
    const back = resultOf(await page.request({ type: 'client.run', labHost: 'pc2', host: '192.168.0.1', port: 7, message: 'back' }), 'client.done');
    expect(back.echoed).toBe(true);
    await page.waitFor((m) => (m.type === 'state' && m.state.netlab?.status === 'up' && !m.state.netlab.down ? true : undefined), 'a state with every host up');
  });

  it('an agent that exits while the lab stops is not reported down', { timeout: 30_000 }, async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
    resultOf(await page.request({ type: 'netlab.stop' }), 'netlab');
    expect(bridge.logLines.filter((l) => l.includes('is down'))).toEqual([]);
    expect(page.messages.some((m) => m.type === 'state' && m.state.netlab?.down)).toBe(false);
  });
});
