/**
 * Item 8, floods and caps. One page sends 10,000 commands a second: past its token bucket they are
 * refused with RATE_LIMITED (retry-after in the context), every one of them answered, and the bridge
 * keeps answering /api/health quickly and serving another page. Caps on servers, clients and
 * connections per session refuse with a clear error naming the limit. Everything on 127.0.0.1.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LIMITS, PROTOCOL_VERSION } from '@socket-playground/protocol';
import { errorOf, PageClient, resultOf, startTestBridge, trackResources, until, wsUrl, type TestBridge } from './helpers.ts';

const defer = trackResources();

/** One GET /api/health; resolves with how long the answer took (ms). */
function healthLatency(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = httpRequest({ host: '127.0.0.1', port, path: '/api/health', headers: { host: `127.0.0.1:${port}` }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`health answered ${res.statusCode ?? '?'}`))));
    });
    req.setTimeout(5000, () => req.destroy(new Error('health timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** A raw page that only counts replies by code: parsing 10,000 replies with zod would load the test, not the bridge. */
async function rawPage(bridge: TestBridge): Promise<{ ws: WebSocket; replies: Map<string, { ok: boolean; code?: string; context?: Record<string, unknown> }> }> {
  const ws = new WebSocket(wsUrl(bridge.port, { token: bridge.token }), { origin: `http://127.0.0.1:${bridge.port}` });
  defer(() => ws.terminate());
  const replies = new Map<string, { ok: boolean; code?: string; context?: Record<string, unknown> }>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { type: string; reqId?: string; ok?: boolean; error?: { code: string; context?: Record<string, unknown> } };
    if (m.type === 'reply' && m.reqId) replies.set(m.reqId, { ok: m.ok === true, ...(m.error ? { code: m.error.code, context: m.error.context ?? {} } : {}) });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const welcomed = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }));
  await welcomed;
  return { ws, replies };
}

