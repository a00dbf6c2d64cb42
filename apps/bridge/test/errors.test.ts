/**
 * Error replies through the bridge, each followed by proof that the bridge still answers.
 * Refused destinations are never dialled: the test checks the lab's own policy first, so a
 * regression cannot make this test contact a non-loopback address.
 */
import { createServer, type AddressInfo } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { destinationAllowed } from '@socket-playground/lab';
import { errorOf, PageClient, resultOf, startTestBridge, trackResources, type TestBridge } from './helpers.ts';

const defer = trackResources();
let bridge: TestBridge;
let page: PageClient;

beforeEach(async () => {
  bridge = await startTestBridge(defer);
  page = await PageClient.connect(bridge, defer);
  await page.hello();
});

async function stillAnswers(): Promise<void> {
  const reply = await page.request({ type: 'bytes.get', dataId: 'nope' });
  expect(resultOf(reply, 'bytes').data).toBeNull();
}

/** A port nobody listens on: the kernel chose it free, then we let it go. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('server.start errors', () => {
  it('the same port twice → EADDRINUSE, reported as a failed bind', async () => {
    const first = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    const port = first.listening.port;
    const second = errorOf(await page.request({ type: 'server.start', host: '127.0.0.1', port, backlog: 5 }));
    expect(second).toMatchObject({ code: 'EADDRINUSE', syscall: 'bind', context: { host: '127.0.0.1', port } });
    const failed = await page.waitForEvent((e) => e.event.call === 'error' && e.event.error.code === 'EADDRINUSE', 'EADDRINUSE event');
    expect(failed.event.call === 'error' && failed.event.failedCall).toBe('bind');
    expect(failed.event.owner).not.toBe(first.serverId);
    // The first server is untouched and is the only one.
    expect(bridge.session.state.servers.map((s) => s.listening.port)).toEqual([port]);
    await stillAnswers();
  });

  it.each([70000, -1, 1.5, 65536, 'abc', '80'])('port %j → INVALID_PORT', async (port) => {
    const error = errorOf(await page.request({ type: 'server.start', host: '127.0.0.1', port, backlog: 5 }));
    expect(error).toMatchObject({ code: 'INVALID_PORT', context: { port } });
    expect(bridge.session.state.servers).toEqual([]);
    await stillAnswers();
  });

  it('0.0.0.0 without exposeConfirmed → EXPOSE_NOT_CONFIRMED, and nothing is bound', async () => {
    const error = errorOf(await page.request({ type: 'server.start', host: '0.0.0.0', port: 0, backlog: 5 }));
    expect(error).toMatchObject({ code: 'EXPOSE_NOT_CONFIRMED', context: { host: '0.0.0.0' } });
    const refused = await page.waitForEvent((e) => e.event.call === 'error', 'policy error event');
    expect(refused.event.call === 'error' && refused.event.failedCall).toBe('policy');
    await stillAnswers();
    expect(page.events.some((e) => e.event.call === 'socket' || e.event.call === 'bind')).toBe(false);
    expect(bridge.session.state.servers).toEqual([]);
  });

  it('server.stop of an unknown server → UNKNOWN_SERVER', async () => {
    const error = errorOf(await page.request({ type: 'server.stop', serverId: 'srv99' }));
    expect(error).toMatchObject({ code: 'UNKNOWN_SERVER', context: { serverId: 'srv99' } });
    await stillAnswers();
  });
});

describe('client.run errors', () => {
  it.each(['999.1.1.1', '0x7f.1', '', '127.1', 'example.com'])('host %j → INVALID_ADDRESS', async (host) => {
    const error = errorOf(await page.request({ type: 'client.run', host, port: 9, message: 'hi' }));
    expect(error).toMatchObject({ code: 'INVALID_ADDRESS', context: { host } });
    await stillAnswers();
    expect(page.events.some((e) => e.event.call === 'socket' || e.event.call === 'connect')).toBe(false);
  });

  it.each(['192.0.2.1', '::ffff:10.0.0.5', '169.254.169.254', '10.0.0.1', '8.8.8.8', 'fe80::1'])(
    'host %s → DESTINATION_NOT_ALLOWED, and no socket is created',
    async (host) => {
      // Safety first: the lab's policy must refuse it, or this test would dial it.
      expect(destinationAllowed(host)).toBe(false);
      const error = errorOf(await page.request({ type: 'client.run', host, port: 9, message: 'hi' }));
      expect(error).toMatchObject({ code: 'DESTINATION_NOT_ALLOWED', context: { host, port: 9 } });
      const policy = await page.waitForEvent((e) => e.event.call === 'error', 'policy error event');
      expect(policy.event).toMatchObject({ call: 'error', failedCall: 'policy', socketId: '-', role: 'client' });
      await stillAnswers();
      expect(page.events.map((e) => e.event.call)).toEqual(['error']);
      expect(bridge.session.state.connections).toEqual([]);
    },
  );

  it('nobody listening → ECONNREFUSED from connect, and the socket is closed', async () => {
    const port = await freePort();
    const error = errorOf(await page.request({ type: 'client.run', host: '127.0.0.1', port, message: 'Hello, world' }));
    expect(error).toMatchObject({ code: 'ECONNREFUSED', syscall: 'connect', context: { host: '127.0.0.1', port, address: '127.0.0.1' } });
    await page.waitForEvent((e) => e.event.call === 'close', 'close after the refused connect');
    expect(page.events.map((e) => e.event.call)).toEqual(['socket', 'error', 'close']);
    const failed = page.events[1]?.event;
    expect(failed?.call === 'error' && failed.failedCall).toBe('connect');
    await stillAnswers();
  });

  it.each([0, 70000, 'abc'])('port %j → INVALID_PORT (0 cannot be connected to)', async (port) => {
    const error = errorOf(await page.request({ type: 'client.run', host: '127.0.0.1', port, message: 'hi' }));
    expect(error.code).toBe('INVALID_PORT');
    await stillAnswers();
  });

  it('a message over LIMITS.maxEchoMessageBytes → MESSAGE_TOO_LONG, nothing sent', async () => {
    const error = errorOf(await page.request({ type: 'client.run', host: '127.0.0.1', port: 9, message: 'x'.repeat(16 * 1024 + 1) }));
    expect(error).toMatchObject({ code: 'MESSAGE_TOO_LONG', context: { limit: 16 * 1024 } });
    await stillAnswers();
    expect(page.events.some((e) => e.event.call === 'socket')).toBe(false);
  });

  it('after a run of errors, a real echo still works', async () => {
    expect(destinationAllowed('192.0.2.1')).toBe(false);
    for (const host of ['999.1.1.1', '192.0.2.1', '0x7f.1']) {
      expect((await page.request({ type: 'client.run', host, port: 9, message: 'x' })).ok).toBe(false);
    }
    const { listening } = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    const done = resultOf(await page.request({ type: 'client.run', host: listening.address, port: listening.port, message: 'still here' }), 'client.done');
    expect(done.echoed).toBe(true);
  });
});
