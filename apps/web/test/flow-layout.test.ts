import { describe, expect, it } from 'vitest';
import { buildFlow } from '../src/flow/flow-model.ts';
import { arrowSegment, assignColumns, DEFAULT_LAYOUT, fitLabel, fitLaneWidth, gapPx, growthPx, laneInView, layoutFlow, pillWidth, rowsInView } from '../src/flow/flow-layout.ts';
import { arrowLabel, blockLabel, compactTime, itemLabel, pauseText, shortBytes } from '../src/flow/labels.ts';
import { echoSession, Recorder } from './flow-fixtures.ts';

describe('gaps for time', () => {
  it('adds nothing for a burst and a compact, growing gap for pauses', () => {
    expect(gapPx(0)).toBe(0);
    expect(gapPx(5)).toBe(0);
    expect(gapPx(-100)).toBe(0);
    expect(gapPx(100)).toBeGreaterThan(0);
    expect(gapPx(1000)).toBeGreaterThan(gapPx(100));
    expect(gapPx(3_600_000)).toBe(36);
  });

  it('lets "now" grow with the clock, fast at first, then slowly, capped', () => {
    expect(growthPx(0)).toBe(0);
    const samples = [500, 1000, 2000, 5000, 10000, 60000].map(growthPx);
    for (let i = 1; i < samples.length; i++) expect(samples[i]!).toBeGreaterThanOrEqual(samples[i - 1]!);
    expect(growthPx(1000)).toBeGreaterThan(30);
    expect(growthPx(86_400_000)).toBe(180);
  });
});

describe('layoutFlow', () => {
  it('puts lanes side by side and rows in order, with a labelled pause', () => {
    const { r } = echoSession();
    const model = buildFlow(r.events);
    const layout = layoutFlow(model, { ...DEFAULT_LAYOUT, now: null });
    expect(layout.laneX.get('local/srv1')).toBe(DEFAULT_LAYOUT.gutter + DEFAULT_LAYOUT.laneWidth / 2);
    expect(layout.laneX.get('local/cli1')).toBe(DEFAULT_LAYOUT.gutter + (3 * DEFAULT_LAYOUT.laneWidth) / 2);
    for (let i = 1; i < layout.rowY.length; i++) expect(layout.rowY[i]! - layout.rowY[i - 1]!).toBe(DEFAULT_LAYOUT.rowHeight);
    expect(layout.pauses).toEqual([]);

    const paused = new Recorder();
    const server = paused.listen('step1', 65432, 1);
    paused.wait(5000);
    paused.block(server, 'accept');
    const pl = layoutFlow(buildFlow(paused.events), { ...DEFAULT_LAYOUT, now: null });
    expect(pl.pauses).toHaveLength(1);
    expect(pl.pauses[0]!.ms).toBeGreaterThanOrEqual(5000);
    expect(pl.rowY[3]! - pl.rowY[2]!).toBe(DEFAULT_LAYOUT.rowHeight + 36);
  });

  it('grows the bottom (and open blocking bars) with the clock, not for a finished recording', () => {
    const r = new Recorder();
    const server = r.listen('step1', 65432, 1);
    r.block(server, 'accept');
    const model = buildFlow(r.events);
    const last = r.events.at(-1)!.event.ts;
    const still = layoutFlow(model, { ...DEFAULT_LAYOUT, now: null });
    const soon = layoutFlow(model, { ...DEFAULT_LAYOUT, now: last + 500 });
    const later = layoutFlow(model, { ...DEFAULT_LAYOUT, now: last + 5000 });
    expect(soon.nowY).toBeGreaterThan(still.nowY);
    expect(later.nowY).toBeGreaterThan(soon.nowY);
    expect(later.laneEndY.get('local/step1')).toBe(later.nowY);
    expect(blockLabel(model.blocks[0]!, last + 2500)).toMatch(/^blocked in accept\(\): waiting for a client · 2\.\d{3} s$/);
  });

  it('finds the rows in a scrolled window', () => {
    const ys = [10, 40, 70, 100, 130];
    expect(rowsInView(ys, 35, 105)).toEqual({ first: 1, last: 3 });
    expect(rowsInView(ys, 0, 5)).toEqual({ first: 0, last: -1 });
    expect(rowsInView(ys, 200, 300)).toEqual({ first: 5, last: 4 });
  });
});

