import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { StepperInfo } from '@socket-playground/protocol';
import { AgentHarness, errorOf } from './harness.ts';

/**
 * Step mode must be real: between steps the server's thread is blocked, so the kernel queues
 * connections (the accept queue) and bytes (the receive buffer). Proven with raw sockets.
 */
let harness: AgentHarness;
const raw: Socket[] = [];
afterEach(async () => {
  for (const s of raw.splice(0)) s.destroy();
  await harness.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function stepper(id: string): StepperInfo {
  const s = harness.agent.snapshot().steppers.find((x) => x.stepperId === id);
  if (!s) throw new Error(`no stepper ${id}`);
  return s;
}

/** Step once the program waits for the learner; returns when it waits again (or blocks). */
async function step(id: string, expected: StepperInfo['next']): Promise<void> {
  await until(() => stepper(id).next === expected && stepper(id).blockedIn === null, `next ${String(expected)}`);
  const reply = await harness.run({ type: 'stepper.step', stepperId: id });
  expect(errorOf(reply)).toBeUndefined();
  await until(() => stepper(id).next !== expected || stepper(id).blockedIn !== null || stepper(id).finished, `after ${String(expected)}`);
}

/** A raw client, like nc: records what it receives. */
function rawClient(port: number) {
  const socket = connect(port, '127.0.0.1');
  raw.push(socket);
  const state = { connected: false, received: '' };
  socket.on('connect', () => (state.connected = true));
  socket.on('data', (d) => (state.received += d.toString()));
  socket.on('error', () => {});
  return { socket, state };
}

async function startServer(backlog = 1) {
  harness = new AgentHarness();
  const reply = await harness.run({ type: 'stepper.start', program: 'blocking-echo-server', host: '127.0.0.1', port: 0, backlog, bufsize: 1024 });
  if (!reply.ok || reply.result.kind !== 'stepper') throw new Error(JSON.stringify(reply));
  const id = reply.result.stepperId;
  await step(id, 'listen');
  const port = await until(() => stepper(id).listening?.port, 'listening');
  return { id, port };
}

describe('step mode: a blocking echo server, for real', () => {
  it('queues a connection and its bytes in the kernel until the learner steps accept and recv', { timeout: 15000 }, async () => {
    const { id, port } = await startServer(1);
    expect(stepper(id).next).toBe('accept');

    const a = rawClient(port);
    // connect() completes although the server never called accept(): the kernel did the handshake.
    await until(() => a.state.connected, 'client A connected');
    a.socket.write('hello');
    const queued = await until(() => stepper(id).kernel?.acceptQueue.find((c) => c.remote.port === a.socket.localPort && c.recvQueue === 5), 'A queued with 5 bytes');
    expect(queued.state).toBe('ESTABLISHED');
    await sleep(200);
    expect(a.state.received).toBe(''); // nobody has read it: it sits in the kernel

    await step(id, 'accept');
    const accept = await until(() => harness.events.find((e) => e.owner === id && e.call === 'accept'), 'accept event');
    expect(accept.remote?.port).toBe(a.socket.localPort);
    await until(() => stepper(id).kernel?.connection?.recvQueue === 5, 'the 5 bytes in the served connection');

    await step(id, 'recv');
    const recv = await until(() => harness.events.find((e) => e.owner === id && e.call === 'recv'), 'recv event');
    expect(recv).toMatchObject({ bytes: 5, offset: 0, eof: false, bufsize: 1024 });
    expect(a.state.received).toBe('');
    await step(id, 'sendall');
    await until(() => a.state.received === 'hello', 'the echo');
  });

  it('serves one client at a time: the second waits in the backlog and is echoed only after the first leaves', { timeout: 15000 }, async () => {
    const { id, port } = await startServer(1);
    const a = rawClient(port);
    await until(() => a.state.connected, 'A connected');
    await step(id, 'accept');
    await until(() => harness.events.some((e) => e.call === 'accept'), 'A accepted');

    const b = rawClient(port);
    await until(() => b.state.connected, 'B connected into the backlog');
    b.socket.write('second');
    await until(() => stepper(id).kernel?.acceptQueue.some((c) => c.recvQueue === 6), 'B queued with its 6 bytes');

    a.socket.write('first');
    await step(id, 'recv');
    await step(id, 'sendall');
    await until(() => a.state.received === 'first', 'A echoed');
    a.socket.end();
    await step(id, 'recv'); // returns 0 bytes: A closed
    expect(harness.events.filter((e) => e.call === 'recv' && e.owner === id).at(-1)).toMatchObject({ bytes: 0, eof: true });
    await step(id, 'close');
    await sleep(200);
    expect(b.state.received).toBe(''); // still queued: the server has not accepted B

    await step(id, 'accept');
    await until(() => harness.events.filter((e) => e.call === 'accept').length === 2, 'B accepted');
    await harness.run({ type: 'stepper.bufsize', stepperId: id, bufsize: 4 });
    await step(id, 'recv');
    expect(harness.events.filter((e) => e.call === 'recv' && e.owner === id).at(-1)).toMatchObject({ bytes: 4, bufsize: 4 });
    await step(id, 'sendall');
    await until(() => b.state.received === 'seco', 'recv(4) took only 4 bytes');
    await step(id, 'recv');
    await step(id, 'sendall');
    await until(() => b.state.received === 'second', 'the rest on the next recv');
  });

  it('with backlog 1 and no accept, the kernel completes 2 handshakes and holds the third in SYN-SENT', { timeout: 15000 }, async () => {
    const { port } = await startServer(1);
    const clients = [rawClient(port), rawClient(port), rawClient(port)];
    await until(() => clients.filter((c) => c.state.connected).length === 2, 'two connected');
    await sleep(400);
    expect(clients.filter((c) => c.state.connected)).toHaveLength(2);
  });

  it('refuses a step while accept() is blocked, and accept returns when a client comes', { timeout: 15000 }, async () => {
    const { id, port } = await startServer(1);
    await step(id, 'accept');
    expect(stepper(id).blockedIn).toBe('accept');
    expect(errorOf(await harness.run({ type: 'stepper.step', stepperId: id }))).toBe('STEP_BUSY');
    const block = harness.events.find((e) => e.call === 'block' && e.owner === id);
    expect(block).toMatchObject({ blockedCall: 'accept' });
    rawClient(port);
    await until(() => stepper(id).next === 'recv', 'accept returned');
  });

  it('reset closes the server and its connection', { timeout: 15000 }, async () => {
    const { id, port } = await startServer(1);
    const a = rawClient(port);
    await until(() => a.state.connected, 'A connected');
    await step(id, 'accept');
    await until(() => stepper(id).next === 'recv', 'serving A');
    const closed = new Promise((r) => a.socket.once('close', r));
    expect((await harness.run({ type: 'stepper.stop', stepperId: id })).ok).toBe(true);
    await closed;
    const refused = await new Promise<string>((resolve) => {
      const again = connect(port, '127.0.0.1');
      again.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? ''));
      again.once('connect', () => resolve('connected'));
    });
    expect(refused).toBe('ECONNREFUSED');
    expect(harness.agent.snapshot().steppers).toEqual([]);
    // The reset closed the listener and the served connection; the events say so.
    const closes = harness.events.filter((e) => e.owner === id && e.call === 'close');
    expect(closes.map((e) => e.role).sort()).toEqual(['accepted', 'listener']);
  });
});

