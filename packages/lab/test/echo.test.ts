import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LabEvent } from '@socket-playground/protocol';
import { AgentHarness, errorOf } from './harness.ts';

let harness: AgentHarness;
const extra: Server[] = [];
afterEach(async () => {
  await harness.close();
  await Promise.all(extra.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const calls = (events: LabEvent[]) => events.map((e) => e.call);
const text = (e: LabEvent) => ('preview' in e ? Buffer.from(e.preview, 'base64').toString() : '');

/** A port nobody listens on: bind port 0, read it, close. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

describe('echo server and client on real sockets', () => {
  it('runs the notes\' echo: socket, bind, listen, accept, connect, send, recv, close', async () => {
    harness = new AgentHarness();
    const server = await harness.startServer();
    expect(server.listening.port).toBeGreaterThan(0);
    const reply = await harness.run({ type: 'client.run', host: '127.0.0.1', port: server.listening.port, message: 'Hello, world' });
    expect(reply.ok).toBe(true);
    if (!reply.ok || reply.result.kind !== 'client.done') throw new Error('no echo');
    expect(Buffer.from(reply.result.received, 'base64').toString()).toBe('Hello, world');
    expect(reply.result.echoed).toBe(true);

    const listener = harness.events.filter((e) => e.owner === server.serverId && e.role === 'listener');
    expect(calls(listener)).toEqual(['socket', 'bind', 'listen', 'accept']);
    expect(listener.slice(0, 3).every((e) => e.nodeCall === 'server.listen()')).toBe(true);
    const accept = listener[3] as Extract<LabEvent, { call: 'accept' }>;
    expect(accept.remote?.port).toBe(reply.result.local.port);

    const client = harness.eventsOf(harness.events.find((e) => e.role === 'client')!.socketId);
    expect(calls(client)).toEqual(['socket', 'connect', 'send', 'recv', 'recv', 'close']);
    expect(client[2]).toMatchObject({ call: 'send', bytes: 12, offset: 0 });
    expect(text(client[3]!)).toBe('Hello, world');
    expect(client[4]).toMatchObject({ call: 'recv', bytes: 0, eof: true });
    expect(client[5]).toMatchObject({ call: 'close', reason: 'local', bytesSent: 12, bytesReceived: 12 });

    await harness.waitFor((events) => events.some((e) => e.socketId === accept.newSocketId && e.call === 'close'));
    const accepted = harness.eventsOf(accept.newSocketId);
    expect(calls(accepted)).toEqual(['recv', 'send', 'recv', 'close']);
    expect(accepted[2]).toMatchObject({ eof: true });
    expect(accepted[3]).toMatchObject({ reason: 'peer' });
    const ts = harness.events.map((e) => e.ts);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
  });

  it('shows a connection from outside the playground (like nc) and echoes to it', async () => {
    harness = new AgentHarness();
    const server = await harness.startServer();
    const outside = connect(server.listening.port, '127.0.0.1');
    let outsidePort = 0;
    const echoed = await new Promise<string>((resolve) => {
      outside.on('connect', () => {
        outsidePort = outside.localPort ?? 0;
        outside.write('from nc\n');
      });
      outside.on('data', (d) => {
        resolve(d.toString());
        outside.end();
      });
    });
    expect(echoed).toBe('from nc\n');
    await harness.waitFor((events) => events.some((e) => e.role === 'accepted' && e.call === 'close'));
    const recv = harness.events.find((e) => e.role === 'accepted' && e.call === 'recv' && e.bytes > 0);
    expect(recv && text(recv)).toBe('from nc\n');
    expect(recv?.remote?.port).toBe(outsidePort);
  });

  it('gives full bytes on request beyond the bounded preview', async () => {
    harness = new AgentHarness();
    const server = await harness.startServer();
    const message = 'x'.repeat(1000) + 'END';
    await harness.run({ type: 'client.run', host: 'localhost', port: server.listening.port, message });
    const send = harness.events.find((e) => e.call === 'send' && e.role === 'client');
    if (!send || send.call !== 'send' || !send.dataId) throw new Error('no send');
    expect(Buffer.from(send.preview, 'base64').length).toBe(256);
    const reply = await harness.run({ type: 'bytes.get', dataId: send.dataId });
    expect(reply.ok && reply.result.kind === 'bytes' && Buffer.from(reply.result.data ?? '', 'base64').toString()).toBe(message);
  });
});

describe('bad input and failures', () => {
  it.each([[70000], [-1], [1.5], ['abc']])('refuses port %j with INVALID_PORT and opens no socket', async (port) => {
    harness = new AgentHarness();
    const reply = await harness.run({ type: 'server.start', host: '127.0.0.1', port, backlog: 5 });
    expect(errorOf(reply)).toBe('INVALID_PORT');
    expect(calls(harness.events)).toEqual(['error']);
    expect(harness.events[0]?.socketId).toBe('-');
  });

  it.each(['999.1.1.1', '0x7f.1', 'not an address'])('refuses address %j', async (host) => {
    harness = new AgentHarness();
    expect(errorOf(await harness.run({ type: 'server.start', host, port: 0, backlog: 5 }))).toBe('INVALID_ADDRESS');
    expect(errorOf(await harness.run({ type: 'client.run', host, port: 1, message: 'x' }))).toBe('INVALID_ADDRESS');
  });

  it('reports a port in use as a failed bind (EADDRINUSE), and the first server keeps working', async () => {
    harness = new AgentHarness();
    const first = await harness.startServer();
    const reply = await harness.run({ type: 'server.start', host: '127.0.0.1', port: first.listening.port, backlog: 5 });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error).toMatchObject({ code: 'EADDRINUSE', syscall: 'bind' });
    expect(harness.events.find((e) => e.call === 'error')).toMatchObject({ failedCall: 'bind' });
    const echo = await harness.run({ type: 'client.run', host: '127.0.0.1', port: first.listening.port, message: 'still here' });
    expect(echo.ok).toBe(true);
  });

  it('needs confirmation before binding beyond loopback, then the kernel decides (EADDRNOTAVAIL)', async () => {
    harness = new AgentHarness();
    const unconfirmed = await harness.run({ type: 'server.start', host: '192.0.2.1', port: 0, backlog: 5 });
    expect(errorOf(unconfirmed)).toBe('EXPOSE_NOT_CONFIRMED');
    expect(harness.events.filter((e) => e.call === 'socket')).toHaveLength(0);
    // 192.0.2.1 (TEST-NET-1) is on no interface here: bind fails in the kernel, no packet is sent.
    const confirmed = await harness.run({ type: 'server.start', host: '192.0.2.1', port: 0, backlog: 5, exposeConfirmed: true });
    expect(reply(confirmed)).toMatchObject({ code: 'EADDRNOTAVAIL', syscall: 'bind' });
  });

  it('refuses destinations beyond loopback without opening a socket', async () => {
    harness = new AgentHarness();
    for (const host of ['192.0.2.1', '::ffff:10.0.0.5', '169.254.169.254']) {
      expect(errorOf(await harness.run({ type: 'client.run', host, port: 80, message: 'x' }))).toBe('DESTINATION_NOT_ALLOWED');
    }
    expect(harness.events.filter((e) => e.call === 'socket')).toHaveLength(0);
  });

  it('reports nobody listening as ECONNREFUSED on connect, then closes the socket', async () => {
    harness = new AgentHarness();
    const port = await freePort();
    const r = await harness.run({ type: 'client.run', host: '127.0.0.1', port, message: 'x' });
    expect(reply(r)).toMatchObject({ code: 'ECONNREFUSED', syscall: 'connect' });
    expect(calls(harness.events)).toEqual(['socket', 'error', 'close']);
  });

  it('shows connect() to 0.0.0.0 reaching 127.0.0.1, as Linux does', async () => {
    harness = new AgentHarness();
    const server = await harness.startServer();
    const r = await harness.run({ type: 'client.run', host: '0.0.0.0', port: server.listening.port, message: 'hi' });
    expect(r.ok && r.result.kind === 'client.done' && r.result.remote.address).toBe('127.0.0.1');
  });

  it('reports a peer reset on an accepted socket (ECONNRESET)', async () => {
    harness = new AgentHarness();
    const server = await harness.startServer();
    const outside = connect(server.listening.port, '127.0.0.1');
    await new Promise((r) => outside.once('connect', r));
    outside.write('bye');
    await harness.waitFor((events) => events.some((e) => e.call === 'recv' && e.bytes === 3));
    outside.resetAndDestroy();
    await harness.waitFor((events) => events.some((e) => e.role === 'accepted' && e.call === 'close'));
    const accepted = harness.events.filter((e) => e.role === 'accepted');
    expect(accepted.find((e) => e.call === 'error')).toMatchObject({ failedCall: 'recv', error: { code: 'ECONNRESET' } });
    expect(accepted.at(-1)).toMatchObject({ call: 'close', reason: 'reset' });
  });

  it('reports a reset from a server that aborts the client (ECONNRESET)', async () => {
    harness = new AgentHarness();
    const rude = createServer((s) => s.once('data', () => s.resetAndDestroy()));
    extra.push(rude);
    await new Promise<void>((r) => rude.listen(0, '127.0.0.1', r));
    const { port } = rude.address() as { port: number };
    const r = await harness.run({ type: 'client.run', host: '127.0.0.1', port, message: 'hello?' });
    expect(reply(r)).toMatchObject({ code: 'ECONNRESET' });
    expect(harness.events.at(-1)).toMatchObject({ call: 'close', reason: 'reset' });
  });

  it('gives up on a server that never echoes (ECHO_TIMEOUT) without leaking the socket', { timeout: 10000 }, async () => {
    harness = new AgentHarness();
    const silent = createServer((s) => s.resume());
    extra.push(silent);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as { port: number };
    const r = await harness.run({ type: 'client.run', host: '127.0.0.1', port, message: 'anyone?' });
    expect(reply(r)).toMatchObject({ code: 'ECHO_TIMEOUT' });
    expect(harness.agent.snapshot().connections).toEqual([]);
  });

  it('closes every socket at shutdown', async () => {
    harness = new AgentHarness();
    const server = await harness.startServer();
    const outside = connect(server.listening.port, '127.0.0.1');
    await new Promise((r) => outside.once('connect', r));
    await harness.waitFor((events) => events.some((e) => e.call === 'accept'));
    const closedByPeer = new Promise((r) => outside.once('close', r));
    await harness.close();
    await closedByPeer;
    const refused = await new Promise<string>((resolve) => {
      const again = connect(server.listening.port, '127.0.0.1');
      again.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? ''));
      again.once('connect', () => {
        again.destroy();
        resolve('connected');
      });
    });
    expect(refused).toBe('ECONNREFUSED');
    expect(harness.agent.snapshot()).toEqual({ servers: [], connections: [], steppers: [] });
  });
});

function reply(r: Awaited<ReturnType<AgentHarness['run']>>) {
  return r.ok ? undefined : r.error;
}
