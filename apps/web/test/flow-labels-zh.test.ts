import { describe, expect, it } from 'vitest';
import { buildFlow, flowOf } from '../src/flow/flow-model.ts';
import { fitLabel, pillWidth, textUnits } from '../src/flow/flow-layout.ts';
import { arrowDescription, arrowLabel, arrowLabelIn, blockLabel, blockMarker, blockParts, itemLabel } from '../src/flow/labels.ts';
import { echoSession, ep, Recorder } from './flow-fixtures.ts';

const CHINESE = /[\u4e00-\u9fff]/;

describe('the call flow in Chinese', () => {
  it('names the lanes in Chinese and keeps the owner ids', () => {
    const { r } = echoSession();
    const zh = buildFlow(r.events, 'zh');
    expect(zh.lanes.map((l) => l.title)).toEqual(['Echo 服务器 srv1', 'Echo 客户端 cli1']);
    expect(buildFlow(r.events).lanes.map((l) => l.title)).toEqual(['echo server srv1', 'echo client cli1']);

    const stepped = new Recorder();
    const server = stepped.listen('step1', 65432, 1);
    stepped.block(server, 'accept');
    expect(buildFlow(stepped.events, 'zh').lanes[0]!.title).toBe('单步服务器 step1');
  });

  it('names a peer outside the playground in Chinese', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    const conn = r.accept(server, ep(40000));
    r.outsideSends(conn, 'hi\n');
    r.recv(conn, 3);
    const outside = buildFlow(r.events, 'zh').lanes.find((l) => l.kind === 'outside-client');
    expect(outside?.title).toBe('外部客户端');
  });

  it('keeps calls as code and says the words in Chinese', () => {
    const { r } = echoSession();
    const labels = buildFlow(r.events, 'zh').items.map((i) => i.label);
    expect(labels).toContain('socket()');
    expect(labels).toContain('bind(127.0.0.1:65432)');
    expect(labels).toContain('recv() → 12 B');
    expect(labels).toContain('close()（EOF 后）');
    expect(labels).toContain('close(): FIN');
    const close = r.events.find((e) => e.event.call === 'close')!.event;
    expect(itemLabel(close, 'zh').tone).toBe(itemLabel(close).tone);
  });

  it('builds one model per language, each cached', () => {
    const { r } = echoSession();
    expect(flowOf(r.events, 'zh')).toBe(flowOf(r.events, 'zh'));
    expect(flowOf(r.events, 'zh')).not.toBe(flowOf(r.events, 'en'));
    expect(flowOf(r.events)).toBe(flowOf(r.events, 'en'));
  });

  it('labels and explains the arrows in Chinese, FIN and API names kept', () => {
    const { r } = echoSession();
    const model = buildFlow(r.events, 'zh');
    const lane = (key: string) => model.lanes.find((l) => l.key === key);
    expect(model.arrows.map((a) => arrowLabelIn(a, 'zh'))).toEqual(model.arrows.map(arrowLabel));
    const data = model.arrows.find((a) => a.kind === 'data')!;
    const said = arrowDescription(data, lane(data.fromLane), lane(data.toLane), 'zh');
    expect(said).toMatch(CHINESE);
    expect(said).toContain('send()');
    expect(said).toContain('recv()');
    expect(said).toContain('12 B');
    const fin = model.arrows.find((a) => a.kind === 'fin')!;
    const finSaid = arrowDescription(fin, lane(fin.fromLane), lane(fin.toLane), 'zh');
    expect(finSaid).toContain('FIN');
    expect(finSaid).toContain("b''");
    expect(finSaid).toContain('Echo 客户端 cli1');
    expect(arrowLabelIn({ ...fin, toRow: null }, 'zh')).toBe('FIN（尚未读取）');
    expect(arrowDescription({ ...fin, kind: 'rst' }, lane(fin.fromLane), lane(fin.toLane), 'zh')).toContain('ECONNRESET');
  });

  it('says what a blocked call waits for in Chinese', () => {
    const r = new Recorder();
    const server = r.listen('step1', 65432, 1);
    r.block(server, 'accept');
    const model = buildFlow(r.events, 'zh');
    const block = model.blocks[0]!;
    const last = r.events.at(-1)!.event.ts;
    expect(blockLabel(block, last + 2500, 'zh')).toMatch(/^阻塞在 accept\(\)：等待客户端 · 2\.\d{3} s$/);
    expect(blockMarker(block, 'zh')).toBe('accept() 阻塞');
    expect(blockMarker(block)).toBe('accept() blocks');
    expect(blockParts(block, last + 2500, 'zh')).toMatchObject({ call: 'accept()', wait: '等待客户端', open: true });
    const ended = { ...block, endRow: 4, endTs: block.startTs + 1500 };
    expect(blockLabel(ended, 0, 'zh')).toMatch(/^accept\(\) 阻塞了 1\.5\d* s$/);
    expect(blockLabel(ended, 0)).toMatch(/^accept\(\) blocked 1\.5\d* s$/);
  });
});

describe('pills fit Chinese labels', () => {
  it('counts a Chinese character wider than a Latin one', () => {
    expect(textUnits('close()')).toBe(7);
    expect(textUnits('阻塞')).toBeCloseTo(3.4);
    expect(pillWidth('accept() 阻塞', 250)).toBeGreaterThan(pillWidth('accept() blk', 250));
  });

  it('cuts a Chinese label by its width, with "…"', () => {
    const label = `close()${'（EOF 后）'.repeat(3)}`;
    const cut = fitLabel(label, 164);
    expect(cut.endsWith('…')).toBe(true);
    expect(textUnits(cut)).toBeLessThanOrEqual(Math.floor((164 - 34) / 6.7));
    expect(fitLabel('close()（EOF 后）', 164)).toBe('close()（EOF 后）');
  });
});
