import { execFile, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { LabEvent, Reply } from '@socket-playground/protocol';
import { writePlan } from '../src/app/app-client.ts';
import { AgentHarness } from './harness.ts';

/**
 * The application protocol on real sockets: the lab's server and client, fragmentation, every
 * malformed case, and both directions against a Python implementation when python3 is present.
 */
let harness: AgentHarness;
afterEach(async () => {
  await harness.close();
});

const FIXTURES = fileURLToPath(new URL('../../../e2e/fixtures/', import.meta.url));
const hasPython = spawnSync('python3', ['--version']).status === 0;

async function appServer(): Promise<number> {
  // Python's default backlog. A tiny one overflows under 50 clients; with SYN cookies on, this kernel
  // was then measured losing the first byte of some connections (see the session note), so not here.
  const reply = await harness.run({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 128, kind: 'app' });
  if (!reply.ok || reply.result.kind !== 'server.started') throw new Error(JSON.stringify(reply));
  return reply.result.listening.port;
}

function done(reply: Reply) {
  if (!reply.ok || reply.result.kind !== 'app.done') throw new Error(JSON.stringify(reply));
  return reply.result;
}

const serverErrors = (events: LabEvent[]) => events.flatMap((e) => (e.call === 'error' && e.role === 'accepted' ? [e] : []));
const recvsOfServer = (events: LabEvent[]) => events.filter((e) => e.call === 'recv' && e.role === 'accepted' && !e.eof);

/** Wait until every socket the test opened has reported its close. */
async function allClosed(): Promise<void> {
  await harness.waitFor((events) => {
    const opened = new Set(events.filter((e) => e.call === 'connect' || e.call === 'accept').map((e) => (e.call === 'accept' ? e.newSocketId : e.socketId)));
    const closed = new Set(events.filter((e) => e.call === 'close').map((e) => e.socketId));
    return [...opened].every((id) => closed.has(id));
  });
}

describe('the application server and client', () => {
  it('answers a search: 146 bytes out, the result back, both sides closed', async () => {
    harness = new AgentHarness();
    const port = await appServer();
    const result = done(await harness.run({ type: 'app.request', host: '127.0.0.1', port, request: { kind: 'action', action: 'search', value: 'morpheus' } }));
    expect(result.sent).toBe(146);
    expect(result.writes).toBe(1);
    expect(result.problem).toBeNull();
    expect(result.response?.result).toBe("No match for 'morpheus'.");
    expect(result.response?.header['content-type']).toBe('text/json');
    await allClosed();
    const server = harness.events.filter((e) => e.role === 'accepted');
    expect(server.map((e) => e.call).filter((c) => c !== 'recv')).toEqual(['send', 'close']);
    expect(server.filter((e) => e.call === 'recv').reduce((n, e) => n + (e.call === 'recv' ? e.bytes : 0), 0)).toBe(146);
  });

  it('answers a known search and a binary request', async () => {
    harness = new AgentHarness();
    const port = await appServer();
    const known = done(await harness.run({ type: 'app.request', host: '127.0.0.1', port, request: { kind: 'action', action: 'search', value: 'backlog' } }));
    expect(known.response?.result).toBe('How many finished handshakes may wait for accept().');
    const binary = done(await harness.run({ type: 'app.request', host: '127.0.0.1', port, request: { kind: 'action', action: 'double', value: '42 please' } }));
    expect(binary.response?.header['content-type']).toBe('binary/custom-server-binary-type');
    expect(Buffer.from(binary.response!.content, 'base64').toString()).toBe('First 10 bytes of request: double42 p');
  });

  it('reassembles a request sent one byte at a time, or split inside the protoheader or the header', async () => {
    harness = new AgentHarness();
    const port = await appServer();
    const cases: { chunks: number[]; gapMs: number; writes: number }[] = [
      { chunks: Array.from({ length: 145 }, () => 1), gapMs: 2, writes: 146 },
      { chunks: [1], gapMs: 30, writes: 2 },
      { chunks: [2, 50], gapMs: 30, writes: 3 },
    ];
    for (const c of cases) {
      const before = recvsOfServer(harness.events).length;
      const result = done(await harness.run({ type: 'app.request', host: '127.0.0.1', port, request: { kind: 'action', action: 'search', value: 'morpheus' }, chunks: c.chunks, gapMs: c.gapMs }));
      expect(result.writes).toBe(c.writes);
      expect(result.response?.result).toBe("No match for 'morpheus'.");
      // With pauses and TCP_NODELAY the writes arrive as separate recvs (at least several of them).
      expect(recvsOfServer(harness.events).length - before).toBeGreaterThan(1);
    }
  });

  it('serves many connections at once: 50 clients, each sending slowly, all answered', async () => {
    harness = new AgentHarness();
    const port = await appServer();
    const runs = Array.from({ length: 50 }, (_, i) =>
      harness.run({ type: 'app.request', host: '127.0.0.1', port, request: { kind: 'action', action: 'search', value: `v${i}` }, chunks: [1, 20, 40], gapMs: 20 }),
    );
    const results = (await Promise.all(runs)).map(done);
    expect(results.map((r) => r.response?.result)).toEqual(Array.from({ length: 50 }, (_, i) => `No match for 'v${i}'.`));
    await allClosed();
  });

  it('plans writes: the chosen sizes, then the rest', () => {
    expect(writePlan(10, [])).toEqual([10]);
    expect(writePlan(10, [1, 2])).toEqual([1, 3, 10]);
    expect(writePlan(3, [5, 5])).toEqual([3]);
    expect(writePlan(0, [])).toEqual([0]);
  });
});

describe('malformed requests: a named error, and the connection closed in order', () => {
  const header = (fields: Record<string, unknown>) => JSON.stringify(fields).replaceAll('","', '", "');
  const good = { byteorder: 'little', 'content-type': 'text/json', 'content-encoding': 'utf-8' };

  async function refused(request: Parameters<typeof harness.run>[0]) {
    const result = done(await harness.run(request));
    await allClosed();
    const [error] = serverErrors(harness.events);
    const serverClose = harness.events.find((e) => e.call === 'close' && e.role === 'accepted');
    return { result, error, serverClose };
  }

  it.each([
    ['a header that is not JSON', { kind: 'crafted', header: '{not json', content: '' }, 'FRAME_HEADER_NOT_JSON'],
    ['a missing required key', { kind: 'crafted', header: header({ ...good }), content: '' }, 'FRAME_MISSING_HEADER_KEY'],
    ['a protoheader claiming 65,535 bytes', { kind: 'crafted', header: header({ ...good, 'content-length': 0 }), content: '', protoheader: 65535 }, 'FRAME_HEADER_TOO_LONG'],
  ] as const)('%s', async (_name, request, code) => {
    harness = new AgentHarness();
    const port = await appServer();
    const { result, error, serverClose } = await refused({ type: 'app.request', host: '127.0.0.1', port, request, replyTimeoutMs: 3000 });
    expect(error?.call === 'error' && error.failedCall).toBe('frame');
    expect(error?.call === 'error' && error.error.code).toBe(code);
    expect(result.response).toBeNull();
    expect(result.problem?.code).toBe('APP_NO_REPLY');
    expect(serverClose?.call === 'close' && serverClose.reason).toBe('local');
  });

  it('a content-length longer than what arrives before the client closes', async () => {
    harness = new AgentHarness();
    const port = await appServer();
    const request = { kind: 'crafted', header: header({ ...good, 'content-length': 100 }), content: '{"action": "search"' } as const;
    const { error } = await refused({ type: 'app.request', host: '127.0.0.1', port, request, finish: 'close-after-send' });
    expect(error?.call === 'error' && error.error).toMatchObject({ code: 'FRAME_TRUNCATED', context: { phase: 'content', announced: 100, received: 19 } });
  });

  it('a peer that closes inside the header', async () => {
    harness = new AgentHarness();
    const port = await appServer();
    const request = { kind: 'crafted', header: '{"byteorder": "lit', content: '', protoheader: 90 } as const;
    const { error } = await refused({ type: 'app.request', host: '127.0.0.1', port, request, finish: 'close-after-send' });
    expect(error?.call === 'error' && error.error).toMatchObject({ code: 'FRAME_TRUNCATED', context: { phase: 'header', announced: 90, received: 18 } });
  });

  it('a lying content-length with a waiting client: the client times out, then the server sees the close', async () => {
    harness = new AgentHarness();
    const port = await appServer();
    const request = { kind: 'crafted', header: header({ ...good, 'content-length': 50 }), content: '{}' } as const;
    const { result, error } = await refused({ type: 'app.request', host: '127.0.0.1', port, request, replyTimeoutMs: 300 });
    expect(result.problem?.code).toBe('APP_REPLY_TIMEOUT');
    expect(error?.call === 'error' && error.error.code).toBe('FRAME_TRUNCATED');
  });
});

describe.skipIf(!hasPython)('against Python (standard library only)', () => {
  const runPython = (args: string[], env: Record<string, string> = {}) =>
    new Promise<string>((resolve, reject) => {
      execFile('python3', args, { timeout: 15_000, env: { ...process.env, ...env } }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
    });

  it("a Python client gets the playground server's answers, whole or byte by byte", async () => {
    harness = new AgentHarness();
    const port = await appServer();
    const search = JSON.parse(await runPython([`${FIXTURES}app_client.py`, '127.0.0.1', String(port), 'search', 'socket'])) as { sent: number; result: string; header: Record<string, unknown> };
    expect(search.result).toBe('One end of a connection: an address, a port and a protocol. 🔌');
    expect(search.header['content-type']).toBe('text/json');
    const split = JSON.parse(await runPython([`${FIXTURES}app_client.py`, '127.0.0.1', String(port), 'search', 'morpheus'], { SPLIT: '1' })) as { sent: number; result: string };
    expect(split).toMatchObject({ sent: 146, result: "No match for 'morpheus'." });
    const binary = JSON.parse(await runPython([`${FIXTURES}app_client.py`, '127.0.0.1', String(port), 'echo', 'abcdefghijk'])) as { hex: string };
    expect(Buffer.from(binary.hex, 'hex').toString()).toBe('First 10 bytes of request: echoabcdef');
  });

  it("the playground's client gets a Python server's answer", async () => {
    harness = new AgentHarness();
    const python = spawn('python3', [`${FIXTURES}app_server.py`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        python.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
        python.once('exit', () => reject(new Error('python server exited')));
      });
      const result = done(await harness.run({ type: 'app.request', host: '127.0.0.1', port, request: { kind: 'action', action: 'search', value: '🐍' } }));
      expect(result.response?.result).toBe("python saw '🐍'");
      expect(result.problem).toBeNull();
    } finally {
      python.kill();
    }
  });
});