describe('a page that floods the bridge with commands', () => {
  it('10,000 commands a second: the excess gets RATE_LIMITED with retry-after, health answers fast, another page is served', { timeout: 30_000 }, async () => {
    const bridge = await startTestBridge(defer);
    const flooder = await rawPage(bridge);
    const other = await PageClient.connect(bridge, defer);
    await other.hello();

    // The flood: 100 commands every 10 ms, for 1 s (10,000 in all); bounded in count and time.
    const TOTAL = 10_000;
    let sent = 0;
    const t0 = performance.now();
    const flood = new Promise<number>((resolve) => {
      const timer = setInterval(() => {
        for (let i = 0; i < 100 && sent < TOTAL; i++) flooder.ws.send(JSON.stringify({ type: 'bytes.get', reqId: `f${sent++}`, dataId: 'nope' }));
        if (sent >= TOTAL || performance.now() - t0 > 5000) {
          clearInterval(timer);
          resolve(performance.now() - t0);
        }
      }, 10);
      defer(() => clearInterval(timer));
    });

    // Health probes while the flood runs: p100 over all of them.
    const latencies: number[] = [];
    let otherAnswered = false;
    const probes = (async () => {
      for (let i = 0; i < 40 && sent < TOTAL; i++) {
        latencies.push(await healthLatency(bridge.port));
        if (i === 5) otherAnswered = resultOf(await other.request({ type: 'bytes.get', dataId: 'x' }), 'bytes').data === null;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const floodMs = await flood;
    await probes;

    // Every command is answered, run or refused.
    await until(() => (flooder.replies.size === TOTAL ? true : undefined), `all ${TOTAL} replies (have ${flooder.replies.size})`, 15_000);
    const replies = [...flooder.replies.values()];
    const ran = replies.filter((r) => r.ok).length;
    const limited = replies.filter((r) => r.code === 'RATE_LIMITED');
    expect(ran + limited.length).toBe(TOTAL);
    // At most the burst plus what the bucket refilled while the flood lasted (a little slack for timing).
    expect(ran).toBeLessThanOrEqual(LIMITS.commandBurst + Math.ceil((LIMITS.commandsPerSecond * (performance.now() - t0)) / 1000));
    expect(ran).toBeGreaterThanOrEqual(LIMITS.commandBurst - 1);
    expect(limited.length).toBeGreaterThan(TOTAL * 0.9);
    for (const r of limited.slice(0, 50)) {
      expect(r.context).toMatchObject({ limit: LIMITS.commandsPerSecond, burst: LIMITS.commandBurst });
      expect(r.context?.retryAfterMs).toBeGreaterThan(0);
      expect(r.context?.retryAfterMs).toBeLessThanOrEqual(1000 / LIMITS.commandsPerSecond + 1);
    }
    expect(bridge.session.pageStats().reduce((n, s) => n + s.rateLimited, 0)).toBe(limited.length);

    // The bridge stayed responsive: health p100 over the probes.
    expect(latencies.length).toBeGreaterThanOrEqual(10);
    const p100 = Math.max(...latencies);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`flood: ${TOTAL} commands in ${floodMs.toFixed(0)} ms; ran ${ran}, RATE_LIMITED ${limited.length}; health over ${latencies.length} probes: p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, p100 ${p100.toFixed(1)} ms`);
    expect(p100).toBeLessThan(100);
    expect(otherAnswered).toBe(true);

    // The flooder is not disconnected: after the retry-after it is served again.
    await new Promise((r) => setTimeout(r, 50));
    flooder.ws.send(JSON.stringify({ type: 'bytes.get', reqId: 'after', dataId: 'nope' }));
    await until(() => flooder.replies.get('after'), 'the reply after the flood');
    expect(flooder.replies.get('after')).toEqual({ ok: true });
    expect(flooder.ws.readyState).toBe(WebSocket.OPEN);
  });
});

/** A TCP server on 127.0.0.1 that accepts and never answers: echo clients wait on it. */
async function silentServer(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  defer(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

describe('caps per session', () => {
  it(`at most ${LIMITS.maxServers} servers: the next one gets TOO_MANY_SERVERS, and stopping one makes room`, { timeout: 20_000 }, async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const ids: string[] = [];
    for (let i = 0; i < LIMITS.maxServers; i++) ids.push(resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 1 }), 'server.started').serverId);
    const refused = errorOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 1 }));
    expect(refused).toMatchObject({ code: 'TOO_MANY_SERVERS', context: { limit: LIMITS.maxServers, count: LIMITS.maxServers } });
    // A stepped server counts as a server too.
    expect(errorOf(await page.request({ type: 'stepper.start', program: 'blocking-echo-server', host: '127.0.0.1', port: 0, backlog: 1 })).code).toBe('TOO_MANY_SERVERS');
    expect(bridge.session.state.servers).toHaveLength(LIMITS.maxServers);
    resultOf(await page.request({ type: 'server.stop', serverId: ids[0] }), 'server.stopped');
    resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 1 }), 'server.started');
  });

  it('servers started all at once are counted exactly (replies come before the state)', async () => {
    const bridge = await startTestBridge(defer);
    bridge.session.caps.limits = { ...bridge.session.caps.limits, maxServers: 5 };
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const replies = await Promise.all(Array.from({ length: 12 }, () => page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 1 })));
    expect(replies.filter((r) => r.ok)).toHaveLength(5);
    expect(replies.filter((r) => !r.ok && r.error.code === 'TOO_MANY_SERVERS')).toHaveLength(7);
    // And right after the replies, before any state: still full.
    expect(errorOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 1 })).code).toBe('TOO_MANY_SERVERS');
    await until(() => (bridge.session.state.servers.length === 5 ? true : undefined), 'five servers in the state');
  });

  it(`at most ${LIMITS.maxClients} clients at once: the next gets TOO_MANY_CLIENTS until one finishes`, { timeout: 20_000 }, async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const silent = await silentServer();
    // Each client connects, sends, and waits for an echo that never comes.
    const waiting = Array.from({ length: LIMITS.maxClients }, () => page.request({ type: 'client.run', host: '127.0.0.1', port: silent.port, message: 'hi' }));
    await until(() => (silent.sockets.size === LIMITS.maxClients ? true : undefined), `${LIMITS.maxClients} clients connected`);
    const refused = errorOf(await page.request({ type: 'client.run', host: '127.0.0.1', port: silent.port, message: 'one too many' }));
    expect(refused).toMatchObject({ code: 'TOO_MANY_CLIENTS', context: { limit: LIMITS.maxClients, count: LIMITS.maxClients } });
    // A demonstration is a client too.
    expect(errorOf(await page.request({ type: 'demo.run', spec: { demo: 'udp' } })).code).toBe('TOO_MANY_CLIENTS');
    expect(silent.sockets.size).toBe(LIMITS.maxClients);
    // The server hangs up: the clients end (with an error), and there is room again.
    for (const s of silent.sockets) s.destroy();
    const ended = await Promise.all(waiting);
    expect(ended.every((r) => !r.ok)).toBe(true);
    const { port } = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started').listening;
    expect(resultOf(await page.request({ type: 'client.run', host: '127.0.0.1', port, message: 'room again' }), 'client.done').echoed).toBe(true);
  });

  it('at most N open connections: clients get TOO_MANY_CONNECTIONS while the lab holds N', async () => {
    const bridge = await startTestBridge(defer);
    const limit = 6;
    bridge.session.caps.limits = { ...bridge.session.caps.limits, maxConnections: limit };
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const { port } = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 16 }), 'server.started').listening;
    // Peers from outside the lab (like a learner's own Python client) fill the session's connections.
    const peers: Socket[] = [];
    defer(() => peers.forEach((p) => p.destroy()));
    for (let i = 0; i < limit; i++) peers.push(connect({ host: '127.0.0.1', port }).on('error', () => undefined));
    await until(() => (bridge.session.state.connections.length === limit ? true : undefined), `${limit} connections in the state`);
    // The page is told once, without having asked: peers filled the session.
    const told = await page.waitFor((m) => (m.type === 'problem' && m.error.code === 'TOO_MANY_CONNECTIONS' ? m.error : undefined), 'the full notice');
    expect(told.context).toEqual({ limit, count: limit });
    const refused = errorOf(await page.request({ type: 'client.run', host: '127.0.0.1', port, message: 'no room' }));
    expect(refused).toMatchObject({ code: 'TOO_MANY_CONNECTIONS', context: { limit, count: limit } });
    expect(errorOf(await page.request({ type: 'stepper.start', program: 'echo-client', host: '127.0.0.1', port, message: 'x' })).code).toBe('TOO_MANY_CONNECTIONS');
    // Servers are not connections: one may still start.
    resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 1 }), 'server.started');
    peers.splice(0).forEach((p) => p.destroy());
    await until(() => (bridge.session.state.connections.length === 0 ? true : undefined), 'the peers gone');
    expect(resultOf(await page.request({ type: 'client.run', host: '127.0.0.1', port, message: 'room' }), 'client.done').echoed).toBe(true);
    expect(page.messages.filter((m) => m.type === 'problem' && m.error.code === 'TOO_MANY_CONNECTIONS')).toHaveLength(1);
  });

  it('the many-clients demonstration with 1,000 clients runs under the default caps (it counts as one client)', { timeout: 60_000 }, async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const reply = await page.request({ type: 'demo.run', spec: { demo: 'many-clients', clients: 1000, holdMs: 0, servers: ['event-loop'] } });
    expect(resultOf(reply, 'demo').summary.demo).toBe('many-clients');
  });
});
