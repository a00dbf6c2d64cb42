/**
 * End to end through the bridge: a page starts a real echo server on 127.0.0.1 and runs the
 * echo client against it; a raw `net` client (like `nc`) talks to the same server from outside.
 */
import { connect } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LabEvent, SequencedLabEvent } from '@socket-playground/protocol';
import { PageClient, resultOf, startTestBridge, trackResources, type TestBridge } from './helpers.ts';

const defer = trackResources();
let bridge: TestBridge;
let page: PageClient;

beforeEach(async () => {
  bridge = await startTestBridge(defer);
  page = await PageClient.connect(bridge, defer);
  await page.hello();
});

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const calls = (events: SequencedLabEvent[], socketId: string) => events.filter((e) => e.event.socketId === socketId).map((e) => e.event.call);
const isCall = <C extends LabEvent['call']>(e: LabEvent, call: C): e is Extract<LabEvent, { call: C }> => e.call === call;

async function startServer(): Promise<{ serverId: string; port: number }> {
  const reply = await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 });
  const started = resultOf(reply, 'server.started');
  return { serverId: started.serverId, port: started.listening.port };
}

describe('server.start and client.run through the bridge', () => {
  it('starts a listening echo server: reply, socket/bind/listen events and a state update', async () => {
    const reply = await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 });
    const started = resultOf(reply, 'server.started');
    expect(started.listening.address).toBe('127.0.0.1');
    expect(started.listening.family).toBe('IPv4');
    expect(started.listening.port).toBeGreaterThan(0);
    expect(started.exposed).toBe(false);

    await page.waitForEvent((e) => e.event.call === 'listen', 'listen event');
    const listener = page.events.filter((e) => e.event.owner === started.serverId);
    expect(listener.map((e) => e.event.call)).toEqual(['socket', 'bind', 'listen']);
    for (const { event } of listener) {
      expect(event.nodeCall).toBe('server.listen()');
      expect(event.role).toBe('listener');
    }
    const [, bind, listen] = listener.map((e) => e.event);
    expect(bind && isCall(bind, 'bind') && bind.requested).toEqual({ host: '127.0.0.1', port: 0 });
    expect(bind?.local).toEqual(started.listening);
    expect(listen && isCall(listen, 'listen') && listen.backlog).toBe(5);

    const state = await page.waitFor((m) => (m.type === 'state' && m.state.servers.length > 0 ? m.state : undefined), 'state with the server');
    expect(state.servers).toHaveLength(1);
    expect(state.servers[0]).toMatchObject({
      serverId: started.serverId,
      kind: 'echo',
      labHost: 'local',
      requested: { host: '127.0.0.1', port: 0, backlog: 5 },
      listening: started.listening,
      exposed: false,
      connections: 0,
    });
    expect(bridge.session.state.servers.map((s) => s.serverId)).toEqual([started.serverId]);
  });

  it('client.run "Hello, world" is echoed; the stream shows accept, connect, send, recv and close', async () => {
    const { serverId, port } = await startServer();
    const reply = await page.request({ type: 'client.run', host: '127.0.0.1', port, message: 'Hello, world' });
    const done = resultOf(reply, 'client.done');
    expect(done.echoed).toBe(true);
    expect(done.received).toBe(b64('Hello, world'));
    expect(done.remote).toEqual({ address: '127.0.0.1', port, family: 'IPv4' });

    // The reply can overtake the last events: wait until both sides have closed.
    const accept = await page.waitForEvent((e) => e.event.call === 'accept' && e.event.owner === serverId, 'accept');
    const accepted = accept.event.call === 'accept' ? accept.event.newSocketId : '';
    const client = page.events.find((e) => e.event.owner === done.clientId && e.event.call === 'connect')?.event.socketId ?? '';
    await page.waitForEvent((e) => e.event.call === 'close' && e.event.socketId === accepted, 'accepted socket close');
    await page.waitForEvent((e) => e.event.call === 'close' && e.event.socketId === client, 'client close');

    const events = page.events;
    expect(calls(events, client)).toEqual(['socket', 'connect', 'send', 'recv', 'recv', 'close']);
    expect(calls(events, accepted)).toEqual(['recv', 'send', 'recv', 'close']);
    const byCall = (socketId: string, call: LabEvent['call']) => events.filter((e) => e.event.socketId === socketId && e.event.call === call).map((e) => e.event);

    const [clientSend] = byCall(client, 'send');
    expect(clientSend && isCall(clientSend, 'send') && [clientSend.bytes, clientSend.preview]).toEqual([12, b64('Hello, world')]);
    const [serverRecv, serverEof] = byCall(accepted, 'recv');
    expect(serverRecv && isCall(serverRecv, 'recv') && [serverRecv.bytes, serverRecv.preview, serverRecv.eof]).toEqual([12, b64('Hello, world'), false]);
    expect(serverEof && isCall(serverEof, 'recv') && [serverEof.bytes, serverEof.eof]).toEqual([0, true]);
    const [echo] = byCall(accepted, 'send');
    expect(echo && isCall(echo, 'send') && echo.preview).toBe(b64('Hello, world'));
    const [clientRecv] = byCall(client, 'recv');
    expect(clientRecv && isCall(clientRecv, 'recv') && [clientRecv.bytes, clientRecv.preview]).toEqual([12, b64('Hello, world')]);
    const [clientClose] = byCall(client, 'close');
    expect(clientClose && isCall(clientClose, 'close') && [clientClose.reason, clientClose.bytesSent, clientClose.bytesReceived]).toEqual(['local', 12, 12]);
    const [serverClose] = byCall(accepted, 'close');
    expect(serverClose && isCall(serverClose, 'close') && [serverClose.reason, serverClose.bytesSent, serverClose.bytesReceived]).toEqual(['peer', 12, 12]);
    // The accepted socket's addresses mirror the client's.
    expect(accept.event.remote).toEqual(done.local);

    // Sequence numbers: 1, 2, 3… without gaps or repeats, across every batch.
    const batches = page.messages.filter((m) => m.type === 'events');
    expect(batches.length).toBeGreaterThan(1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(bridge.session.log.lastSeq).toBe(events.length);
  });

  it('server.stop closes the listener: reply, close event, state without the server', async () => {
    const { serverId, port } = await startServer();
    const reply = await page.request({ type: 'server.stop', serverId });
    expect(resultOf(reply, 'server.stopped').serverId).toBe(serverId);
    await page.waitForEvent((e) => e.event.owner === serverId && e.event.call === 'close', 'listener close');
    await page.waitFor((m) => (m.type === 'state' && m.state.servers.length === 0 ? true : undefined), 'state without servers');
    const refused = await page.request({ type: 'client.run', host: '127.0.0.1', port, message: 'x' });
    expect(!refused.ok && refused.error.code).toBe('ECONNREFUSED');
  });
});

