import type { DemoSummary } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { demoFocus, demoOwners, demoView } from '../src/timeline/demo-focus.ts';
import { filterConnections, listBlocks, NO_FILTER } from '../src/timeline/filters.ts';
import { buildStreams, StreamBuilder } from '../src/timeline/stream-builder.ts';
import { Recorder, type Side } from './flow-fixtures.ts';

/** Which connections a finished demonstration used, found again in the byte streams by owner. */

const RECV: DemoSummary = { demo: 'recv-bufsize', demoId: 'demo1', port: 41000, durationMs: 5, bufsize: 4, messageBytes: 10, recvSizes: [4, 4, 2], serverRecvSizes: [10] };

function manyClients(demoId: string, clients: number, completed = clients): DemoSummary {
  const run = (server: 'blocking' | 'event-loop', port: number) => ({ server, clients, completed, failed: clients - completed, totalMs: 10, maxConcurrent: 1, doneMs: [], port });
  return { demo: 'many-clients', demoId, port: 42000, durationMs: 20, runs: [run('blocking', 42000), run('event-loop', 42001)] };
}

let nextPort = 50000;

/** One client of `owner` against `server`: it sends `text`, gets the echo, both close. */
function echo(r: Recorder, server: Side, owner: string, text = 'hello'): Side {
  const client = r.connect(owner, nextPort++, server.local);
  const accepted = r.accept(server, client);
  r.send(client, text);
  r.recv(accepted, text.length);
  r.send(accepted, text);
  r.recv(client, text.length);
  r.close(client);
  r.close(accepted, 'peer');
  return client;
}

/** A session: a learner's own echo, the demonstration, another echo after it. */
function session(demo: (r: Recorder) => void): Recorder {
  const r = new Recorder();
  const own = r.listen('srv1', 65432);
  echo(r, own, 'cli1');
  r.wait(1000);
  demo(r);
  r.wait(1000);
  echo(r, own, 'cli2');
  return r;
}

const ownerOf = (model: ReturnType<typeof buildStreams>, id: string) => model.connections.find((c) => c.id === id)?.a?.owner;

