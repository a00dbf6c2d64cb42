/**
 * Reconnect and replay: a page that comes back gets exactly the events it missed, or all the
 * bridge still holds (with `dropped`) when its resume point is stale or has left the ring.
 */
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { AgentCommand, AgentMessage, LabEvent } from '@socket-playground/protocol';
import { InProcessAgentLink, type AgentLink } from '@socket-playground/lab';
import { PageConnection } from '../src/page-connection.ts';
import { NetLabController } from '../src/netlab-controller.ts';
import { Session } from '../src/session.ts';
import { PageClient, resultOf, startTestBridge, trackResources, until } from './helpers.ts';

const defer = trackResources();

/** Everything the page has been sent up to a reply: replay comes before any reply. */
async function settle(page: PageClient): Promise<number[]> {
  const reply = await page.request({ type: 'bytes.get', dataId: 'nope' });
  expect(reply.ok).toBe(true);
  return page.events.map((e) => e.seq);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('through startBridge', () => {
  it('a page that resumes from seq k gets exactly the events after k, including those made while no page was open', async () => {
    const bridge = await startTestBridge(defer);
    const a = await PageClient.connect(bridge, defer);
    await a.hello();
    const { listening, serverId } = resultOf(await a.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    const done = resultOf(await a.request({ type: 'client.run', host: '127.0.0.1', port: listening.port, message: 'Hello, world' }), 'client.done');
    expect(done.echoed).toBe(true);
    await until(() => (bridge.session.state.connections.length === 0 && a.events.filter((e) => e.event.call === 'close').length === 2 ? true : undefined), 'both sockets closed');
    const seenByA = a.events;
    expect(seenByA.map((e) => e.seq)).toEqual(range(1, bridge.session.log.lastSeq));
    await a.close();

    // While nobody is connected, the lab keeps working and numbering.
    const before = bridge.session.log.lastSeq;
    const reply = await bridge.session.run({ type: 'server.start', reqId: 'offline', labHost: 'local', host: '127.0.0.1', port: 0, backlog: 1, exposeConfirmed: false });
    expect(reply).toMatchObject({ reqId: 'offline', ok: true });
    const total = bridge.session.log.lastSeq;
    expect(total).toBe(before + 3);

    const k = 3;
    const b = await PageClient.connect(bridge, defer);
    const welcome = await b.hello({ bridgeId: bridge.session.bridgeId, lastSeq: k });
    expect(welcome).toMatchObject({ resumed: true, dropped: 0, lastSeq: total, bridgeId: bridge.session.bridgeId });
    expect(welcome.state.servers.map((s) => s.serverId)).toContain(serverId);
    expect(welcome.state.servers).toHaveLength(2);
    expect(await settle(b)).toEqual(range(k + 1, total));
    // The replayed events are the very events A saw.
    expect(b.events.slice(0, before - k)).toEqual(seenByA.slice(k));
    expect(b.events.slice(before - k).map((e) => e.event.call)).toEqual(['socket', 'bind', 'listen']);
  });

  it('a page with a stale bridgeId gets every held event and resumed: false', async () => {
    const bridge = await startTestBridge(defer);
    const a = await PageClient.connect(bridge, defer);
    await a.hello();
    resultOf(await a.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    await a.close();
    const total = bridge.session.log.lastSeq;
    expect(total).toBe(3);

    const b = await PageClient.connect(bridge, defer);
    const welcome = await b.hello({ bridgeId: '00000000-0000-4000-8000-000000000000', lastSeq: 2 });
    expect(welcome).toMatchObject({ resumed: false, dropped: 0, lastSeq: total });
    expect(await settle(b)).toEqual(range(1, total));
  });

  it('a page that is up to date gets nothing replayed, then live events continue the numbering', async () => {
    const bridge = await startTestBridge(defer);
    const a = await PageClient.connect(bridge, defer);
    await a.hello();
    resultOf(await a.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    await a.close();

    const b = await PageClient.connect(bridge, defer);
    const welcome = await b.hello({ bridgeId: bridge.session.bridgeId, lastSeq: 3 });
    expect(welcome).toMatchObject({ resumed: true, dropped: 0, lastSeq: 3 });
    expect(await settle(b)).toEqual([]);
    resultOf(await b.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    await b.waitForEvent((e) => e.event.call === 'listen', 'live listen event');
    expect(b.events.map((e) => e.seq)).toEqual([4, 5, 6]);
  });
});

/** An agent the test drives by hand: it emits whatever events the test gives it. */
class FakeAgent implements AgentLink {
  readonly labHost = 'local';
  private listener: (message: AgentMessage) => void = () => {};
  send(command: AgentCommand): void {
    if (command.type === 'bytes.get') this.listener({ type: 'reply', reqId: command.reqId, ok: true, result: { kind: 'bytes', dataId: command.dataId, data: null } });
  }
  onMessage(listener: (message: AgentMessage) => void): void {
    this.listener = listener;
  }
  onExit(): void {}
  close(): Promise<void> {
    return Promise.resolve();
  }
  emit(n: number): void {
    const event: LabEvent = { ts: n, labHost: 'local', socketId: `s${n}`, owner: 'srv1', role: 'listener', call: 'socket', family: 'IPv4' };
    this.listener({ type: 'lab', event });
  }
}

/** A Session with a small replay ring, served by PageConnection on a WebSocket server of our own. */
async function serveSession(session: Session): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (ws) => new PageConnection(ws, session, false, new NetLabController(session, () => {})));
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  defer(() => new Promise<void>((resolve) => wss.close(() => resolve())));
  defer(() => {
    for (const ws of wss.clients) ws.terminate();
  });
  defer(() => session.close());
  return (wss.address() as AddressInfo).port;
}

async function openPage(port: number): Promise<PageClient> {
  const page = await PageClient.open(port, { token: 'unused' });
  defer(() => page.close());
  return page;
}

describe('a Session with replayEvents: 5 (startBridge has no replayEvents option)', () => {
  it('with real sockets: events gone from the ring are counted in `dropped`', async () => {
    const session = new Session({ agents: [new InProcessAgentLink('local')], exposedGraceMs: 60_000, replayEvents: 5 });
    const port = await serveSession(session);
    for (let i = 1; i <= 3; i++) {
      const reply = await session.run({ type: 'server.start', reqId: `r${i}`, labHost: 'local', host: '127.0.0.1', port: 0, backlog: 1, exposeConfirmed: false });
      expect(reply.ok).toBe(true);
    }
    expect(session.log.lastSeq).toBe(9);

    const behind = await openPage(port);
    expect(await behind.hello({ bridgeId: session.bridgeId, lastSeq: 1 })).toMatchObject({ resumed: false, dropped: 3, lastSeq: 9 });
    expect(await settle(behind)).toEqual([5, 6, 7, 8, 9]);

    const stale = await openPage(port);
    expect(await stale.hello({ bridgeId: 'another-run', lastSeq: 8 })).toMatchObject({ resumed: false, dropped: 4, lastSeq: 9 });
    expect(await settle(stale)).toEqual([5, 6, 7, 8, 9]);

    const inRing = await openPage(port);
    expect(await inRing.hello({ bridgeId: session.bridgeId, lastSeq: 6 })).toMatchObject({ resumed: true, dropped: 0, lastSeq: 9 });
    expect(await settle(inRing)).toEqual([7, 8, 9]);
  });

  it('a long replay comes in ordered batches of at most 500, and live events follow without a gap', async () => {
    const agent = new FakeAgent();
    const session = new Session({ agents: [agent], exposedGraceMs: 60_000, replayEvents: 5000 });
    const port = await serveSession(session);
    for (let n = 1; n <= 1201; n++) agent.emit(n);

    const page = await openPage(port);
    expect(await page.hello()).toMatchObject({ resumed: false, dropped: 0, lastSeq: 1201 });
    expect(await settle(page)).toEqual(range(1, 1201));
    expect(page.messages.filter((m) => m.type === 'events').map((m) => (m.type === 'events' ? m.events.length : 0))).toEqual([500, 500, 201]);

    for (let n = 1202; n <= 1204; n++) agent.emit(n);
    await page.waitForEvent((e) => e.seq === 1204, 'live event 1204');
    expect(page.events.map((e) => e.seq)).toEqual(range(1, 1204));
    expect(page.events.at(-1)?.event.socketId).toBe('s1204');
  });
});