describe('step mode: the echo client', () => {
  it('connects, sends, receives and closes one call at a time', { timeout: 15000 }, async () => {
    const { id: serverId, port } = await startServer(1);
    const reply = await harness.run({ type: 'stepper.start', program: 'echo-client', host: '127.0.0.1', port, message: 'Hello, world', bufsize: 1024 });
    if (!reply.ok || reply.result.kind !== 'stepper') throw new Error('no client');
    const id = reply.result.stepperId;
    await step(id, 'connect');
    // connect() returned before the server accepted: the connection waits in the accept queue.
    await until(() => stepper(serverId).kernel?.acceptQueue.length === 1, 'client queued at the server');
    await step(id, 'sendall');
    await step(serverId, 'accept');
    await step(serverId, 'recv');
    await step(serverId, 'sendall');
    await step(id, 'recv');
    expect(harness.events.filter((e) => e.owner === id && e.call === 'recv').at(-1)).toMatchObject({ bytes: 12 });
    await step(id, 'close');
    await until(() => stepper(id).finished, 'client finished');
    const calls = harness.events.filter((e) => e.owner === id).map((e) => e.call);
    // The echo was already in the receive buffer, so recv() did not block: no block event.
    expect(calls).toEqual(['socket', 'block', 'connect', 'send', 'recv', 'close']);
  });

  it('reports ECONNREFUSED at the connect step', { timeout: 15000 }, async () => {
    harness = new AgentHarness();
    const reply = await harness.run({ type: 'stepper.start', program: 'echo-client', host: '127.0.0.1', port: 1, message: 'x', bufsize: 1024 });
    if (!reply.ok || reply.result.kind !== 'stepper') throw new Error('no client');
    await step(reply.result.stepperId, 'connect');
    await until(() => harness.events.find((e) => e.call === 'error'), 'error');
    expect(harness.events.find((e) => e.call === 'error')).toMatchObject({ failedCall: 'connect', error: { code: 'ECONNREFUSED' } });
  });

  it('refuses non-loopback destinations before any socket exists', async () => {
    harness = new AgentHarness();
    const reply = await harness.run({ type: 'stepper.start', program: 'echo-client', host: '192.0.2.1', port: 80, message: 'x', bufsize: 1024 });
    expect(errorOf(reply)).toBe('DESTINATION_NOT_ALLOWED');
    expect(harness.agent.snapshot().steppers).toEqual([]);
  });
});
