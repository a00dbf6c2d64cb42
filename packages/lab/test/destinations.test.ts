/**
 * Where lab clients may connect: loopback and the lab's own hosts, nothing else. Every client
 * path (client.run, app.request, stepper.start echo-client, the demonstrations, the matrix) is
 * driven through a real host agent while node:net's connect() is watched: a refused destination
 * must be refused before any socket exists, and an allowed one must be dialled at exactly the
 * checked loopback address.
 *
 * Safety: the connect() wrapper below refuses (throws) for any host that is not 127.0.0.1 or ::1
 * without calling the real connect, so even a broken policy cannot make this test send a packet
 * anywhere else. Names resolve only through an injected resolver: no real lookup is made.
 */
import type * as NodeNet from 'node:net';
import { createServer, type AddressInfo, type Server, type Socket, type TcpNetConnectOpts } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LabEvent, Reply, StepperInfo, Topology } from '@socket-playground/protocol';
import { destinationAllowed, dialAddress, scopeOf } from '../src/address.ts';
import { InProcessAgentLink } from '../src/agent-link.ts';
import { chooseDestination, openClientSocket, sendDatagram } from '../src/dial.ts';
import { requesterFor, runMatrix } from '../src/netlab/matrix-runner.ts';
import { setNameResolverForTests } from '../src/resolve.ts';
import { AgentHarness } from './harness.ts';

const dialled = vi.hoisted(() => ({ calls: [] as { host: string | undefined; port: number | undefined; family: number | undefined }[] }));

vi.mock('node:net', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeNet>();
  const connect = (...args: unknown[]): Socket => {
    const options = (typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: args[1] }) as Partial<TcpNetConnectOpts>;
    const host = options.host;
    dialled.calls.push({ host, port: options.port, family: options.family });
    // Never let a test reach the network, whatever the code under test asks for.
    if (host !== '127.0.0.1' && host !== '::1') throw new Error(`test guard: connect() to ${String(host)} refused`);
    return (actual.connect as (...a: unknown[]) => Socket)(...args);
  };
  return { ...actual, connect, createConnection: connect, default: { ...actual, connect, createConnection: connect } };
});


/** TCP sockets this process holds open (client and accepted). */
function tcpSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPWRAP').length;
}

let harness: AgentHarness;
let restoreResolver: () => void = () => {};
const servers: Server[] = [];

