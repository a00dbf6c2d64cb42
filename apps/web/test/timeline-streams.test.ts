import { describe, expect, it } from 'vitest';
import { countersOf, connectionState, bytesEachWay } from '../src/timeline/counters.ts';
import { matchesOf, matchSummary } from '../src/timeline/matching.ts';
import { buildStreams } from '../src/timeline/stream-builder.ts';
import { matchSentence } from '../src/timeline/stream-text.ts';
import type { ByteBlock, StreamModel } from '../src/timeline/stream-types.ts';
import { echoSession, ep, Recorder } from './flow-fixtures.ts';

const bySeq = (model: StreamModel, seq: number): ByteBlock => {
  const block = model.blocks.find((b) => b.seq === seq);
  if (!block) throw new Error(`no block #${seq}`);
  return block;
};
const seqs = (block: ByteBlock) => matchesOf(block).map((m) => [m.block.seq, m.from, m.to]);

/** A server and a client of the lab, connected. */
function connected() {
  const r = new Recorder();
  const server = r.listen('srv1', 65432);
  const client = r.connect('cli1', 50001, server.local);
  const accepted = r.accept(server, client);
  return { r, server, client, accepted };
}

describe('pairing the two sockets of a connection', () => {
  it('makes one connection of the echo session, client on side a, server on side b', () => {
    const { r, client, accepted } = echoSession();
    const model = buildStreams(r.events);
    expect(model.connections).toHaveLength(1);
    const c = model.connections[0]!;
    expect(c.id).toBe('c1');
    expect(c.a?.socketId).toBe(client.socketId);
    expect(c.b?.socketId).toBe(accepted.socketId);
    expect([c.aEnd, c.bEnd]).toEqual(['127.0.0.1:50001', '127.0.0.1:65432']);
    expect(c.dirs[0].sends.map((b) => b.socketId)).toEqual([client.socketId]);
    expect(c.dirs[0].recvs.map((b) => b.socketId)).toEqual([accepted.socketId]);
    expect(c.dirs[1].sends.map((b) => b.socketId)).toEqual([accepted.socketId]);
    expect(c.blocks.map((b) => `${b.call}:${b.dir}`)).toEqual(['send:0', 'recv:0', 'send:1', 'recv:1']);
    expect(model.blocks).toHaveLength(4);
    expect(connectionState(c)).toBe('closed');
  });

  it('pairs whichever comes first, connect or accept, and keeps two connections on the same ports apart', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    // The accept is seen before the client's connect() returns.
    const c1 = { socketId: 's9', owner: 'cli1', role: 'client' as const, local: ep(50001), remote: server.local, sent: '', received: 0, peer: null };
    r.accept(server, c1);
    r.emit(c1, { call: 'connect', target: { host: '127.0.0.1', port: 65432, address: '127.0.0.1' }, durationMs: 0.2 });
    const c2 = r.connect('cli2', 50002, server.local);
    r.accept(server, c2);
    const model = buildStreams(r.events);
    expect(model.connections.map((c) => [c.aEnd, c.a?.owner, c.b?.owner])).toEqual([
      ['127.0.0.1:50001', 'cli1', 'srv1'],
      ['127.0.0.1:50002', 'cli2', 'srv1'],
    ]);
  });

  it('folds a socket whose bytes came before its addresses into its partner’s connection', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    const client = r.connect('cli1', 50001, server.local);
    const send = r.send(client, 'early');
    // The server's socket reports a recv before anything named its addresses…
    r.emit({ socketId: 's9', owner: 'srv1', role: 'accepted' }, { call: 'recv', bytes: 5, offset: 0, preview: btoa('early'), eof: false });
    // …and then the accept that does.
    r.emit({ ...server, remote: client.local }, { call: 'accept', newSocketId: 's9' });
    const model = buildStreams(r.events);
    expect(model.connections).toHaveLength(1);
    const c = model.connections[0]!;
    expect([c.a?.socketId, c.b?.socketId]).toEqual([client.socketId, 's9']);
    expect(c.dirs[0].recvs.map((b) => b.conn)).toEqual([c]);
    expect(seqs(bySeq(model, send))).toEqual([[send + 1, 0, 5]]);
  });

  it('does not pair loopback sockets of two lab hosts, however alike their addresses', () => {
    const r = new Recorder();
    const client = r.connect('cli1', 50001, ep(65432));
    const server = r.listen('srv1', 65432);
    r.accept(server, client);
    for (const e of r.events) if (e.event.owner === 'srv1') e.event.labHost = 'pc2';
    const model = buildStreams(r.events);
    expect(model.connections).toHaveLength(2);
    expect(model.hosts).toEqual(['local', 'pc2']);
  });

  it('pairs real card addresses across lab hosts (pc2 → pc1)', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432, 128, '192.168.0.1');
    const client = r.connect('cli1', 40000, server.local);
    r.accept(server, client);
    for (const e of r.events) if (e.event.owner === 'cli1') e.event.labHost = 'pc2';
    for (const e of r.events) if (e.event.local?.port === 40000) e.event.local = ep(40000, '192.168.0.2');
    for (const e of r.events) if (e.event.remote?.port === 40000) e.event.remote = ep(40000, '192.168.0.2');
    const model = buildStreams(r.events);
    expect(model.connections).toHaveLength(1);
    expect(model.connections[0]!.hosts).toEqual(['pc2', 'local']);
  });

  it('keeps a connection whose peer is outside the playground one-sided (nc)', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    const accepted = r.accept(server, ep(50123));
    r.outsideSends(accepted, 'typed in nc\n');
    const recv = r.recv(accepted, 12);
    const send = r.send(accepted, 'typed in nc\n');
    const model = buildStreams(r.events);
    const c = model.connections[0]!;
    expect(c.a).toBeNull();
    expect(c.aEnd).toBe('127.0.0.1:50123');
    expect(c.b?.owner).toBe('srv1');
    const [up, down] = countersOf(c);
    expect(up).toMatchObject({ sent: null, received: 12, inFlight: null });
    expect(down).toMatchObject({ sent: 12, received: null, inFlight: null, queued: 0 });
    expect(matchesOf(bySeq(model, recv))).toEqual([]);
    expect(matchSummary(bySeq(model, recv))).toMatchObject({ outside: true, unseen: 12 });
    expect(matchSentence(bySeq(model, send), matchSummary(bySeq(model, send)))).toMatch(/outside the playground/);
    expect(bytesEachWay(c)).toEqual([12, 12]);
  });
});