describe('a demonstration found in the byte streams', () => {
  it('names the owners the result card names', () => {
    expect([...demoOwners(RECV)]).toEqual(['demo1']);
    expect([...demoOwners(manyClients('demo4', 2))]).toEqual(['demo4-b1', 'demo4-b2', 'demo4-e1', 'demo4-e2']);
    const backlog: DemoSummary = { demo: 'backlog', demoId: 'demo5', port: 1, durationMs: 1, backlog: 1, somaxconn: 4096, clients: 3, connectedBeforeAccept: 2, acceptQueue: 2, served: 3, failed: 0 };
    expect([...demoOwners(backlog)]).toEqual(['demo5-c1', 'demo5-c2', 'demo5-c3']);
  });

  it('picks the one connection of a one-conversation demonstration, spanning its first to last event', () => {
    const r = session((r) => {
      const server = r.listen('srv2', 41000);
      echo(r, server, 'demo1', '0123456789');
    });
    // Another demonstration whose id starts the same is not this one.
    echo(r, r.listen('srv3', 41001), 'demo10');
    const model = buildStreams(r.events);
    const focus = demoFocus(RECV, model);
    expect(focus.conns).toHaveLength(1);
    expect(focus.primary).toBe(focus.conns[0]);
    expect(ownerOf(model, focus.primary!)).toBe('demo1');
    expect(focus.held).toBe('all');
    const conn = model.connections.find((c) => c.id === focus.primary)!;
    expect(focus.span).toEqual({ first: conn.firstT, last: conn.lastT });
    // Not the whole session: the learner's echoes a second before and after are outside.
    expect(focus.span!.last - focus.span!.first).toBeLessThan(10);
    const view = demoView(focus)!;
    expect(view.start).toBeLessThanOrEqual(conn.firstT);
    expect(view.start + view.span).toBeGreaterThanOrEqual(conn.lastT);
    expect(view.span).toBeLessThan(10);
  });

  it('shows every client of many clients, none picked, and filters to exactly them', () => {
    const r = session((r) => {
      for (const kind of ['b', 'e']) {
        const server = r.listen(`srv-${kind}`, kind === 'b' ? 42000 : 42001);
        for (let i = 1; i <= 3; i++) echo(r, server, `demo4-${kind}${i}`);
      }
    });
    const model = buildStreams(r.events);
    const focus = demoFocus(manyClients('demo4', 3), model);
    expect(focus.conns.map((id) => ownerOf(model, id))).toEqual(['demo4-b1', 'demo4-b2', 'demo4-b3', 'demo4-e1', 'demo4-e2', 'demo4-e3']);
    expect(focus.primary).toBeNull();
    expect(focus.held).toBe('all');
    const shown = model.connections.filter((c) => focus.conns.includes(c.id));
    expect(focus.span).toEqual({ first: shown[0]!.firstT, last: shown.at(-1)!.lastT });

    const filter = { ...NO_FILTER, conns: new Set(focus.conns) };
    expect(filterConnections(model, filter).map((c) => c.id)).toEqual(focus.conns);
    expect(new Set(listBlocks(model, filter).map((b) => b.owner.replace(/^srv-.*/, 'server')))).toEqual(new Set(['demo4-b1', 'demo4-b2', 'demo4-b3', 'demo4-e1', 'demo4-e2', 'demo4-e3', 'server']));
    expect(listBlocks(model, { ...filter, conn: model.connections[0]!.id })).toEqual([]);
  });

  it('shows both UDP sockets, the sender’s and the receiver’s, none picked', () => {
    const udp: DemoSummary = { demo: 'udp', demoId: 'demo6', port: 43000, durationMs: 3, lostBytes: 4, lostArrived: false, sentSizes: [2], recvSizes: [2] };
    const r = session((r) => {
      const sender: Side = { socketId: 's90', owner: 'demo6', role: 'client', local: { address: '127.0.0.1', port: 43001, family: 'IPv4' }, sent: '', received: 0, peer: null };
      const receiver: Side = { ...sender, socketId: 's91', local: { address: '127.0.0.1', port: 43000, family: 'IPv4' }, remote: sender.local, peer: sender };
      sender.remote = receiver.local;
      r.send(sender, 'lost');
      r.send(sender, 'hi');
      receiver.received = 4;
      r.recv(receiver, 2);
    });
    const focus = demoFocus(udp, buildStreams(r.events));
    expect(focus.conns).toHaveLength(2);
    expect(focus.primary).toBeNull();
  });

  it('says nothing is held when the ring let go of the demonstration, or the bridge that ran it restarted', () => {
    const r = session((r) => echo(r, r.listen('srv2', 41000), 'demo1'));
    const builder = new StreamBuilder();
    builder.update(r.events);
    expect(demoFocus(RECV, builder.update(r.events.slice(0))).held).toBe('all');
    expect(demoFocus(RECV, buildStreams(r.events), { bridgeChanged: true })).toEqual({ demoId: 'demo1', conns: [], primary: null, span: null, held: 'none' });
    // The ring keeps only the learner's last echo.
    const last = r.events.findIndex((e) => e.event.owner === 'cli2');
    const trimmed = builder.update(r.events.slice(last));
    expect(demoFocus(RECV, trimmed)).toMatchObject({ conns: [], span: null, held: 'none' });
  });

  it('says part is held when the ring cut into the demonstration', () => {
    const r = session((r) => echo(r, r.listen('srv2', 41000), 'demo1', 'abcdefgh'));
    const firstSend = r.events.findIndex((e) => e.event.owner === 'demo1' && e.event.call === 'send');
    // Live: the page's ring lets go of the oldest events as new ones come.
    const builder = new StreamBuilder();
    builder.update(r.events);
    const live = demoFocus(RECV, builder.update(r.events.slice(firstSend + 1)));
    expect(live.held).toBe('part');
    expect(live.conns).toHaveLength(1);
    expect(live.primary).toBe(live.conns[0]);
    // Built afresh from what the page still holds (a session saved after the cut).
    expect(demoFocus(RECV, buildStreams(r.events.slice(firstSend + 1))).held).toBe('part');
    // Cut just before the client's connect(): its socket() is gone, its bytes are all there.
    const connect = r.events.findIndex((e) => e.event.owner === 'demo1' && e.event.call === 'connect');
    expect(demoFocus(RECV, buildStreams(r.events.slice(connect))).held).toBe('part');
    expect(demoFocus(RECV, buildStreams(r.events.slice(connect - 1))).held).toBe('all');
  });

  it('says part is held when what is left starts in the middle of its streams', () => {
    let start = 0;
    const r = session((r) => {
      const server = r.listen('srv2', 41000);
      const client = r.connect('demo1', nextPort++, server.local);
      const accepted = r.accept(server, client);
      r.send(client, 'abcd');
      r.recv(accepted, 4);
      // Someone else's socket: what is left starts with it, not with the demonstration.
      start = r.events.length;
      r.connect('cli3', nextPort++, server.local);
      r.send(client, 'efgh');
      r.recv(accepted, 4);
      r.close(client);
    });
    const model = buildStreams(r.events.slice(start));
    const focus = demoFocus(RECV, model);
    expect(model.connections.find((c) => c.id === focus.primary)!.firstSeq).toBeGreaterThan(model.firstSeq);
    expect(focus.held).toBe('part');
  });

  it('says part is held when clients that were surely served are missing', () => {
    const r = session((r) => {
      const server = r.listen('srv-b', 42000);
      echo(r, server, 'demo4-b1');
      echo(r, server, 'demo4-b2');
    });
    const blockingOnly = manyClients('demo4', 2);
    if (blockingOnly.demo === 'many-clients') blockingOnly.runs.pop();
    expect(demoFocus(blockingOnly, buildStreams(r.events)).held).toBe('all');
    expect(demoFocus(blockingOnly, buildStreams(r.events)).primary).toBeNull();
    // One client in all: its connection is the one to look at.
    const one = manyClients('demo4', 1);
    if (one.demo === 'many-clients') one.runs.pop();
    const single = demoFocus(one, buildStreams(r.events));
    expect(single.conns).toHaveLength(1);
    expect(single.primary).toBe(single.conns[0]);
    // Two runs of two clients were served; the event loop's two are gone.
    const focus = demoFocus(manyClients('demo4', 2), buildStreams(r.events));
    expect(focus.held).toBe('part');
    expect(focus.conns).toHaveLength(2);
  });

  it('picks the conversation that moved the most bytes when its client made two', () => {
    const sendall: DemoSummary = { demo: 'sendall', demoId: 'demo7', port: 1, durationMs: 1, totalBytes: 1, writes: 1, backpressured: 0, maxAppQueued: 0, maxSendQueue: 0, maxRecvQueue: 0, readerStartedMs: 0, samples: [] };
    const r = session((r) => {
      const server = r.listen('srv2', 44000);
      echo(r, server, 'demo7', 'hi');
      echo(r, server, 'demo7', 'a much longer message');
    });
    const model = buildStreams(r.events);
    const focus = demoFocus(sendall, model);
    expect(focus.conns).toHaveLength(2);
    expect(model.connections.find((c) => c.id === focus.primary)?.blocks[0]?.bytes).toBe(21);
  });

  it('looks only on the demonstrations’ lab host', () => {
    const r = session((r) => echo(r, r.listen('srv2', 41000), 'demo1'));
    const elsewhere = r.events.map((e) => (e.event.owner === 'demo1' || e.event.owner === 'srv2' ? { ...e, event: { ...e.event, labHost: 'pc1' } } : e));
    expect(demoFocus(RECV, buildStreams(elsewhere)).held).toBe('none');
    expect(demoFocus(RECV, buildStreams(elsewhere), { labHost: 'pc1' }).held).toBe('all');
  });
});
