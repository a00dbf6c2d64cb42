/**
 * Stopping: the real bridge process closes every socket on SIGTERM and exits 0; servers that
 * other machines could reach are stopped once no page has been open for the grace period.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeStaticDir, newToken, PageClient, probe, resultOf, startTestBridge, trackResources, until } from './helpers.ts';

const defer = trackResources();
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('the bridge process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('on %s (Ctrl-C) closes every socket it opened and exits with code 0', async (signal) => {
    const staticDir = makeStaticDir();
    defer(() => rmSync(staticDir, { recursive: true, force: true }));
    const token = newToken();
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/bridge/src/main.ts', '--port', '0', '--token', token, '--static-dir', staticDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    defer(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

    const port = await until(() => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+)/.exec(stdout);
      if (child.exitCode !== null) throw new Error(`bridge exited early: ${stderr}`);
      return match && match[2] === token ? Number(match[1]) : undefined;
    }, 'the bridge to print its URL', 12_000);

    const page = await PageClient.open(port, { token });
    defer(() => page.close());
    await page.hello();
    const { listening } = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    expect(listening.address).toBe('127.0.0.1');

    // An open connection from outside, so the server has an accepted socket to close too.
    const outside = connect({ host: '127.0.0.1', port: listening.port });
    defer(() => outside.destroy());
    const outsideClosed = new Promise<void>((resolve) => outside.once('close', () => resolve()));
    outside.on('error', () => {});
    const echo = await new Promise<string>((resolve) => {
      outside.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8')));
      outside.write('still open');
    });
    expect(echo).toBe('still open');

    expect(child.kill(signal)).toBe(true);
    const exit = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000))]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(stdout).toContain(`${signal}: closing every socket and stopping`);
    expect((await page.closed).code).toBe(1001);
    await outsideClosed;

    expect(await probe(listening.port)).toBe('ECONNREFUSED');
    expect(await probe(port)).toBe('ECONNREFUSED');
  });
});

describe('in-process close()', () => {
  it('closes the lab’s servers and the bridge port', async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const { listening } = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    await bridge.close();
    expect((await page.closed).code).toBe(1001);
    expect(await probe(listening.port)).toBe('ECONNREFUSED');
    expect(await probe(bridge.port)).toBe('ECONNREFUSED');
    // Closing twice is harmless.
    await bridge.close();
  });

  // ws alone would wait 30 s for the close handshake; the gateway terminates pages after 1 s.
  it('completes promptly even if a page never answers the close handshake', async () => {
    const bridge = await startTestBridge(defer);
    const raw = connect({ host: '127.0.0.1', port: bridge.port });
    defer(() => raw.destroy());
    const upgraded = new Promise<string>((resolve) => raw.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1').split('\r\n')[0] ?? '')));
    raw.write(
      `GET /ws?token=${bridge.token} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nOrigin: http://127.0.0.1:${bridge.port}\r\n` +
        'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(await upgraded).toBe('HTTP/1.1 101 Switching Protocols');
    raw.pause();
    const closing = bridge.close().then(() => 'closed' as const);
    const outcome = await Promise.race([closing, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 3000))]);
    raw.destroy();
    await closing;
    expect(outcome).toBe('closed');
  });
});

describe('servers reachable from the network expire when no page is open', () => {
  async function startBoth(grace: number) {
    const bridge = await startTestBridge(defer, { exposedGraceMs: grace });
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const exposed = resultOf(await page.request({ type: 'server.start', host: '0.0.0.0', port: 0, backlog: 5, exposeConfirmed: true }), 'server.started');
    const loopback = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    expect([exposed.exposed, loopback.exposed]).toEqual([true, false]);
    expect(exposed.listening.address).toBe('0.0.0.0');
    return { bridge, page, exposed, loopback };
  }

  it('after the last page leaves, the 0.0.0.0 server is stopped and the loopback one stays', async () => {
    const { bridge, page, exposed, loopback } = await startBoth(100);
    await page.close();
    await until(() => (bridge.session.state.servers.some((s) => s.serverId === exposed.serverId) ? undefined : true), 'the exposed server to be stopped');
    expect(bridge.session.state.servers.map((s) => s.serverId)).toEqual([loopback.serverId]);
    expect(bridge.logLines).toContain('stopped 1 server(s) reachable from the network: no page is open');
    expect(await probe(exposed.listening.port)).toBe('ECONNREFUSED');
    expect(await probe(loopback.listening.port)).toBe('connected');
  });

  it('while another page is still open, nothing expires', async () => {
    const { bridge, page, exposed } = await startBoth(100);
    const other = await PageClient.connect(bridge, defer);
    await other.hello();
    await page.close();
    await new Promise((r) => setTimeout(r, 400));
    expect(bridge.session.state.servers.map((s) => s.serverId)).toContain(exposed.serverId);
    await other.close();
    await until(() => (bridge.session.state.servers.some((s) => s.serverId === exposed.serverId) ? undefined : true), 'the exposed server to be stopped');
  });

  it('a page that comes back within the grace period keeps the server', async () => {
    const { bridge, page, exposed } = await startBoth(500);
    await page.close();
    const back = await PageClient.connect(bridge, defer);
    await back.hello();
    await new Promise((r) => setTimeout(r, 900));
    expect(bridge.session.state.servers.map((s) => s.serverId)).toContain(exposed.serverId);
    expect(bridge.logLines.filter((l) => l.startsWith('stopped'))).toEqual([]);
  });

  it('a stepped server on 0.0.0.0 expires too', async () => {
    const bridge = await startTestBridge(defer, { exposedGraceMs: 100 });
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const { stepperId } = resultOf(
      await page.request({ type: 'stepper.start', program: 'blocking-echo-server', host: '0.0.0.0', port: 0, backlog: 1, exposeConfirmed: true }),
      'stepper',
    );
    await until(() => (bridge.session.state.steppers[0]?.next === 'listen' ? true : undefined), 'ready to listen');
    resultOf(await page.request({ type: 'stepper.step', stepperId }), 'stepper');
    const port = await until(() => bridge.session.state.steppers[0]?.listening?.port, 'listening');
    await page.close();
    await until(() => (bridge.session.state.steppers.length === 0 ? true : undefined), 'the stepped server to be stopped');
    expect(await probe(port)).toBe('ECONNREFUSED');
  });
});