beforeEach(() => {
  dialled.calls.length = 0;
  harness = new AgentHarness();
});
afterEach(async () => {
  restoreResolver();
  restoreResolver = () => {};
  await harness.close();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A plain echo server on a loopback address, outside the lab (so the lab's only sockets are clients). */
async function echoServer(host: '127.0.0.1' | '::1' = '127.0.0.1'): Promise<number> {
  const server = createServer((s) => {
    s.on('error', () => {});
    s.pipe(s);
  });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: 0 }, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function errorOf(reply: Reply) {
  if (reply.ok) throw new Error(`expected an error, got ${JSON.stringify(reply)}`);
  return reply.error;
}

const socketEvents = (events: LabEvent[]) => events.filter((e) => e.call === 'socket' || e.call === 'connect');

/** Run a command that must be refused before any socket exists; returns the error. */
async function expectRefusedBeforeSocket(command: Parameters<AgentHarness['run']>[0]) {
  const before = tcpSockets();
  const reply = await harness.run(command);
  const error = errorOf(reply);
  expect(dialled.calls, 'connect() must not be called').toEqual([]);
  expect(socketEvents(harness.events), 'no socket or connect event').toEqual([]);
  expect(tcpSockets(), 'no TCP handle opened').toBe(before);
  expect(harness.agent.snapshot().connections).toEqual([]);
  expect(harness.agent.snapshot().steppers).toEqual([]);
  return error;
}

/** Non-loopback destinations, as typed, and the address the refusal names. */
const REFUSED: [string, string][] = [
  ['10.0.0.5', '10.0.0.5'],
  ['192.168.1.1', '192.168.1.1'],
  ['169.254.169.254', '169.254.169.254'],
  ['::ffff:10.0.0.5', '10.0.0.5'],
  ['[::ffff:a00:5]', '10.0.0.5'],
  ['::ffff:169.254.169.254', '169.254.169.254'],
  ['192.0.2.2', '192.0.2.2'],
  ['100.64.0.1', '100.64.0.1'],
  ['224.0.0.1', '224.0.0.1'],
  ['255.255.255.255', '255.255.255.255'],
  ['fe80::1', 'fe80::1'],
  ['fd00::1', 'fd00::1'],
  ['2001:db8::1', '2001:db8::1'],
  // 127.0.0.1 carried inside other IPv6 forms is not loopback: NAT64, 6to4 and IPv4-compatible route elsewhere.
  ['64:ff9b::7f00:1', '64:ff9b::7f00:1'],
  ['2002:7f00:1::', '2002:7f00:1::'],
  ['::7f00:1', '::7f00:1'],
];

/** Spellings that are not canonical literals: refused as INVALID_ADDRESS, never guessed at. */
const NOT_ADDRESSES = ['0x7f.1', '017700000001', '2130706433', '127.1', '0177.0.0.1', '127.0.0.01', '0x7f000001', '127.0.0.1.', '1.1', 'fe80::1%lo', '[::1]:80', '127.0.0.1:80', 'evil.test', 'localhost.', '', ' '];

describe('client.run: refused destinations open no socket', () => {
  it.each(REFUSED)('%s → DESTINATION_NOT_ALLOWED naming %s', async (host, address) => {
    // The policy itself must refuse it (the connect guard would also stop it).
    expect(destinationAllowed(host.replace(/^\[(.*)\]$/, '$1'))).toBe(false);
    const error = await expectRefusedBeforeSocket({ type: 'client.run', host, port: 9, message: 'hi' });
    expect(error).toMatchObject({ code: 'DESTINATION_NOT_ALLOWED', context: { host, port: 9, address } });
    expect(harness.events).toEqual([expect.objectContaining({ call: 'error', failedCall: 'policy', socketId: '-' })]);
  });

  it.each(NOT_ADDRESSES)('%j → INVALID_ADDRESS (encoded forms are not decoded), no lookup, no socket', async (host) => {
    const error = await expectRefusedBeforeSocket({ type: 'client.run', host, port: 9, message: 'hi' });
    expect(error).toMatchObject({ code: 'INVALID_ADDRESS', context: { host } });
  });
});

describe('client.run: allowed destinations are dialled at the checked loopback address', () => {
  async function echoVia(host: string, port: number) {
    const reply = await harness.run({ type: 'client.run', host, port, message: 'hello' });
    if (!reply.ok || reply.result.kind !== 'client.done') throw new Error(JSON.stringify(reply));
    const connect = harness.events.find((e): e is Extract<LabEvent, { call: 'connect' }> => e.call === 'connect');
    return { result: reply.result, connect };
  }

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    // IPv4-mapped loopback: checked as 127.0.0.1 and dialled as 127.0.0.1 (not as an IPv6 socket).
    ['::ffff:7f00:1', '127.0.0.1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['[::ffff:7f00:1]', '127.0.0.1'],
    // The unspecified address: Linux would route it to 127.0.0.1; the playground dials 127.0.0.1 itself.
    ['0.0.0.0', '127.0.0.1'],
  ])('%s is dialled as %s', async (host, address) => {
    const port = await echoServer('127.0.0.1');
    const { result, connect } = await echoVia(host, port);
    expect(result.echoed).toBe(true);
    expect(dialled.calls).toEqual([{ host: address, port, family: 4 }]);
    expect(connect?.target).toEqual({ host, port, address });
    expect(result.remote).toMatchObject({ address: '127.0.0.1', port });
  });

  it.each(['::', '[::]', '0:0:0:0:0:0:0:0'])('%s is dialled as ::1', async (host) => {
    const port = await echoServer('::1');
    const { result, connect } = await echoVia(host, port);
    expect(result.echoed).toBe(true);
    expect(dialled.calls).toEqual([{ host: '::1', port, family: 6 }]);
    expect(connect?.target.address).toBe('::1');
  });

  it('127.0.0.0/8 is loopback: 127.0.0.1 as typed, any other 127.x is dialled as typed and nothing else', async () => {
    const port = await echoServer('127.0.0.1');
    await echoVia('127.0.0.1', port);
    // 127.0.0.2 is loopback too, but the server listens on 127.0.0.1 only: the kernel refuses.
    const reply = await harness.run({ type: 'client.run', host: '127.0.0.2', port, message: 'x' });
    expect(reply.ok).toBe(false);
    expect(dialled.calls.map((c) => c.host)).toEqual(['127.0.0.1', '127.0.0.2']);
  });
});

describe('names: resolved once, checked, that exact address dialled (injected resolver, no real lookup)', () => {
  const table: Record<string, string[]> = {
    'evil.test': ['10.0.0.5'],
    'mixed.test': ['10.0.0.5', '127.0.0.1'],
    'mixed6.test': ['::ffff:10.0.0.5', '2001:db8::1', '::1'],
    'mapped.test': ['::ffff:169.254.169.254', '::ffff:127.0.0.1'],
    'zero.test': ['0.0.0.0'],
    'localhost': ['192.168.1.1'],
    'junk.test': ['not-an-address', '999.1.1.1'],
  };
  let lookups: string[];
  beforeEach(() => {
    lookups = [];
    restoreResolver = setNameResolverForTests((name) => {
      lookups.push(name);
      const found = table[name];
      return found ? Promise.resolve(found.map((address) => ({ address }))) : Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));
    });
  });

  it('a name that resolves elsewhere → DESTINATION_NOT_ALLOWED with the resolved address, no socket', async () => {
    const error = await expectRefusedBeforeSocket({ type: 'client.run', host: 'evil.test', port: 80, message: 'x' });
    expect(error).toMatchObject({ code: 'DESTINATION_NOT_ALLOWED', context: { host: 'evil.test', port: 80, address: '10.0.0.5' } });
    expect(lookups).toEqual(['evil.test']);
  });

  it('"localhost" that the hosts file points elsewhere is refused too', async () => {
    const error = await expectRefusedBeforeSocket({ type: 'client.run', host: 'localhost', port: 80, message: 'x' });
    expect(error).toMatchObject({ code: 'DESTINATION_NOT_ALLOWED', context: { address: '192.168.1.1' } });
  });

  it('answers that are not addresses, or no answer → ENOTFOUND, no socket', async () => {
    expect((await expectRefusedBeforeSocket({ type: 'client.run', host: 'junk.test', port: 80, message: 'x' })).code).toBe('ENOTFOUND');
    expect((await expectRefusedBeforeSocket({ type: 'client.run', host: 'nowhere.test', port: 80, message: 'x' })).code).toBe('ENOTFOUND');
  });

  it('names that are not host names never reach the resolver', async () => {
    for (const host of ['0x7f.1', '017700000001', '2130706433', '0x7f000001', '127.1', '127.0.0.1.', '10.0.0.5.', 'a b', 'evil.test/x', '-evil.test', `${'a'.repeat(64)}.test`, 'evil.test:80']) {
      expect((await expectRefusedBeforeSocket({ type: 'client.run', host, port: 80, message: 'x' })).code).toBe('INVALID_ADDRESS');
    }
    expect(lookups).toEqual([]);
  });

  it.each([
    ['mixed.test', '127.0.0.1', 4],
    ['mapped.test', '127.0.0.1', 4],
    ['zero.test', '127.0.0.1', 4],
  ] as const)('%s: only its loopback address is dialled (%s), resolved once', async (host, address, family) => {
    const port = await echoServer('127.0.0.1');
    const reply = await harness.run({ type: 'client.run', host, port, message: 'hello' });
    expect(reply).toMatchObject({ ok: true, result: { kind: 'client.done', echoed: true } });
    expect(dialled.calls).toEqual([{ host: address, port, family }]);
    expect(lookups).toEqual([host]);
  });

  it('mixed6.test: the IPv6 loopback is chosen over its non-loopback answers', async () => {
    const port = await echoServer('::1');
    const reply = await harness.run({ type: 'client.run', host: 'mixed6.test', port, message: 'hello' });
    expect(reply).toMatchObject({ ok: true });
    expect(dialled.calls).toEqual([{ host: '::1', port, family: 6 }]);
  });

  it('the lab-host networks decide for names too (choice only: nothing is dialled)', async () => {
    table['lab.test'] = ['10.0.0.5', '10.99.0.7'];
    expect(await chooseDestination('lab.test', 80, ['10.99.0.0/24'])).toEqual({ ok: true, address: '10.99.0.7', family: 'IPv4' });
    expect(await chooseDestination('lab.test', 80, [])).toMatchObject({ ok: false, failedCall: 'policy', error: { code: 'DESTINATION_NOT_ALLOWED', context: { address: '10.0.0.5', resolved: '10.0.0.5, 10.99.0.7' } } });
    expect(dialled.calls).toEqual([]);
  });
});

