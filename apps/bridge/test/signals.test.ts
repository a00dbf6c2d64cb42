/**
 * Process lifecycle of the real bridge with the multi-host lab up: SIGINT and SIGTERM close
 * every socket, stop every host agent and delete every namespace, within a few seconds; after a
 * SIGKILL (nothing could clean up) the next start finds the leftovers, removes them, and says so,
 * touching nothing that is not the project's own. Root only (CI runs as root).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { listNamespaces, netnsSupport, processAlive } from '@socket-playground/lab';
import { makeStaticDir, newToken, PageClient, probe, resultOf, trackResources, until } from './helpers.ts';

const defer = trackResources();
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const support = netnsSupport();
const root = process.getuid?.() === 0 && support.ok && support.via === 'root';
const skipWhy = root ? '' : 'needs root: the lab makes network namespaces with `ip netns` (CI runs as root)';
if (!root) console.warn(`signal tests skipped: ${skipWhy}`);

/** Decoy namespaces made by a test: removed after it, whatever happened. */
const decoys: string[] = [];
afterEach(() => {
  for (const ns of decoys.splice(0)) spawnSync('ip', ['netns', 'del', ns]);
});

/** Running (a zombie waiting to be reaped is not). */
const alive = processAlive;

function netnsPids(ns: string): number[] {
  const out = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

interface Spawned {
  child: ChildProcess;
  port: number;
  token: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  ownNamespaces: () => Promise<string[]>;
}

/** `node --import tsx apps/bridge/src/main.ts --port 0 …`, as `npm start` runs it; killed after the test. */
async function spawnBridge(prefix = 'sockpg'): Promise<Spawned> {
  const staticDir = makeStaticDir();
  defer(() => rmSync(staticDir, { recursive: true, force: true }));
  const token = newToken();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/bridge/src/main.ts', '--port', '0', '--token', token, '--static-dir', staticDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SOCKET_PLAYGROUND_NETNS_PREFIX: prefix },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const own = `${prefix}-${String(child.pid)}-`;
  defer(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    // Whatever a failed test left: agents inside, then the namespaces.
    for (const ns of (await listNamespaces()).filter((n) => n.startsWith(own))) {
      for (const pid of netnsPids(ns)) if (alive(pid)) process.kill(pid, 'SIGKILL');
      spawnSync('ip', ['netns', 'del', ns]);
    }
  });
  const port = await until(() => {
    if (child.exitCode !== null) throw new Error(`bridge exited early: ${out}`);
    const match = /http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+)/.exec(out);
    return match && match[2] === token ? Number(match[1]) : undefined;
  }, 'the bridge to print its URL', 12_000);
  return { child, port, token, output: () => out, exited, ownNamespaces: async () => (await listNamespaces()).filter((n) => n.startsWith(own)) };
}

/** A page that starts the lab and opens sockets on the learner's machine and in pc1. */
async function startLabWithSockets(bridge: Spawned) {
  const page = await PageClient.open(bridge.port, { token: bridge.token });
  defer(() => page.close());
  await page.hello();
  const started = resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
  expect(started.netlab).toMatchObject({ status: 'up', mode: 'namespaces' });
  const namespaces = await bridge.ownNamespaces();
  expect(namespaces).toHaveLength(3);
  const agentPids = namespaces.flatMap(netnsPids);
  expect(agentPids.length).toBeGreaterThanOrEqual(2); // one host agent in pc1, one in pc2
  const local = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
  resultOf(await page.request({ type: 'server.start', labHost: 'pc1', host: '192.168.0.1', port: 7, backlog: 5 }), 'server.started');
  const done = resultOf(await page.request({ type: 'client.run', labHost: 'pc2', host: '192.168.0.1', port: 7, message: 'hi' }), 'client.done');
  expect(done.echoed).toBe(true);
  return { page, namespaces, agentPids, localPort: local.listening.port };
}

