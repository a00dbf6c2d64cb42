/**
 * Destinations through the real bridge: a page asks for connections (client.run, app.request,
 * stepper.start echo-client, demo.run, netlab.matrix) and the bridge connects only to loopback
 * and the lab's own hosts. A refused destination gets DESTINATION_NOT_ALLOWED (or INVALID_ADDRESS
 * for spellings that are not canonical addresses) before any socket exists; an allowed one is
 * dialled at exactly the loopback address that was checked.
 *
 * Safety: node:net's connect() is wrapped for the whole module graph of this file, and the
 * wrapper throws for any host but 127.0.0.1 and ::1 without calling the real connect(), so no
 * packet can leave this machine even if the policy regressed. Names resolve only through an
 * injected resolver; nothing is looked up for real.
 */
import type * as NodeNet from 'node:net';
import { createServer, type AddressInfo, type Server, type Socket, type TcpNetConnectOpts } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { destinationAllowed, setNameResolverForTests } from '@socket-playground/lab';
import type { SequencedLabEvent } from '@socket-playground/protocol';
import { errorOf, PageClient, resultOf, startTestBridge, trackResources, type TestBridge } from './helpers.ts';

const dialled = vi.hoisted(() => ({ calls: [] as { host: string | undefined; port: number | undefined }[] }));

vi.mock('node:net', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeNet>();
  const connect = (...args: unknown[]): Socket => {
    const options = (typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: args[1] }) as Partial<TcpNetConnectOpts>;
    dialled.calls.push({ host: options.host, port: options.port });
    if (options.host !== '127.0.0.1' && options.host !== '::1') throw new Error(`test guard: connect() to ${String(options.host)} refused`);
    return (actual.connect as (...a: unknown[]) => Socket)(...args);
  };
  return { ...actual, connect, createConnection: connect, default: { ...actual, connect, createConnection: connect } };
});

const defer = trackResources();
let bridge: TestBridge;
let page: PageClient;

beforeEach(async () => {
  bridge = await startTestBridge(defer, {
    // The who-can-connect lab in single-host mode with no cards: nothing real but loopback.
    netlab: { support: () => ({ ok: false, why: 'test: single-host mode', code: 'not-linux' }), interfaces: () => ({}) },
  });
  page = await PageClient.connect(bridge, defer);
  await page.hello();
  dialled.calls.length = 0;
});

/** TCP sockets this process holds (the bridge's page connection included: compared before/after). */
function tcpSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPWRAP').length;
}

const socketCalls = (events: SequencedLabEvent[]) => events.filter((e) => e.event.call === 'socket' || e.event.call === 'connect');

async function stillAnswers(): Promise<void> {
  expect(resultOf(await page.request({ type: 'bytes.get', dataId: 'nope' }), 'bytes').data).toBeNull();
}

/** Send a command that must be refused before any socket exists. */
async function refusedBeforeSocket(command: { type: string; [key: string]: unknown }) {
  const before = tcpSockets();
  const error = errorOf(await page.request(command));
  await stillAnswers(); // any event the command caused has arrived by now
  expect(dialled.calls, 'connect() must not be called').toEqual([]);
  expect(socketCalls(page.events), 'no socket or connect event').toEqual([]);
  expect(tcpSockets(), 'no TCP socket opened').toBe(before);
  expect(bridge.session.state.connections).toEqual([]);
  expect(bridge.session.state.steppers).toEqual([]);
  return error;
}

const REFUSED: [string, string][] = [
  ['10.0.0.5', '10.0.0.5'],
  ['192.168.1.1', '192.168.1.1'],
  ['169.254.169.254', '169.254.169.254'],
  ['::ffff:10.0.0.5', '10.0.0.5'],
  ['[::ffff:a00:5]', '10.0.0.5'],
  ['fe80::1', 'fe80::1'],
  ['64:ff9b::7f00:1', '64:ff9b::7f00:1'],
];
const NOT_ADDRESSES = ['0x7f.1', '017700000001', '2130706433', '127.1', '0x7f000001', '127.0.0.1.', 'evil.test'];

const commandsTo = (host: string) => [
  { type: 'client.run', host, port: 9, message: 'hi' },
  { type: 'app.request', host, port: 9, request: { kind: 'action', action: 'search', value: 'x' } },
  { type: 'stepper.start', program: 'echo-client', host, port: 9, message: 'hi' },
];

