import { describe, expect, it } from 'vitest';
import { countBlocks, filterConnections, filterDirs, listBlocks } from '../src/timeline/filters.ts';
import { BlockSearch, containsBytes, parseHex, parseSearch } from '../src/timeline/search.ts';
import { buildStreams } from '../src/timeline/stream-builder.ts';
import { blockBox, blockRect, blocksBetween, GEOMETRY, hitTest, layoutRows, rowsInView } from '../src/timeline/timeline-layout.ts';
import { fitView, followNewest, panBy, reveal, tickLabel, ticks, tickStep, xOfT, zoomAt } from '../src/timeline/time-view.ts';
import { echoSession, ep, Recorder } from './flow-fixtures.ts';

describe('the time window', () => {
  it('fits the session with room on both sides, and a single instant too', () => {
    expect(fitView(1000, 2000)).toEqual({ start: 940, span: 1120 });
    expect(fitView(1000, 1000)).toEqual({ start: 995, span: 10 });
    expect(fitView(null, null).span).toBeGreaterThan(0);
  });

  it('zooms around a point, keeping it where it was', () => {
    const view = { start: 0, span: 100 };
    const closer = zoomAt(view, 0.5, 0.25);
    expect(closer).toEqual({ start: 12.5, span: 50 });
    expect(xOfT(25, closer, 1000)).toBeCloseTo(xOfT(25, view, 1000));
    expect(zoomAt(view, 1e-9).span).toBeGreaterThan(0);
  });

  it('pans, follows the newest and reveals a time out of view', () => {
    const view = { start: 0, span: 100 };
    expect(panBy(view, 30)).toEqual({ start: 30, span: 100 });
    const follow = followNewest(view, 500);
    expect(follow.span).toBe(100);
    expect(500 - follow.start).toBeCloseTo(94);
    expect(reveal(view, 50)).toBe(view);
    expect(reveal(view, 400)).toEqual({ start: 350, span: 100 });
  });

  it('puts ticks on round steps with labels that say the unit', () => {
    expect(tickStep({ start: 0, span: 1000 }, 900)).toBe(100);
    expect(tickStep({ start: 0, span: 1 }, 900)).toBe(0.1);
    const { step, at } = ticks({ start: 1005, span: 1000 }, 900, 1000);
    expect(step).toBe(100);
    expect(at[0]).toBe(1100);
    expect(tickLabel(1100, 1000, 100)).toBe('+100 ms');
    expect(tickLabel(3500, 1000, 500)).toBe('+2.5 s');
    expect(tickLabel(1500, 1000, 500)).toBe('+500 ms');
    expect(tickLabel(3000, 1000, 1000)).toBe('+2 s');
    expect(tickLabel(1000.04, 1000, 0.01)).toBe('+40 µs');
    expect(tickLabel(1001.25, 1000, 0.05)).toBe('+1.25 ms');
    expect(tickLabel(900, 1000, 100)).toBe('−100 ms');
  });
});

describe('the layout of the lanes', () => {
  const { r } = echoSession();
  const model = buildStreams(r.events);

  it('gives each connection a header and one lane per shown direction', () => {
    const both = layoutRows(model.connections, [0, 1]);
    expect(both.rows[0]!.lanes.map((l) => [l.dir, l.y])).toEqual([
      [0, GEOMETRY.head],
      [1, GEOMETRY.head + GEOMETRY.lane],
    ]);
    expect(both.height).toBe(GEOMETRY.head + 2 * GEOMETRY.lane);
    expect(layoutRows(model.connections, [1]).rows[0]!.lanes.map((l) => l.dir)).toEqual([1]);
  });

  it('finds the rows in view by binary search', () => {
    const many = Array.from({ length: 100 }, () => model.connections[0]!);
    const layout = layoutRows(many, [0, 1]);
    const h = GEOMETRY.head + 2 * GEOMETRY.lane + GEOMETRY.gap;
    expect(rowsInView(layout, 10 * h + 5, 2 * h).map((row) => layout.rows.indexOf(row))).toEqual([10, 11, 12]);
    expect(rowsInView(layout, 1e6, 100)).toEqual([]);
  });

  it('sizes blocks by the log of their bytes, sends above the middle line and recvs below', () => {
    const small = blockBox(1, 65536);
    const big = blockBox(65536, 65536);
    expect(big.w).toBeGreaterThan(small.w);
    expect(big.h).toBeLessThanOrEqual(GEOMETRY.lane / 2);
    expect(small.h).toBeGreaterThanOrEqual(3);
    const lane = layoutRows(model.connections, [0]).rows[0]!.lanes[0]!;
    const view = { start: model.firstT!, span: 10 };
    const [send, recv] = model.connections[0]!.dirs[0].blocks;
    const s = blockRect(send!, lane, view, 1000, model.maxBytes);
    const rv = blockRect(recv!, lane, view, 1000, model.maxBytes);
    expect(s.y + s.h).toBeLessThanOrEqual(lane.y + lane.h / 2);
    expect(rv.y).toBeGreaterThanOrEqual(lane.y + lane.h / 2);
    expect(hitTest([s, rv], rv.x + 1, rv.y + 1)?.seq).toBe(recv!.seq);
    expect(hitTest([s, rv], s.x - 50, s.y)).toBeNull();
  });

  it('picks the blocks within a time window', () => {
    const blocks = model.blocks;
    expect(blocksBetween(blocks, -Infinity, Infinity)).toEqual([0, blocks.length]);
    expect(blocksBetween(blocks, blocks[1]!.t, blocks[2]!.t)).toEqual([1, 3]);
  });
});

