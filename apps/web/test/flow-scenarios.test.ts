import { describe, expect, it } from 'vitest';
import { buildFlow, openBlocks } from '../src/flow/flow-model.ts';
import { ep, Recorder } from './flow-fixtures.ts';

describe('buildFlow: step mode', () => {
  it('shows a connection the kernel queued before accept(), and bytes waiting in its buffer', () => {
    const r = new Recorder();
    const server = r.listen('step1', 65432, 1);
    r.block(server, 'accept');
    r.wait(2000);
    const client = r.connect('step2', 50005, server.local, { nodeCall: 'net.connect()' });
    r.send(client, 'Hello, world');
    const early = buildFlow(r.events);
    const c = early.connections[0]!;
    expect(c).toMatchObject({ queued: true, acceptSeq: null, serverLane: 'local/step1', clientLane: 'local/step2' });
    // Not read by anyone yet: the arrow runs on to "now".
    expect(early.arrows.map((a) => [a.kind, a.fromSeq, a.toSeq, a.toRow, a.bytes])).toEqual([['data', 7, null, null, 12]]);
    // The accept() that began before the client came is still waiting (the listener is blocked).
    expect(openBlocks(early).map((b) => [b.call, b.seq])).toEqual([['accept', 4]]);
    expect(early.groups.map((g) => g.nodeCall)).toEqual(['server.listen()', 'net.connect()']);

    const conn = r.accept(server, client);
    r.block(conn, 'recv', 1024);
    r.recv(conn, 12, 1024);
    const later = buildFlow(r.events);
    expect(later.connections[0]).toMatchObject({ queued: false, acceptSeq: 8, connectSeq: 6 });
    expect(later.blocks.map((b) => [b.call, b.seq, b.endSeq, b.endedBy])).toEqual([
      ['accept', 4, 8, 'return'],
      ['recv', 9, 10, 'return'],
    ]);
    expect(later.blocks[0]!.endTs! - later.blocks[0]!.startTs).toBeGreaterThanOrEqual(2000);
    expect(later.arrows.map((a) => [a.fromSeq, a.toSeq])).toEqual([[7, 10]]);
  });

  it('gives a wait that ended at once no row of its own, and a real wait its bar', () => {
    const r = new Recorder();
    const server = r.listen('step1', 65432, 1);
    const client = r.connect('step2', 50011, server.local, { nodeCall: 'net.connect()', block: true });
    const conn = r.accept(server, client);
    r.send(client, 'Hello');
    r.block(conn, 'recv', 1024); // the bytes are there: returns at once
    r.recv(conn, 5, 1024);
    r.block(conn, 'recv', 1024);
    r.wait(1500); // nothing there: really waits
    r.recv(conn, 0, 1024);
    const model = buildFlow(r.events);
    expect(model.blocks.map((b) => [b.call, b.instant, b.row, b.endRow])).toEqual([
      ['connect', true, 4, 4],
      ['recv', true, 7, 7],
      ['recv', false, 8, 9],
    ]);
    expect(model.rows).toHaveLength(r.events.length - 2);
    expect(model.items.find((i) => i.call === 'connect')?.row).toBe(4);
    // socket(), the wait and connect() are one net.connect() call.
    expect(model.groups.find((g) => g.nodeCall === 'net.connect()')).toMatchObject({ firstRow: 3, lastRow: 4 });
  });

  it('keeps a wait open while it lasts, and ends it on error or close', () => {
    const r = new Recorder();
    const server = r.listen('step1', 65432, 1);
    const client = r.connect('step2', 50006, server.local);
    const conn = r.accept(server, client);
    r.block(conn, 'recv', 1024);
    r.block(client, 'recv', 1024);
    let model = buildFlow(r.events);
    expect(openBlocks(model)).toHaveLength(2);
    r.close(conn, 'local'); // resetting the server ends its wait
    r.error(client, 'ECONNRESET');
    model = buildFlow(r.events);
    expect(model.blocks.map((b) => b.endedBy)).toEqual(['close', 'error']);
    expect(openBlocks(model)).toHaveLength(0);
  });

  it('draws a FIN not read yet until the peer’s recv() returns b\'\'', () => {
    const r = new Recorder();
    const server = r.listen('step1', 65432, 1);
    const client = r.connect('step2', 50007, server.local);
    const conn = r.accept(server, client);
    r.close(client, 'local');
    let fin = buildFlow(r.events).arrows.filter((a) => a.kind === 'fin');
    expect(fin.map((a) => [a.fromSeq, a.toSeq, a.toRow])).toEqual([[7, null, null]]);
    r.eof(conn);
    fin = buildFlow(r.events).arrows.filter((a) => a.kind === 'fin');
    expect(fin.map((a) => [a.fromSeq, a.toSeq])).toEqual([[7, 8]]);
  });
});