describe('every other client path refuses the same destinations', () => {
  it.each([...REFUSED.map(([host]) => host), ...NOT_ADDRESSES])('app.request to %j opens no socket', async (host) => {
    const error = await expectRefusedBeforeSocket({ type: 'app.request', host, port: 9, request: { kind: 'action', action: 'search', value: 'x' } });
    expect(['DESTINATION_NOT_ALLOWED', 'INVALID_ADDRESS']).toContain(error.code);
  });

  it.each([...REFUSED.map(([host]) => host), ...NOT_ADDRESSES])('stepper.start echo-client to %j starts no program', async (host) => {
    const error = await expectRefusedBeforeSocket({ type: 'stepper.start', program: 'echo-client', host, port: 9, message: 'x', bufsize: 1024 });
    expect(['DESTINATION_NOT_ALLOWED', 'INVALID_ADDRESS']).toContain(error.code);
  });

  it('app.request to 0.0.0.0 is dialled as 127.0.0.1', async () => {
    const started = await harness.run({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5, kind: 'app' });
    if (!started.ok || started.result.kind !== 'server.started') throw new Error(JSON.stringify(started));
    const { port } = started.result.listening;
    const reply = await harness.run({ type: 'app.request', host: '0.0.0.0', port, request: { kind: 'action', action: 'search', value: 'morpheus' } });
    expect(reply).toMatchObject({ ok: true, result: { kind: 'app.done', remote: { address: '127.0.0.1', port } } });
    expect(dialled.calls).toEqual([{ host: '127.0.0.1', port, family: 4 }]);
  });

  it('a stepped echo client to 0.0.0.0 connects to 127.0.0.1 (checked in the agent and again in its thread)', { timeout: 10_000 }, async () => {
    const port = await echoServer('127.0.0.1');
    const reply = await harness.run({ type: 'stepper.start', program: 'echo-client', host: '0.0.0.0', port, message: 'x', bufsize: 1024 });
    if (!reply.ok || reply.result.kind !== 'stepper') throw new Error(JSON.stringify(reply));
    const id = reply.result.stepperId;
    expect((await harness.run({ type: 'stepper.run', stepperId: id, running: true })).ok).toBe(true);
    await harness.waitFor((events) => events.some((e) => e.owner === id && (e.call === 'connect' || e.call === 'error')), 5000);
    const connect = harness.events.find((e) => e.owner === id && e.call === 'connect');
    expect(connect).toMatchObject({ call: 'connect', target: { host: '0.0.0.0', port, address: '127.0.0.1' }, remote: { address: '127.0.0.1', port } });
    const stepper = harness.agent.snapshot().steppers.find((s: StepperInfo) => s.stepperId === id);
    expect(stepper?.target).toEqual({ host: '0.0.0.0', port });
  });

  it('the demonstrations connect to 127.0.0.1 only', { timeout: 15_000 }, async () => {
    const reply = await harness.run({ type: 'demo.run', spec: { demo: 'recv-bufsize', messageBytes: 3000, bufsize: 1024 } });
    expect(reply.ok).toBe(true);
    const backlog = await harness.run({ type: 'demo.run', spec: { demo: 'backlog', backlog: 1, clients: 2, waitMs: 100 } });
    expect(backlog.ok).toBe(true);
    expect(dialled.calls.length).toBeGreaterThanOrEqual(3);
    expect(new Set(dialled.calls.map((c) => c.host))).toEqual(new Set(['127.0.0.1']));
  });

  it('openClientSocket itself refuses anything but loopback and the lab hosts, before connect()', () => {
    for (const host of ['10.0.0.5', '::ffff:10.0.0.5', 'localhost', 'evil.test', '']) {
      expect(() => openClientSocket({ host, port: 9 })).toThrow(/refusing to connect/);
    }
    expect(dialled.calls).toEqual([]);
  });

  it('sendDatagram refuses anything but loopback and the lab hosts, before sendto()', async () => {
    const sent: string[] = [];
    const socket = { send: (_d: Buffer, _p: number, host: string, cb: (err: Error | null) => void) => (sent.push(host), cb(null)) } as unknown as Parameters<typeof sendDatagram>[0];
    for (const host of ['10.0.0.5', '::ffff:10.0.0.5', 'localhost', '']) {
      expect(() => sendDatagram(socket, Buffer.from('x'), 9, host)).toThrow(/refusing to send/);
    }
    expect(sent).toEqual([]);
    await sendDatagram(socket, Buffer.from('x'), 9, '127.0.0.1');
    await sendDatagram(socket, Buffer.from('x'), 9, '10.0.0.5', ['10.0.0.0/24']);
    expect(sent).toEqual(['127.0.0.1', '10.0.0.5']);
  });
});