describe('matching bytes by stream offsets', () => {
  it('three sends arrive in one recv', () => {
    const { r, client, accepted } = connected();
    const s = [r.send(client, 'aaa'), r.send(client, 'bbb'), r.send(client, 'ccc')];
    const recv = r.recv(accepted, 9);
    const model = buildStreams(r.events);
    expect(seqs(bySeq(model, recv))).toEqual([
      [s[0], 0, 3],
      [s[1], 3, 6],
      [s[2], 6, 9],
    ]);
    for (const [i, seq] of s.entries()) expect(seqs(bySeq(model, seq!))).toEqual([[recv, i * 3, i * 3 + 3]]);
    expect(matchSentence(bySeq(model, recv), matchSummary(bySeq(model, recv)))).toBe('These 9 bytes came from 3 sends.');
  });

  it('one send arrives in four recvs', () => {
    const { r, client, accepted } = connected();
    const send = r.send(client, 'x'.repeat(1024));
    const recvs = [r.recv(accepted, 256), r.recv(accepted, 256), r.recv(accepted, 256), r.recv(accepted, 256)];
    const model = buildStreams(r.events);
    expect(seqs(bySeq(model, send))).toEqual(recvs.map((seq, i) => [seq, i * 256, (i + 1) * 256]));
    expect(matchSentence(bySeq(model, send), matchSummary(bySeq(model, send)))).toBe('These 1,024 bytes arrived in 4 recvs.');
  });

  it('partial overlaps: each side sees exactly the shared ranges', () => {
    const { r, client, accepted } = connected();
    const [s1, s2] = [r.send(client, 'hello'), r.send(client, 'world')];
    const [r1, r2, r3] = [r.recv(accepted, 3), r.recv(accepted, 4), r.recv(accepted, 3)];
    const model = buildStreams(r.events);
    expect(seqs(bySeq(model, s1))).toEqual([
      [r1, 0, 3],
      [r2, 3, 5],
    ]);
    expect(seqs(bySeq(model, s2))).toEqual([
      [r2, 5, 7],
      [r3, 7, 10],
    ]);
    expect(seqs(bySeq(model, r2))).toEqual([
      [s1, 3, 5],
      [s2, 5, 7],
    ]);
  });

  it('says what is still in flight, and matches the other direction separately', () => {
    const { r, client, accepted } = connected();
    const send = r.send(client, 'abcdef');
    r.recv(accepted, 2);
    const back = r.send(accepted, 'ab');
    const model = buildStreams(r.events);
    expect(matchSummary(bySeq(model, send))).toMatchObject({ matched: 2, unread: 4, unseen: 0, outside: false });
    expect(matchSentence(bySeq(model, send), matchSummary(bySeq(model, send)))).toBe('2 of these 6 bytes arrived in one recv; 4 bytes not read by the receiver yet.');
    expect(matchesOf(bySeq(model, back))).toEqual([]);
  });
});