describe('filters', () => {
  it('narrow by host, connection and direction, counting without copying', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    const a = r.connect('cli1', 50001, server.local);
    const acc = r.accept(server, a);
    r.send(a, 'one');
    r.recv(acc, 3);
    const outside = r.accept(server, ep(50999));
    r.outsideSends(outside, 'x');
    r.recv(outside, 1);
    const model = buildStreams(r.events);
    expect(model.connections).toHaveLength(2);
    expect(countBlocks(filterConnections(model, { host: null, conn: null, dir: null }), [0, 1])).toBe(3);
    expect(countBlocks(filterConnections(model, { host: null, conn: 'c2', dir: null }), [0, 1])).toBe(1);
    expect(filterConnections(model, { host: 'pc1', conn: null, dir: null })).toEqual([]);
    expect(filterDirs({ host: null, conn: null, dir: 1 })).toEqual([1]);
    expect(listBlocks(model, { host: null, conn: 'c1', dir: 0 })).toBe(model.connections[0]!.dirs[0].blocks);
    expect(listBlocks(model, { host: 'local', conn: null, dir: 0 }).map((b) => b.seq)).toEqual(model.blocks.map((b) => b.seq));
  });
});

describe('finding bytes', () => {
  it('reads hex written in the usual ways, and text otherwise', () => {
    expect(parseHex('48 65 6c')).toEqual(Uint8Array.from([0x48, 0x65, 0x6c]));
    expect(parseHex('0x48656c')).toEqual(Uint8Array.from([0x48, 0x65, 0x6c]));
    expect(parseHex('\\x48\\x65')).toEqual(Uint8Array.from([0x48, 0x65]));
    expect(parseHex('48:65,6C')).toEqual(Uint8Array.from([0x48, 0x65, 0x6c]));
    expect(parseHex('Hello')).toBeNull();
    expect(parseHex('486')).toBeNull();
    expect(parseSearch('  ')).toBeNull();
    expect(parseSearch('Hello')!.patterns.map((p) => p.kind)).toEqual(['text']);
    expect(parseSearch('cafe')!.patterns.map((p) => p.kind)).toEqual(['text', 'hex']);
    expect(containsBytes(Uint8Array.from([1, 2, 1, 2, 3]), Uint8Array.from([1, 2, 3]))).toBe(true);
    expect(containsBytes(Uint8Array.from([1, 2]), Uint8Array.from([2, 3]))).toBe(false);
  });

  it('marks the blocks whose first bytes hold the query, scanning only new ones', () => {
    const { r, client, accepted } = echoSession();
    const model = buildStreams(r.events);
    const hex = new BlockSearch(parseSearch('48 65 6c')!);
    expect(hex.scan(model.blocks).size).toBe(4);
    const text = new BlockSearch(parseSearch('world')!);
    expect(text.scan(model.blocks).size).toBe(4);
    expect(new BlockSearch(parseSearch('nope')!).scan(model.blocks).size).toBe(0);
    // More events: only the new blocks are looked at.
    r.send(client, 'more world');
    r.recv(accepted, 10);
    const grown = buildStreams(r.events);
    expect(text.scan(grown.blocks).size).toBe(6);
  });
});