describe('the who-can-connect matrix dials only what the policy allows', () => {
  it('targets on foreign cards are not run (no socket); loopback targets are dialled at loopback', { timeout: 15_000 }, async () => {
    const link = new InProcessAgentLink('pc1');
    const topology: Topology = {
      name: 'foreign cards',
      networks: { lan1: '10.0.0.0/24', lan2: '192.168.1.0/24' },
      hosts: [{ name: 'pc1', role: 'both', cards: [{ name: 'eth0', network: 'lan1', addresses: ['10.0.0.5/24'] }, { name: 'eth1', network: 'lan2', addresses: ['192.168.1.1/24'] }], routes: [] }],
    };
    try {
      const matrix = await runMatrix(requesterFor([link]), topology, 'pc1', { hosts: ['127.0.0.1'], port: 0 });
      const byTarget = Object.fromEntries(matrix.cells.map((c) => [c.target, c.outcome]));
      expect(byTarget).toMatchObject({ '127.0.0.1': 'connected', '0.0.0.0': 'connected', '10.0.0.5': 'not-run', '192.168.1.1': 'not-run' });
      expect(dialled.calls.every((c) => c.host === '127.0.0.1' || c.host === '::1')).toBe(true);
      expect(dialled.calls.some((c) => c.host === '127.0.0.1')).toBe(true);
    } finally {
      await link.close();
    }
  });
});

