import { describe, expect, it } from 'vitest';
import { base64Length, ByteFetcher, type FetchBytes } from '../src/timeline/byte-fetcher.ts';
import { assembleStream, followChunks, missingText, sourceBlocks, streamFileName, streamText } from '../src/timeline/stream-bytes.ts';
import { buildStreams } from '../src/timeline/stream-builder.ts';
import type { ByteBlock } from '../src/timeline/stream-types.ts';
import { echoSession, ep, Recorder } from './flow-fixtures.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const none = () => null;

describe('putting a direction back together', () => {
  it('joins the sender’s sends in stream order', () => {
    const { r, client, accepted } = echoSession();
    r.send(client, ' and more');
    r.recv(accepted, 9);
    const conn = buildStreams(r.events).connections[0]!;
    const up = assembleStream(conn, 0, none);
    expect(text(up.data)).toBe('Hello, world and more');
    expect(up).toMatchObject({ total: 21, missing: [] });
    expect(text(assembleStream(conn, 1, none).data)).toBe('Hello, world');
    expect(streamFileName(conn, 0)).toBe('c1-client-to-server.bin');
    expect(streamFileName(conn, 1)).toBe('c1-server-to-client.bin');
  });

  it('uses the receiver’s recvs when the sender is outside the playground', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    const accepted = r.accept(server, ep(50500));
    r.outsideSends(accepted, 'from nc\n');
    r.recv(accepted, 4);
    r.recv(accepted, 4);
    const conn = buildStreams(r.events).connections[0]!;
    expect(sourceBlocks(conn, 0)).toBe(conn.dirs[0].recvs);
    expect(text(assembleStream(conn, 0, none).data)).toBe('from nc\n');
  });

  it('says which bytes are missing: only a preview held, or calls no longer in the page', () => {
    const { r, client } = echoSession();
    const big = 'x'.repeat(300);
    r.send(client, big);
    const events = r.events.map((e) => {
      if (e.event.call !== 'send' || e.event.bytes !== 300) return e;
      // The event carries only the first 256 bytes.
      return { ...e, event: { ...e.event, preview: btoa('x'.repeat(256)) } };
    });
    // Drop the first send ("Hello, world") from the page.
    const held = events.filter((e) => !(e.event.call === 'send' && e.event.offset === 0 && e.event.socketId === client.socketId));
    const conn = buildStreams(held).connections[0]!;
    const up = assembleStream(conn, 0, none);
    expect(up.total).toBe(312);
    expect(up.data.length).toBe(256);
    expect(up.missing).toEqual([
      { from: 0, to: 12, why: 'gone' },
      { from: 268, to: 312, why: 'not-held' },
    ]);
    expect(missingText(up.missing[0]!)).toBe('bytes 0–11 (their calls are no longer in the page)');
    // With the whole block fetched, only the dropped call is missing.
    const full = (b: ByteBlock) => (b.bytes === 300 ? new TextEncoder().encode(big) : null);
    expect(assembleStream(conn, 0, full).missing).toEqual([{ from: 0, to: 12, why: 'gone' }]);
  });

  it('follows the conversation call by call, around a chosen call', () => {
    const { r, client, accepted } = echoSession();
    for (let i = 0; i < 10; i++) {
      r.send(client, `ping ${i}\n`);
      r.recv(accepted, 7);
      r.send(accepted, `pong ${i}\n`);
      r.recv(client, 7);
    }
    const conn = buildStreams(r.events).connections[0]!;
    const all = followChunks(conn, none, 100, null);
    expect(all.chunks.map((c) => text(c.bytes)).slice(0, 4)).toEqual(['Hello, world', 'Hello, world', 'ping 0\n', 'pong 0\n']);
    expect(all.chunks.map((c) => c.block.dir).slice(0, 4)).toEqual([0, 1, 0, 1]);
    const around = followChunks(conn, none, 4, conn.dirs[0].sends[6]!.seq);
    expect(around.chunks).toHaveLength(4);
    expect(around.before + around.after + 4).toBe(22);
    expect(around.chunks.some((c) => c.block === conn.dirs[0].sends[6])).toBe(true);
    expect(streamText(new TextEncoder().encode('a\tb\nc\u0001'))).toBe('a\tb\nc·');
  });
});

describe('fetching all the bytes of a call', () => {
  const block = (over: Partial<ByteBlock>): ByteBlock => ({ ...buildStreams(echoSession().r.events).blocks[0]!, ...over });

  it('knows which blocks need fetching, and fetches each once', async () => {
    let calls = 0;
    const fetchBytes: FetchBytes = async (_host, dataId) => {
      calls++;
      return { ok: true, data: dataId === 'gone' ? null : btoa('y'.repeat(300)) };
    };
    const fetcher = new ByteFetcher(fetchBytes);
    const whole = block({ bytes: 12 });
    const long = block({ bytes: 300, preview: btoa('y'.repeat(256)), dataId: 'd1' });
    expect(ByteFetcher.needsFetch(whole)).toBe(false);
    expect(ByteFetcher.needsFetch(long)).toBe(true);
    expect(ByteFetcher.needsFetch({ ...long, dataId: undefined })).toBe(false);
    const [a, b] = await Promise.all([fetcher.fetch(long), fetcher.fetch(long)]);
    expect(a?.length).toBe(300);
    expect(b).toBe(a);
    expect(calls).toBe(1);
    expect(fetcher.get(long)).toBe(a);
    expect(fetcher.version.get()).toBe(1);
    expect(await fetcher.fetch(block({ bytes: 300, dataId: 'gone' }))).toBeNull();
  });

  it('fetches many a few at a time within a byte budget, and keeps at most its own budget', async () => {
    const fetcher = new ByteFetcher(async () => ({ ok: true, data: btoa('z'.repeat(300)) }), 700);
    const blocks = Array.from({ length: 5 }, (_, i) => block({ seq: 100 + i, bytes: 300, preview: btoa('z'.repeat(256)), dataId: `d${i}` }));
    const result = await fetcher.fetchAll(blocks, 1000);
    expect(result).toEqual({ missing: 2, skipped: 2 });
    // 3 fetched × 300 bytes > 700: the oldest went.
    expect(blocks.map((b) => fetcher.get(b) !== undefined)).toEqual([false, true, true, false, false]);
  });

  it('counts base64 without decoding it', () => {
    expect([base64Length(''), base64Length(btoa('a')), base64Length(btoa('ab')), base64Length(btoa('abc'))]).toEqual([0, 1, 2, 3]);
  });
});