describe('buildFlow: many clients, outside peers, resets', () => {
  it('gives each of 25 clients its own lane, ended as they close', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    for (let i = 1; i <= 25; i++) {
      const client = r.connect(`cli${i}`, 51000 + i, server.local);
      const conn = r.accept(server, client);
      r.send(client, `hi ${i}`);
      r.recv(conn, 10);
      if (i % 2 === 0) r.close(client);
    }
    const model = buildFlow(r.events);
    expect(model.lanes).toHaveLength(26);
    expect(model.lanes.map((l) => l.index)).toEqual([...Array(26).keys()]);
    expect(model.lanes[1]!.title).toBe('echo client cli1');
    expect(model.lanes.filter((l) => l.endRow !== null).map((l) => l.owner)).toEqual(Array.from({ length: 12 }, (_, i) => `cli${2 * (i + 1)}`));
    expect(model.connections).toHaveLength(25);
    expect(model.arrows.filter((a) => a.kind === 'data' && a.toSeq !== null)).toHaveLength(25);
  });

  it('gives a connection from outside the playground (nc) its own lane', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    const conn = r.accept(server, ep(40000));
    r.outsideSends(conn, 'typed in nc\n');
    r.recv(conn, 12);
    r.send(conn, 'typed in nc\n');
    r.eof(conn);
    r.close(conn, 'peer');
    const model = buildFlow(r.events);
    expect(model.lanes.map((l) => [l.kind, l.title, l.address, l.endRow])).toEqual([
      ['server', 'echo server srv1', '127.0.0.1:65432', null],
      ['outside-client', 'outside client', '127.0.0.1:40000', 7],
    ]);
    const c = model.connections[0]!;
    expect(c).toMatchObject({ clientLane: 'local/outside/127.0.0.1:40000', clientSocket: null, connectSeq: null, acceptSeq: 4 });
    expect(model.arrows.map((a) => [a.kind, a.fromSeq, a.toSeq, a.fromRow, a.toRow, a.preview])).toEqual([
      ['data', null, 5, 4, 4, 'typed in nc·'],
      ['fin', null, 7, 6, 6, ''],
      ['data', 6, null, 5, 5, 'typed in nc·'],
    ]);
  });

  it('waits (no flickering lane) while a lab client is still in connect()', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    const pending = { socketId: 's7', owner: 'cli1', role: 'client' as const };
    r.emit(pending, { call: 'socket', family: 'IPv4' });
    r.accept(server, ep(50008));
    const model = buildFlow(r.events);
    expect(model.lanes.map((l) => l.kind)).toEqual(['server', 'client']);
    expect(model.connections).toHaveLength(0);
  });

  it('gives a server outside the playground a lane too', () => {
    const r = new Recorder();
    r.connect('cli1', 50009, ep(8000));
    const model = buildFlow(r.events);
    expect(model.lanes.map((l) => [l.kind, l.address])).toEqual([
      ['client', '127.0.0.1:50009'],
      ['outside-server', '127.0.0.1:8000'],
    ]);
    expect(model.connections[0]).toMatchObject({ queued: false, serverSocket: null });
  });

  it('draws a reset as a reset, not an orderly close', () => {
    const { r, client } = (() => {
      const rec = new Recorder();
      const server = rec.listen('srv1', 65432);
      const c = rec.connect('cli1', 50010, server.local);
      rec.accept(server, c);
      return { r: rec, client: c };
    })();
    r.error(client, 'ECONNRESET');
    r.close(client, 'reset');
    const model = buildFlow(r.events);
    expect(model.items.slice(-2).map((i) => [i.call, i.tone, i.label])).toEqual([
      ['error', 'reset', '✗ ECONNRESET'],
      ['close', 'reset', 'close(): RST'],
    ]);
    expect(model.arrows.filter((a) => a.kind === 'rst').map((a) => [a.fromLane, a.toLane])).toEqual([['local/srv1', 'local/cli1']]);
    expect(model.arrows.some((a) => a.kind === 'fin')).toBe(false);
  });

  it('ends a lane whose command was refused before any socket existed', () => {
    const r = new Recorder();
    r.error({ socketId: '-', owner: 'cli1', role: 'client' }, 'DESTINATION_NOT_ALLOWED', 'policy');
    const model = buildFlow(r.events);
    expect(model.lanes[0]).toMatchObject({ kind: 'client', endRow: 0 });
    expect(model.items[0]).toMatchObject({ tone: 'error', label: '✗ DESTINATION_NOT_ALLOWED' });
  });
});

describe('the call flow window', () => {
  it('keeps the newest FLOW_MAX_EVENTS entries, the same array each time', async () => {
    const { flowWindow, FLOW_MAX_EVENTS } = await import('../src/flow/flow-model.ts');
    const entries = Array.from({ length: FLOW_MAX_EVENTS + 10 }, (_, i) => ({
      seq: i + 1,
      event: { ts: i, labHost: 'local', socketId: 's1', owner: 'cli1', role: 'client' as const, call: 'socket' as const, family: 'IPv4' as const },
    }));
    const w = flowWindow(entries);
    expect(w).toHaveLength(FLOW_MAX_EVENTS);
    expect(w[0]?.seq).toBe(11);
    expect(flowWindow(entries)).toBe(w);
    const short = entries.slice(0, 5);
    expect(flowWindow(short)).toBe(short);
  });
});
