import { describe, expect, it } from 'vitest';
import { SequencedLabEvent } from '@socket-playground/protocol';
import { buildFlow, flowOf, lastSeqOfLane } from '../src/flow/flow-model.ts';
import { HANDSHAKE_LABEL } from '../src/flow/flow-types.ts';
import { echoSession, ep, Recorder } from './flow-fixtures.ts';

describe('buildFlow: the notes’ echo session', () => {
  const { r } = echoSession();
  const model = buildFlow(r.events);

  it('fixtures are valid protocol events', () => {
    for (const e of r.events) expect(SequencedLabEvent.safeParse(e).success).toBe(true);
  });

  it('has one lane per owner, in order of appearance, each ended after its last close', () => {
    expect(model.lanes.map((l) => [l.key, l.kind, l.title, l.address])).toEqual([
      ['local/srv1', 'server', 'echo server srv1', '127.0.0.1:65432'],
      ['local/cli1', 'client', 'echo client cli1', '127.0.0.1:50001'],
    ]);
    // The listener is still open: the server lives on; the client's only socket closed.
    expect(model.lanes[0]!.endRow).toBeNull();
    expect(model.lanes[1]!.endRow).toBe(r.events.length - 1);
  });

  it('places every call on its lane, in seq order, one row per event', () => {
    expect(model.rows.map((row) => row.seq)).toEqual(r.events.map((e) => e.seq));
    expect(model.items.map((i) => [i.call, i.lane])).toEqual([
      ['socket', 'local/srv1'],
      ['bind', 'local/srv1'],
      ['listen', 'local/srv1'],
      ['socket', 'local/cli1'],
      ['connect', 'local/cli1'],
      ['accept', 'local/srv1'],
      ['send', 'local/cli1'],
      ['recv', 'local/srv1'],
      ['send', 'local/srv1'],
      ['recv', 'local/cli1'],
      ['recv', 'local/srv1'],
      ['close', 'local/srv1'],
      ['recv', 'local/cli1'],
      ['close', 'local/cli1'],
    ]);
    expect(model.items.map((i) => i.label)).toContain('listen(128)');
    expect(model.items.find((i) => i.tone === 'eof')?.label).toBe("recv() → b''");
  });

  it('links connect and accept as one connection', () => {
    expect(model.connections).toHaveLength(1);
    const c = model.connections[0]!;
    expect(c).toMatchObject({ clientLane: 'local/cli1', serverLane: 'local/srv1', connectSeq: 5, acceptSeq: 6, row: 4, queued: false, clientEnd: '127.0.0.1:50001', serverEnd: '127.0.0.1:65432' });
    expect(HANDSHAKE_LABEL).toBe('three-way handshake, done by the kernels');
  });

  it('draws the bytes from each send to the recv that carried them, and the FINs', () => {
    const data = model.arrows.filter((a) => a.kind === 'data');
    expect(data.map((a) => [a.fromSeq, a.toSeq, a.bytes, a.preview])).toEqual([
      [7, 8, 12, 'Hello, world'],
      [9, 10, 12, 'Hello, world'],
    ]);
    const fins = model.arrows.filter((a) => a.kind === 'fin');
    // The client's FIN reached the server before any client event said so: drawn from its lane.
    expect(fins.map((a) => [a.fromLane, a.fromSeq, a.toSeq])).toEqual([
      ['local/cli1', null, 11],
      ['local/srv1', 12, 13],
    ]);
  });

  it('groups the calls Node makes inside server.listen()', () => {
    expect(model.groups).toEqual([{ lane: 'local/srv1', socketId: 's1', nodeCall: 'server.listen()', firstRow: 0, lastRow: 2 }]);
  });

  it('is deterministic: a saved and reloaded session gives the same model', () => {
    const again = buildFlow(JSON.parse(JSON.stringify(r.events)) as SequencedLabEvent[]);
    expect(again).toEqual(model);
    expect(lastSeqOfLane(model, 'local/cli1')).toBe(14);
  });
});

describe('buildFlow: pairing', () => {
  it('pairs an accept that arrives before its connect', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    const client = { socketId: 's9', owner: 'cli1', role: 'client' as const };
    r.emit(client, { call: 'socket', family: 'IPv4' });
    r.emit({ ...server, remote: ep(50002) }, { call: 'accept', newSocketId: 's10' });
    r.emit({ ...client, local: ep(50002), remote: ep(65432) }, { call: 'connect', target: { host: 'localhost', port: 65432, address: '127.0.0.1' }, durationMs: 0.2 });
    const model = buildFlow(r.events);
    expect(model.lanes.map((l) => l.kind)).toEqual(['server', 'client']);
    expect(model.connections[0]).toMatchObject({ acceptSeq: 5, connectSeq: 6, row: 4 });
  });

  it('pairs an IPv4 client with a server listening on :: (IPv4-mapped addresses)', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432, 128, '::');
    const client = r.connect('cli1', 50003, ep(65432));
    r.emit({ ...server, local: ep(65432, '::ffff:127.0.0.1'), remote: ep(50003, '::ffff:127.0.0.1') }, { call: 'accept', newSocketId: 's3' });
    expect(client.peer).toBeNull();
    const model = buildFlow(r.events);
    expect(model.connections).toHaveLength(1);
    expect(model.connections[0]).toMatchObject({ clientLane: 'local/cli1', serverLane: 'local/srv1', queued: false });
  });

  it('maps one send to several recvs and several sends to one recv by stream offsets', () => {
    const r = new Recorder();
    const server = r.listen('step1', 65432, 1);
    const client = r.connect('step2', 50004, server.local);
    const conn = r.accept(server, client);
    r.send(client, 'Hello, world'); // 12 bytes, read 4 at a time
    r.recv(conn, 4, 4);
    r.recv(conn, 4, 4);
    r.recv(conn, 4, 4);
    r.send(conn, 'Hell');
    r.send(conn, 'o, w');
    r.send(conn, 'orld');
    r.recv(client, 12, 1024);
    const data = buildFlow(r.events).arrows.filter((a) => a.kind === 'data');
    expect(data.map((a) => [a.fromSeq, a.toSeq, a.bytes, a.preview])).toEqual([
      [7, 8, 4, 'Hell'],
      [7, 9, 4, 'o, w'],
      [7, 10, 4, 'orld'],
      [11, 14, 4, 'Hell'],
      [12, 14, 4, 'o, w'],
      [13, 14, 4, 'orld'],
    ]);
  });
});

describe('flowOf', () => {
  it('builds once per events array', () => {
    const { r } = echoSession();
    const events = [...r.events];
    expect(flowOf(events)).toBe(flowOf(events));
    expect(flowOf([...events])).toEqual(flowOf(events));
  });
});
