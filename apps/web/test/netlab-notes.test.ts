import { NOTES_TOPOLOGY, type LabEvent, type MatrixResult, type SequencedLabEvent } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { drawnListeners, listenerFor, listenerLabel, plannedAddress } from '../src/netlab/drawn-listeners.ts';
import { INSPECT_EXAMPLES, lanOf, octetBits, splitInspectInput } from '../src/netlab/inspect-input.ts';
import { acceptedFor, lastSeq, linksSince, listenersSince, ownerOf, unmapped } from '../src/netlab/live-links.ts';
import { claimRows, englishQuote, mappedExample, notesCaseFor, notesPoints } from '../src/netlab/notes-view.ts';

const v4 = (address: string, port: number) => ({ address, port, family: 'IPv4' as const });
const bind = (hosts: string[], port = 65432) => ({ hosts, port });

describe('the notes beside the matrix', () => {
  it('finds the notes’ case for a bind, also under another spelling', () => {
    expect(notesCaseFor(bind(['127.0.0.1'])).notesCase?.binds).toEqual(['127.0.0.1']);
    expect(notesCaseFor(bind(['192.168.0.1', '10.10.152.8'])).sameAs).toBeNull();
    expect(notesCaseFor(bind(['']))).toMatchObject({ notesCase: { binds: ['0.0.0.0'] }, sameAs: '0.0.0.0' });
    expect(notesCaseFor(bind(['localhost']))).toMatchObject({ notesCase: { binds: ['127.0.0.1'] }, sameAs: '127.0.0.1' });
    expect(notesCaseFor(bind(['::'])).notesCase).toBeNull();
  });

  it('says where the notes are wrong: pc1 → 0.0.0.0 with the server on 192.168.0.1', () => {
    const c = notesCaseFor(bind(['192.168.0.1'])).notesCase!;
    expect(englishQuote(c)).toContain('listens only on 192.168.0.1');
    const rows = claimRows(c, null, 65432);
    const wrong = rows.filter((r) => r.wrong);
    expect(wrong.map((r) => `${r.client}→${r.target}`)).toEqual(['pc1→0.0.0.0']);
    expect(wrong[0]!.explanation).toContain('127.0.0.1');
  });

  it('judges against the real run when there is one', () => {
    const c = notesCaseFor(bind(['127.0.0.1'])).notesCase!;
    const real: MatrixResult = {
      serverHost: 'pc1',
      bind: bind(['127.0.0.1']),
      listeners: [],
      mode: 'namespaces',
      durationMs: 9,
      cells: [{ client: 'pc1', target: '0.0.0.0', outcome: 'ECONNREFUSED', latencyMs: 1 }],
    };
    const row = claimRows(c, real, 65432).find((r) => r.target === '0.0.0.0' && r.client === 'pc1')!;
    expect(row).toMatchObject({ real: 'ECONNREFUSED', model: 'connected', wrong: true });
  });

  it('lists what the notes leave out, for the bind', () => {
    const topics = (hosts: string[]) => notesPoints(bind(hosts), null).map((p) => p.topic);
    expect(topics(['127.0.0.1'])).toEqual(['zero-is-loopback', 'loopback-is-self', 'weak-host', 'dual-stack', 'wildcard-clash', 'localhost']);
    expect(topics([''])).toContain('empty-host');
    const clash = (hosts: string[]) => notesPoints(bind(hosts), null).find((p) => p.topic === 'wildcard-clash')!.text;
    expect(clash(['0.0.0.0', '::'])).toContain('see the listeners above the matrix');
    expect(clash(['0.0.0.0'])).toContain('pick "0.0.0.0 + ::"');
    const run = { serverHost: 'pc1', bind: bind(['::']), listeners: [], mode: 'namespaces' as const, durationMs: 1, cells: [{ client: 'pc2', target: '192.168.0.1', outcome: 'connected' as const, latencyMs: 1, local: '::ffff:192.168.0.2:40000', remote: '::ffff:192.168.0.1:65432' }] };
    expect(mappedExample(run)).toBe('::ffff:192.168.0.2:40000');
    expect(notesPoints(bind(['::']), run).find((p) => p.topic === 'dual-stack')!.text).toContain("accept() saw ::ffff:192.168.0.2");
    expect(mappedExample(null, ['192.168.0.2', '::ffff:10.10.152.8'])).toBe('::ffff:10.10.152.8');
  });
});