describe.skipIf(!root)('signals with the lab up (real bridge process, real namespaces)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s: every socket closed, every agent and namespace gone, exit 0 within 5 s', { timeout: 30_000 }, async (signal) => {
    const bridge = await spawnBridge();
    const { page, namespaces, agentPids, localPort } = await startLabWithSockets(bridge);
    // A connection from outside too, so an accepted socket must close as well.
    const outside = connect({ host: '127.0.0.1', port: localPort });
    defer(() => outside.destroy());
    outside.on('error', () => {});
    const outsideClosed = new Promise<void>((resolve) => outside.once('close', () => resolve()));
    await new Promise<void>((resolve) => outside.once('connect', () => resolve()));

    const t0 = Date.now();
    bridge.child.kill(signal);
    const exit = await Promise.race([bridge.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 8000))]);
    const elapsed = Date.now() - t0;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(elapsed).toBeLessThan(5000);
    expect(bridge.output()).toContain(`${signal}: closing every socket and stopping`);
    expect((await page.closed).code).toBe(1001);
    await outsideClosed;

    expect(await probe(localPort)).toBe('ECONNREFUSED');
    expect(await probe(bridge.port)).toBe('ECONNREFUSED');
    expect(agentPids.filter(alive)).toEqual([]);
    const left = await listNamespaces();
    expect(left.filter((n) => namespaces.includes(n))).toEqual([]);
    expect(await bridge.ownNamespaces()).toEqual([]);
  });
});

describe.skipIf(!root)('SIGKILL, then start again (real bridge process, real namespaces)', () => {
  it('the next start removes the killed run’s namespaces, processes and veth pairs, logs it, and touches nothing else', { timeout: 45_000 }, async () => {
    // A prefix of this test's own (still "sockpg…"): bridges and labs of other runs on this machine
    // clean up dead runs' namespaces too, and must not get to these before the second start does.
    const prefix = `sockpgk${(process.pid % 1000).toString(36)}`;
    const first = await spawnBridge(prefix);
    const { namespaces, agentPids } = await startLabWithSockets(first);
    const switchNs = namespaces.find((n) => n.endsWith('-sw'))!;
    const pc1 = namespaces.find((n) => n.endsWith('-pc1'))!;
    expect(spawnSync('ip', ['-n', switchNs, '-o', 'link', 'show', 'type', 'veth'], { encoding: 'utf8' }).stdout.trim().split('\n')).toHaveLength(3);
    const rootVeths = spawnSync('ip', ['-o', 'link', 'show', 'type', 'veth'], { encoding: 'utf8' }).stdout;

    // Something still running inside a namespace when its owner dies: `ip netns del` alone would leave it.
    const orphan = spawn('ip', ['netns', 'exec', pc1, 'sleep', '60'], { stdio: 'ignore', detached: true });
    orphan.unref();
    defer(() => {
      if (orphan.pid !== undefined && alive(orphan.pid)) process.kill(orphan.pid, 'SIGKILL');
    });
    await until(() => (orphan.pid !== undefined && netnsPids(pc1).includes(orphan.pid) ? true : undefined), 'the orphan inside pc1');

    // Namespaces that are not leftovers of ours: another program's, and one of a run that still runs (this test).
    const foreign = `other-${String(process.pid)}`;
    const liveOwner = `${prefix}-${String(process.pid)}-keep`;
    for (const ns of [foreign, liveOwner]) {
      expect(spawnSync('ip', ['netns', 'add', ns]).status).toBe(0);
      decoys.push(ns);
    }

    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // Nothing cleaned up after a SIGKILL: the namespaces are still there.
    expect((await listNamespaces()).filter((n) => namespaces.includes(n)).length).toBeGreaterThan(0);

    const second = await spawnBridge(prefix);
    const log = second.output();
    expect(log).toMatch(/removed leftovers of an earlier run: \d+ namespace\(s\)/);
    for (const ns of namespaces) expect(log).toContain(ns);
    expect(log).toMatch(/[1-9]\d* process\(es\) still inside them/);
    expect(log).toContain('3 veth pair(s)');

    const after = await listNamespaces();
    expect(after.filter((n) => namespaces.includes(n))).toEqual([]);
    expect(after).toContain(foreign);
    expect(after).toContain(liveOwner);
    expect(alive(orphan.pid!)).toBe(false);
    await until(() => (agentPids.some(alive) ? undefined : true), 'the killed run’s agents to be gone', 3000);
    expect(spawnSync('ip', ['-o', 'link', 'show', 'type', 'veth'], { encoding: 'utf8' }).stdout).toBe(rootVeths);

    // The new bridge works, and stops cleanly.
    const page = await PageClient.open(second.port, { token: second.token });
    defer(() => page.close());
    await page.hello();
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