describe('a client from outside the playground', () => {
  it('a raw net client’s bytes appear as a recv on an accepted socket, and it gets the echo', async () => {
    const { serverId, port } = await startServer();
    const outside = connect({ host: '127.0.0.1', port });
    defer(() => outside.destroy());
    await new Promise<void>((resolve, reject) => {
      outside.once('connect', resolve);
      outside.once('error', reject);
    });
    const echoed = new Promise<string>((resolve, reject) => {
      let text = '';
      outside.setEncoding('utf8');
      outside.on('data', (chunk: string) => {
        text += chunk;
        if (text.length >= 'ping from nc\n'.length) resolve(text);
      });
      outside.once('error', reject);
    });
    outside.write('ping from nc\n');
    expect(await echoed).toBe('ping from nc\n');

    const accept = await page.waitForEvent((e) => e.event.call === 'accept' && e.event.owner === serverId, 'accept of the raw client');
    expect(accept.event.remote).toEqual({ address: '127.0.0.1', port: outside.localPort, family: 'IPv4' });
    const accepted = accept.event.call === 'accept' ? accept.event.newSocketId : '';
    const recv = await page.waitForEvent((e) => e.event.socketId === accepted && e.event.call === 'recv', 'recv from the raw client');
    expect(recv.event).toMatchObject({ role: 'accepted', owner: serverId, bytes: 13, offset: 0, preview: b64('ping from nc\n'), eof: false });
    await page.waitForEvent((e) => e.event.socketId === accepted && e.event.call === 'send', 'echo send');

    const state = await page.waitFor((m) => (m.type === 'state' && m.state.connections.length > 0 ? m.state : undefined), 'state with the connection');
    expect(state.connections).toContainEqual(expect.objectContaining({ socketId: accepted, role: 'accepted', owner: serverId }));

    outside.end();
    const close = await page.waitForEvent((e) => e.event.socketId === accepted && e.event.call === 'close', 'close of the accepted socket');
    expect(close.event).toMatchObject({ reason: 'peer', bytesSent: 13, bytesReceived: 13 });
  });
});

describe('demonstrations through the bridge', () => {
  it('a page runs recv-bufsize: the summary comes back and the recvs stream as events', async () => {
    const { summary } = resultOf(await page.request({ type: 'demo.run', spec: { demo: 'recv-bufsize', messageBytes: 3000, bufsize: 1000 } }), 'demo');
    if (summary.demo !== 'recv-bufsize') throw new Error('wrong demo');
    expect(summary.recvSizes.every((n) => n <= 1000)).toBe(true);
    expect(summary.recvSizes.length).toBeGreaterThanOrEqual(3);
    await page.waitForEvent((e) => e.event.call === 'close' && e.event.owner === summary.demoId, 'the demo client to close');
    const recvs = page.events.filter((e) => e.event.owner === summary.demoId && isCall(e.event, 'recv') && !e.event.eof);
    expect(recvs.map((e) => (isCall(e.event, 'recv') ? e.event.bufsize : 0))).toEqual(summary.recvSizes.map(() => 1000));
  });

  it('a bad demonstration parameter is refused by the schema with a clear error', async () => {
    const reply = await page.request({ type: 'demo.run', spec: { demo: 'many-clients', clients: 5000 } } as never);
    expect(reply.ok ? '' : reply.error.code).toBe('BAD_MESSAGE');
    expect(reply.ok ? '' : reply.error.message).toMatch(/clients/);
  });
});