describe('labels', () => {
  it('writes times in the gutter briefly', () => {
    expect(compactTime(1000.5, 1000)).toBe('+0.50 ms');
    expect(compactTime(1012.34, 1000)).toBe('+12.3 ms');
    expect(compactTime(3345.6, 1000)).toBe('+2.346 s');
    expect(compactTime(1000 + 125_000, 1000)).toBe('+2 min 5 s');
    expect(compactTime(5, null)).toBe('');
    expect(pauseText(2500)).toBe('2.5 s');
  });

  it('writes sizes briefly', () => {
    expect(shortBytes(12)).toBe('12 B');
    expect(shortBytes(1536)).toBe('1.5 KiB');
    expect(shortBytes(20 * 1024)).toBe('20 KiB');
  });

  it('labels arrows with bytes and a preview', () => {
    const { r } = echoSession();
    const model = buildFlow(r.events);
    expect(model.arrows.map(arrowLabel)).toEqual(["12 B 'Hello, world'", 'FIN', "12 B 'Hello, world'", 'FIN']);
  });

  it('labels calls as a program writes them', () => {
    const r = new Recorder();
    const server = r.listen('step1', 65432, 1);
    const client = r.connect('step2', 50001, server.local);
    const conn = r.accept(server, client);
    r.send(client, 'Hello');
    r.recv(conn, 4, 4);
    const labels = r.events.map((e) => itemLabel(e.event).label);
    expect(labels).toEqual(['socket()', 'bind(127.0.0.1:65432)', 'listen(1)', 'socket()', 'connect()', 'accept() → s3', 'send() 5 B', 'recv(4) → 4 B']);
  });
});

describe('lane width', () => {
  it('spreads the lanes over the space there is, within limits', () => {
    expect(fitLaneWidth(600, 3)).toBe(192);
    expect(fitLaneWidth(400, 3)).toBe(164);
    expect(fitLaneWidth(2000, 2)).toBe(250);
    expect(fitLaneWidth(500, 0)).toBe(250);
  });
});

describe('pills and arrows', () => {
  it('sizes pills to their label within the lane, and cuts long labels', () => {
    expect(pillWidth('socket()', 176)).toBeLessThan(pillWidth('bind(127.0.0.1:65432)', 176));
    expect(pillWidth('x'.repeat(80), 176)).toBe(162);
    expect(fitLabel('accept() → s3', 176)).toBe('accept() → s3');
    expect(fitLabel('✗ DESTINATION_NOT_ALLOWED', 160)).toMatch(/^✗ DESTINATION_NOT.*…$/);
  });

  it('runs arrows from pill edge to pill edge, in either direction', () => {
    expect(arrowSegment(100, 10, 30, 300, 70, 40)).toEqual({ x1: 130, y1: 10, x2: 257, y2: 70 });
    expect(arrowSegment(300, 10, 30, 100, 70, 0)).toEqual({ x1: 270, y1: 10, x2: 103, y2: 70 });
  });
});

describe('columns', () => {
  it('lets a lane take over the column of one that ended, so many clients in turn stay narrow', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    for (let i = 1; i <= 22; i++) {
      const client = r.connect(`cli${i}`, 52000 + i, server.local);
      r.accept(server, client);
      r.close(client);
    }
    const model = buildFlow(r.events);
    expect(model.lanes).toHaveLength(23);
    // Back to back, a client starts one row after the previous one ended: two columns take turns.
    const columns = assignColumns(model.lanes);
    expect(columns).toHaveLength(3);
    expect(columns[0]).toEqual(['local/srv1']);
    expect(columns[1]).toHaveLength(11);
    expect(columns[2]).toHaveLength(11);
    const byKey = new Map(model.lanes.map((l) => [l.key, l]));
    expect(laneInView(columns[1]!, byKey, 5)).toBe('local/cli1');
    expect(laneInView(columns[1]!, byKey, 1000)).toBe('local/cli21');
    const layout = layoutFlow(model, { ...DEFAULT_LAYOUT, now: null });
    expect(layout.laneX.get('local/cli21')).toBe(layout.laneX.get('local/cli1'));
    expect(layout.width).toBe(3 * DEFAULT_LAYOUT.laneWidth + 24);
  });

  it('keeps lanes that live at the same time apart, and leaves a gap before reusing a column', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    const a = r.connect('cli1', 52001, server.local);
    const b = r.connect('cli2', 52002, server.local);
    r.accept(server, a);
    r.accept(server, b);
    r.close(a); // row 9
    const c = r.connect('cli3', 52003, server.local); // row 10: too close to take cli1's column
    r.accept(server, c);
    r.wait(0);
    r.close(b); // row 13
    r.send(c, 'x'); // row 14
    r.connect('cli4', 52004, server.local); // row 15: cli1's column has been free long enough
    const model = buildFlow(r.events);
    expect(assignColumns(model.lanes)).toEqual([['local/srv1'], ['local/cli1', 'local/cli4'], ['local/cli2'], ['local/cli3']]);
  });
});