describe('matching at the replay position', () => {
  it('a send read by two recvs, the replay between them: the later recv is kept apart', () => {
    const { r, client, accepted } = connected();
    const send = r.send(client, 'x'.repeat(10));
    const [r1, r2] = [r.recv(accepted, 4), r.recv(accepted, 6)];
    const model = buildStreams(r.events);
    const block = bySeq(model, send);
    const at = matchSummary(block, r1);
    expect(at).toMatchObject({ matched: 4, laterBytes: 6, unread: 0, unseen: 0 });
    expect(at.matches.map((m) => m.block.seq)).toEqual([r1]);
    expect(at.later.map((m) => m.block.seq)).toEqual([r2]);
    expect(matchSentence(block, at)).toBe('4 of these 10 bytes arrived in one recv; 6 bytes not read yet at the replay position (read later, by one recv).');
    expect(matchSentence(block, at, 'zh')).toBe('这 10 个字节中的 4 字节由 1 次 recv 收到；6 个字节在回放位置时还没被读走（之后由 1 次 recv 读走）。');
    // Right at the send: nothing read yet; without a position: the whole session.
    expect(matchSentence(block, matchSummary(block, send))).toBe('10 bytes not read yet at the replay position (read later, by 2 recvs).');
    expect(matchSummary(block)).toMatchObject({ matched: 10, later: [], laterBytes: 0 });
    expect(matchSummary(block, r2)).toMatchObject({ matched: 10, laterBytes: 0 });
  });
});

describe('counters and marks', () => {
  it('counts sent, read, in flight and the write queue per direction', () => {
    const { r, client, accepted } = connected();
    r.send(client, 'x'.repeat(100));
    const last = r.send(client, 'y'.repeat(50));
    const e = r.events.find((x) => x.seq === last)!.event;
    if (e.call === 'send') e.queued = 30;
    r.recv(accepted, 120);
    const c = buildStreams(r.events).connections[0]!;
    const [up, down] = countersOf(c);
    expect(up).toEqual({ dir: 0, sent: 150, received: 120, inFlight: 30, queued: 30, eof: false, unreadAtClose: false });
    expect(down).toEqual({ dir: 1, sent: 0, received: 0, inFlight: 0, queued: null, eof: false, unreadAtClose: false });
    expect(connectionState(c)).toBe('open');
  });

  it('marks EOF, close with its reason, resets and errors on the right lanes', () => {
    const { r, client, accepted } = connected();
    r.send(client, 'bye');
    r.close(client, 'local');
    r.recv(accepted, 3);
    r.eof(accepted);
    r.error(accepted, 'ECONNRESET');
    r.close(accepted, 'reset');
    const c = buildStreams(r.events).connections[0]!;
    expect(c.marks.map((m) => [m.kind, m.side, m.dir, m.label])).toEqual([
      ['close', 'a', 0, 'close (local)'],
      ['eof', 'b', 0, 'EOF'],
      // An RST reaches the server from the client: it shows on the lane into the server.
      ['reset', 'b', 0, 'recv: ECONNRESET'],
      ['reset', 'b', 0, 'reset (RST)'],
    ]);
    expect(countersOf(c)[0].eof).toBe(true);
    expect(connectionState(c)).toBe('reset');
  });

  it('a receiver that closes with bytes unread: they will never be read', () => {
    const { r, client, accepted } = connected();
    r.send(client, 'lost bytes');
    r.close(accepted, 'local');
    const [up] = countersOf(buildStreams(r.events).connections[0]!);
    expect(up).toMatchObject({ sent: 10, received: 0, inFlight: 10, unreadAtClose: true });
  });
});
