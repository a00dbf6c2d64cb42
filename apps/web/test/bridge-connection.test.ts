import { LIMITS, PROTOCOL_VERSION } from '@socket-playground/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BridgeConnection } from '../src/bridge/bridge-connection.ts';
import type { FakeSocket} from './fake-bridge.ts';
import { batch, fakeConnection, FakeTimers, welcome } from './fake-bridge.ts';

describe('BridgeConnection', () => {
  let sockets: FakeSocket[];
  let timers: FakeTimers;
  let conn: BridgeConnection;
  const last = () => sockets[sockets.length - 1] as FakeSocket;

  beforeEach(() => {
    timers = new FakeTimers();
    ({ conn, sockets } = fakeConnection(timers));
  });

  it('says hello on open and is connected after welcome', () => {
    expect(conn.status.get().phase).toBe('connecting');
    last().handlers.open();
    expect(last().sent).toEqual([{ type: 'hello', protocol: PROTOCOL_VERSION }]);
    expect(conn.status.get().phase).toBe('handshaking');
    last().receive(welcome({ privileged: true }));
    expect(conn.status.get().phase).toBe('connected');
    expect(conn.session.get().privileged).toBe(true);
  });

  it('shows invalid messages as a notice and carries on', () => {
    last().handlers.open();
    last().receive('not json');
    last().receive({ type: 'events', events: [{ seq: 0 }] });
    expect(conn.notices.store.get().map((n) => n.code)).toEqual(['BAD_BRIDGE_MESSAGE', 'BAD_BRIDGE_MESSAGE']);
    last().receive(welcome());
    expect(conn.status.get().phase).toBe('connected');
  });

  it('reconnects with growing waits and resumes from its last event', () => {
    last().handlers.open();
    last().receive(welcome());
    last().receive(batch(1, 2, 3));
    last().handlers.close(1006, '');
    expect(conn.status.get()).toMatchObject({ phase: 'waiting', attempt: 1, retryAt: 250 });
    timers.advance(250);
    expect(sockets.length).toBe(2);
    last().handlers.close(1006, ''); // refused before opening
    expect(conn.status.get()).toMatchObject({ attempt: 2, failedOpens: 1, retryAt: 750 });
    timers.advance(500);
    last().handlers.open();
    expect(last().sent[0]).toEqual({ type: 'hello', protocol: PROTOCOL_VERSION, resume: { bridgeId: 'b1', lastSeq: 3 } });
    last().receive(welcome({ resumed: true, lastSeq: 5 }));
    last().receive(batch(4, 5));
    expect(conn.status.get()).toMatchObject({ phase: 'connected', attempt: 0 });
    expect(conn.events.get().entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(conn.events.get().missed).toBe(0);
  });

  it('counts events the bridge dropped and holes in the numbering', () => {
    last().handlers.open();
    last().receive(welcome());
    last().receive(batch(1, 2));
    last().handlers.close(1006, '');
    timers.advance(250);
    last().handlers.open();
    last().receive(welcome({ resumed: false, dropped: 10, lastSeq: 20 }));
    last().receive(batch(13, 14, 17));
    expect(conn.events.get().missed).toBe(12);
  });

  it('clears the list when the bridge restarted', () => {
    last().handlers.open();
    last().receive(welcome());
    last().receive(batch(1, 2));
    last().handlers.close(1001, 'bridge stopping');
    timers.advance(250);
    last().handlers.open();
    last().receive(welcome({ bridgeId: 'b2' }));
    expect(conn.session.get().restarted).toBe(true);
    expect(conn.events.get().entries).toEqual([]);
    last().receive(batch(1));
    expect(conn.events.get()).toMatchObject({ missed: 0, originTs: 1001 });
    expect(conn.events.get().entries.length).toBe(1);
  });

  it('with frames, many messages make one new snapshot per frame; a reply first shows the events before it', async () => {
    const frames: (() => void)[] = [];
    const paged = fakeConnection(new FakeTimers(), (callback) => frames.push(callback));
    const socket = paged.last();
    socket.handlers.open();
    socket.receive(welcome());
    let changes = 0;
    paged.conn.events.subscribe(() => changes++);
    socket.receive(batch(1, 2));
    socket.receive(batch(3));
    socket.receive(batch(4, 5));
    expect(paged.conn.events.get().entries).toHaveLength(0);
    expect(frames).toHaveLength(1);
    expect(paged.conn.events.get().historyLoaded).toBe(true);
    frames.shift()!();
    expect(paged.conn.events.get().entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(changes).toBe(1);

    const pending = paged.conn.request({ type: 'server.stop', serverId: 'srv1' });
    const sent = socket.sent[1] as { reqId: string };
    socket.receive(batch(6));
    let seenAtReply: number[] = [];
    void pending.then(() => (seenAtReply = paged.conn.events.get().entries.map((e) => e.seq)));
    socket.receive({ type: 'reply', reqId: sent.reqId, ok: true, result: { kind: 'server.stopped', serverId: 'srv1' } });
    await pending;
    expect(seenAtReply.at(-1)).toBe(6);
    // The frame requested for event 6 finds nothing left to do.
    frames.shift()!();
    expect(changes).toBe(2);

    // A lab state waits for the frame too, and comes out with that frame's events.
    const server = { serverId: 'srv9', labHost: 'local', kind: 'echo', socketId: 's9', requested: { host: '127.0.0.1', port: 65432, backlog: 5 }, listening: { address: '127.0.0.1', port: 65432, family: 'IPv4' }, exposed: false, connections: 0 };
    let sessionChanges = 0;
    paged.conn.session.subscribe(() => sessionChanges++);
    socket.receive({ type: 'state', state: { servers: [server], connections: [], steppers: [] } });
    socket.receive(batch(7));
    expect(paged.conn.session.get().lab.servers).toHaveLength(0);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(paged.conn.session.get().lab.servers.map((s) => s.serverId)).toEqual(['srv9']);
    expect(paged.conn.events.get().entries.at(-1)?.seq).toBe(7);
    expect(sessionChanges).toBe(1);
  });

  it('says when the history the bridge had at the welcome is all shown', () => {
    const frames: (() => void)[] = [];
    const paged = fakeConnection(new FakeTimers(), (callback) => frames.push(callback));
    const socket = paged.last();
    socket.handlers.open();
    socket.receive(welcome({ lastSeq: 3 }));
    expect(paged.conn.events.get().historyLoaded).toBe(false);
    socket.receive(batch(1, 2));
    frames.shift()!();
    expect(paged.conn.events.get().historyLoaded).toBe(false);
    socket.receive(batch(3));
    frames.shift()!();
    expect(paged.conn.events.get().historyLoaded).toBe(true);
  });

  it('matches replies to requests by reqId', async () => {
    last().handlers.open();
    last().receive(welcome());
    const pending = conn.request({ type: 'server.stop', serverId: 'srv1' });
    const sent = last().sent[1] as { reqId: string; type: string };
    expect(sent.type).toBe('server.stop');
    last().receive({ type: 'reply', reqId: sent.reqId, ok: true, result: { kind: 'server.stopped', serverId: 'srv1' } });
    await expect(pending).resolves.toMatchObject({ ok: true, result: { kind: 'server.stopped' } });
  });

  it('fails pending requests with MESSAGE_TOO_BIG when the bridge closes with 1009', async () => {
    last().handlers.open();
    last().receive(welcome());
    const pending = conn.command({ type: 'client.run', host: '127.0.0.1', port: 1, message: 'x' }, 'Echo client');
    last().handlers.close(1009, '');
    const reply = await pending;
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toMatchObject({ code: 'MESSAGE_TOO_BIG', context: { limit: LIMITS.maxCommandBytes } });
    expect(conn.notices.store.get()[0]?.title).toContain('too big');
    expect(conn.status.get().lastClose?.text).toContain('too big');
  });

  it('a request made while the socket opens waits for it and goes out after the hello', async () => {
    const early = conn.request({ type: 'server.stop', serverId: 'srv1' });
    expect(last().sent).toEqual([]);
    last().handlers.open();
    expect(last().sent.map((m) => m.type)).toEqual(['hello', 'server.stop']);
    last().receive({ type: 'reply', reqId: last().sent[1]!.reqId, ok: true, result: { kind: 'server.stopped', serverId: 'srv1' } });
    await expect(early).resolves.toMatchObject({ ok: true });
  });

  it('a request waiting for the socket to open ends NOT_CONNECTED when it closes instead: it was never sent', async () => {
    const early = conn.request({ type: 'bytes.get', dataId: 'd1' });
    last().handlers.close(1006, '');
    await expect(early).resolves.toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
    expect(last().sent).toEqual([]);
  });

  it('on a close, a sent request may have run (BRIDGE_DISCONNECTED); one still held by the pacer did not (NOT_CONNECTED)', async () => {
    last().handlers.open();
    last().receive(welcome());
    const requests = Array.from({ length: LIMITS.commandBurst }, (_, i) => conn.request({ type: 'bytes.get', dataId: `d${i}` }));
    const sent = last().sent.filter((m) => m.type === 'bytes.get').length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(requests.length);
    last().handlers.close(1006, '');
    const codes = (await Promise.all(requests)).map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes).toEqual([...Array<string>(sent).fill('BRIDGE_DISCONNECTED'), ...Array<string>(requests.length - sent).fill('NOT_CONNECTED')]);
  });

  it('answers a request at once with no socket (between attempts), and times out a silent bridge', async () => {
    last().handlers.close(1006, '');
    expect(conn.status.get().phase).toBe('waiting');
    await expect(conn.request({ type: 'bytes.get', dataId: 'd1' })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
    timers.advance(60_000);
    last().handlers.open();
    const pending = conn.request({ type: 'bytes.get', dataId: 'd1' });
    timers.advance(30_000);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'NO_REPLY' } });
  });

  it('keeps the last five notices, newest first', () => {
    last().handlers.open();
    for (let i = 0; i < 7; i++) last().receive({ type: 'problem', error: { code: `E${i}`, message: 'm' } });
    expect(conn.notices.store.get().map((n) => n.code)).toEqual(['E6', 'E5', 'E4', 'E3', 'E2']);
  });

  it('stop() closes the socket and schedules nothing', () => {
    last().handlers.open();
    conn.stop();
    expect(last().closed).toBe(true);
    timers.advance(10_000);
    expect(sockets.length).toBe(1);
    expect(conn.status.get().phase).toBe('stopped');
  });
});