describe('refused destinations: no socket, a clear error', () => {
  it.each(REFUSED)('%s → DESTINATION_NOT_ALLOWED naming %s, for every client command', async (host, address) => {
    expect(destinationAllowed(host.replace(/^\[(.*)\]$/, '$1'))).toBe(false);
    for (const command of commandsTo(host)) {
      const error = await refusedBeforeSocket(command);
      expect(error, command.type).toMatchObject({ code: 'DESTINATION_NOT_ALLOWED', context: { host, port: 9, address } });
    }
  });

  it.each(NOT_ADDRESSES)('%j → INVALID_ADDRESS (not decoded, not looked up), for every client command', async (host) => {
    for (const command of commandsTo(host)) {
      expect(await refusedBeforeSocket(command), command.type).toMatchObject({ code: 'INVALID_ADDRESS', context: { host } });
    }
  });
});

describe('names through an injected resolver', () => {
  let restore: () => void = () => {};
  const lookups: string[] = [];
  beforeEach(() => {
    lookups.length = 0;
    const table: Record<string, string[]> = { 'evil.test': ['10.0.0.5'], 'mixed.test': ['10.0.0.5', '::ffff:192.168.1.1', '127.0.0.1'] };
    restore = setNameResolverForTests((name) => {
      lookups.push(name);
      return Promise.resolve((table[name] ?? []).map((address) => ({ address })));
    });
  });
  afterEach(() => restore());

  it('evil.test → 10.0.0.5: refused with the resolved address, for every client command', async () => {
    for (const command of commandsTo('evil.test')) {
      expect(await refusedBeforeSocket(command), command.type).toMatchObject({ code: 'DESTINATION_NOT_ALLOWED', context: { host: 'evil.test', address: '10.0.0.5' } });
    }
    expect(lookups).toEqual(['evil.test', 'evil.test', 'evil.test']);
  });

  it('mixed.test → 10.0.0.5, 192.168.1.1 and 127.0.0.1: only 127.0.0.1 is dialled, once', async () => {
    const { listening } = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    const done = resultOf(await page.request({ type: 'client.run', host: 'mixed.test', port: listening.port, message: 'hi' }), 'client.done');
    expect(done.echoed).toBe(true);
    expect(done.remote).toMatchObject({ address: '127.0.0.1', port: listening.port });
    expect(dialled.calls).toEqual([{ host: '127.0.0.1', port: listening.port }]);
    expect(lookups).toEqual(['mixed.test']);
    const connect = page.events.find((e) => e.event.call === 'connect')?.event;
    expect(connect).toMatchObject({ target: { host: 'mixed.test', port: listening.port, address: '127.0.0.1' } });
  });
});

describe('allowed destinations are dialled at loopback exactly', () => {
  it.each(['0.0.0.0', '::ffff:7f00:1', '127.0.0.1'])('%s → the echo goes through 127.0.0.1 and nothing else is dialled', async (host) => {
    const { listening } = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    const done = resultOf(await page.request({ type: 'client.run', host, port: listening.port, message: 'hi' }), 'client.done');
    expect(done.echoed).toBe(true);
    expect(dialled.calls).toEqual([{ host: '127.0.0.1', port: listening.port }]);
    const connect = page.events.find((e) => e.event.call === 'connect')?.event;
    expect(connect).toMatchObject({ target: { host, address: '127.0.0.1' }, remote: { address: '127.0.0.1' } });
  });

  it(':: is dialled as ::1', async () => {
    const server: Server = createServer((s) => s.pipe(s).on('error', () => {}));
    await new Promise<void>((resolve) => server.listen({ host: '::1', port: 0 }, resolve));
    defer(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const done = resultOf(await page.request({ type: 'client.run', host: '::', port, message: 'hi' }), 'client.done');
    expect(done.remote).toMatchObject({ address: '::1', port });
    expect(dialled.calls).toEqual([{ host: '::1', port }]);
  });

  it('demonstrations and the who-can-connect matrix dial loopback only', { timeout: 15_000 }, async () => {
    expect((await page.request({ type: 'demo.run', spec: { demo: 'recv-bufsize', messageBytes: 2000, bufsize: 512 } })).ok).toBe(true);
    resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
    const host = bridge.session.state.netlab?.topology.hosts[0]?.name ?? 'pc1';
    resultOf(await page.request({ type: 'netlab.matrix', serverHost: host, bind: { hosts: ['127.0.0.1'], port: 0 } }), 'matrix');
    resultOf(await page.request({ type: 'netlab.stop' }), 'netlab');
    expect(dialled.calls.length).toBeGreaterThan(1);
    expect(dialled.calls.filter((c) => c.host !== '127.0.0.1' && c.host !== '::1')).toEqual([]);
  });
});