describe('the address inspector’s input', () => {
  it('splits off a typed prefix, or borrows the lab LAN’s', () => {
    expect(splitInspectInput('10.0.0.255/8', NOTES_TOPOLOGY)).toMatchObject({ address: '10.0.0.255', prefixLen: 8, prefixFrom: null });
    expect(splitInspectInput('192.168.0.255', NOTES_TOPOLOGY)).toMatchObject({ prefixLen: 24, prefixFrom: 'lan1 (192.168.0.0/24)' });
    expect(splitInspectInput('8.8.8.8', NOTES_TOPOLOGY).prefixLen).toBeUndefined();
    expect(splitInspectInput('1.2.3.4/x', NOTES_TOPOLOGY).prefixError).toContain('not a prefix length');
    expect(splitInspectInput('0x7f.1', NOTES_TOPOLOGY)).toMatchObject({ address: '0x7f.1', prefixLen: undefined, prefixError: null });
  });

  it('finds the LAN and the bits of dotted quads only', () => {
    expect(lanOf(NOTES_TOPOLOGY, '10.10.152.200')?.name).toBe('lan2');
    expect(lanOf(NOTES_TOPOLOGY, '010.10.152.8')).toBeNull();
    expect(octetBits('192.168.0.1')).toEqual(['11000000', '10101000', '00000000', '00000001']);
    expect(octetBits('::1')).toBeNull();
    expect(INSPECT_EXAMPLES.at(-1)).toBe('0x7f.1');
  });
});

describe('live links from the event stream', () => {
  const base = { labHost: 'pc1', owner: 'srv1' };
  const events: LabEvent[] = [
    { ...base, ts: 1, socketId: 's1', role: 'listener', call: 'listen', backlog: 128, local: v4('0.0.0.0', 65432) },
    { ...base, ts: 2, socketId: 's1', role: 'listener', call: 'accept', newSocketId: 's2', local: v4('10.10.152.8', 65432), remote: v4('192.168.0.2', 40000) },
    { ...base, ts: 3, socketId: 's1', role: 'listener', call: 'accept', newSocketId: 's3', local: v4('127.0.0.1', 65432), remote: v4('127.0.0.1', 40001) },
    { ...base, ts: 4, socketId: 's2', role: 'accepted', call: 'close', reason: 'peer', bytesSent: 4, bytesReceived: 4 },
    { ...base, labHost: 'pc2', ts: 5, socketId: 's9', role: 'listener', call: 'listen', backlog: 1, local: v4('0.0.0.0', 1) },
  ];
  const entries: SequencedLabEvent[] = events.map((event, i) => ({ seq: i + 1, event }));

  it('follows the server host’s accepts until their close', () => {
    const links = linksSince(entries, 'pc1', 0);
    expect(links.map((l) => [l.socketId, l.open])).toEqual([
      ['s2', false],
      ['s3', true],
    ]);
    expect(linksSince(entries, 'pc1', 2).map((l) => l.socketId)).toEqual(['s3']);
    expect(listenersSince(entries, 'pc1', 0)).toEqual([{ socketId: 's1', address: '0.0.0.0', port: 65432, open: true }]);
    expect(lastSeq(entries)).toBe(5);
    expect(lastSeq([])).toBe(0);
  });

  it('finds the server’s side of a client’s connection by its port', () => {
    const links = linksSince(entries, 'pc1', 0);
    expect(acceptedFor(links, '192.168.0.2:40000')?.socketId).toBe('s2');
    expect(acceptedFor(links, '192.168.0.2:1')).toBeNull();
    expect(acceptedFor(links, undefined)).toBeNull();
  });

  it('knows whose address a peer is', () => {
    expect(unmapped('::ffff:192.168.0.2')).toBe('192.168.0.2');
    expect(ownerOf(NOTES_TOPOLOGY, '::ffff:192.168.0.2', 'pc1')).toBe('pc2');
    expect(ownerOf(NOTES_TOPOLOGY, '127.0.0.1', 'pc1')).toBe('pc1');
    expect(ownerOf(NOTES_TOPOLOGY, '8.8.8.8', 'pc1')).toBeNull();
  });

  it('draws live listeners first, then the run’s, then the plan', () => {
    const live = listenersSince(entries, 'pc1', 0);
    const plan = bind(['', 'localhost']);
    expect(drawnListeners({ live, result: null, resultCurrent: false, plan }).map((l) => l.state)).toEqual(['listening']);
    const planned = drawnListeners({ live: [], result: null, resultCurrent: false, plan });
    expect(planned.map((l) => l.address)).toEqual(['0.0.0.0', '127.0.0.1']);
    expect(listenerLabel(planned[1]!)).toBe('localhost → 127.0.0.1:65432');
    const result: MatrixResult = {
      serverHost: 'pc1',
      bind: bind(['0.0.0.0', '::']),
      listeners: [
        { host: 'pc1', requested: '0.0.0.0', address: '0.0.0.0', port: 65432 },
        { host: 'pc1', requested: '::', errorCode: 'EADDRINUSE' },
      ],
      cells: [],
      mode: 'namespaces',
      durationMs: 3,
    };
    const drawn = drawnListeners({ live: [], result, resultCurrent: true, plan });
    expect(drawn.map((l) => [l.address, l.state, l.errorCode])).toEqual([
      ['0.0.0.0', 'closed', undefined],
      ['::', 'failed', 'EADDRINUSE'],
    ]);
    const link = linksSince(entries, 'pc1', 0)[0]!;
    expect(listenerFor(drawn, link)?.address).toBe('0.0.0.0');
    expect(plannedAddress('')).toBe('0.0.0.0');
  });
});