describe('address helpers', () => {
  it('dialAddress: mapped IPv4 becomes IPv4, the unspecified address becomes loopback (not on Windows)', () => {
    expect(dialAddress('::ffff:7f00:1')).toEqual({ address: '127.0.0.1', family: 'IPv4' });
    expect(dialAddress('::ffff:10.0.0.5')).toEqual({ address: '10.0.0.5', family: 'IPv4' });
    expect(dialAddress('0.0.0.0', 'linux')).toEqual({ address: '127.0.0.1', family: 'IPv4' });
    expect(dialAddress('::', 'darwin')).toEqual({ address: '::1', family: 'IPv6' });
    expect(dialAddress('0.0.0.0', 'win32')).toEqual({ address: '0.0.0.0', family: 'IPv4' });
    expect(dialAddress('0:0:0:0:0:0:0:1')).toEqual({ address: '::1', family: 'IPv6' });
  });

  it('never throw on garbage, and refuse it', () => {
    for (const junk of ['', 'x', '::ffff:', '1.2.3', 'fe80::1%', '[::1]', '\u0000', '1'.repeat(300)]) {
      expect(scopeOf(junk)).toBe('other');
      expect(destinationAllowed(junk)).toBe(false);
      expect(destinationAllowed(junk, ['0.0.0.0/0', '::/0'])).toBe(false);
    }
    expect(destinationAllowed('10.0.0.5', ['not a cidr', '10.0.0.0/8'])).toBe(true);
    expect(destinationAllowed('10.0.0.5', ['not a cidr'])).toBe(false);
  });
});
