import { describe, expect, it } from 'vitest';
import { enBytes } from '../src/i18n/en/bytes.ts';
import { zhBytes } from '../src/i18n/zh/bytes.ts';
import { assembleStream, exportNote, missingText } from '../src/timeline/stream-bytes.ts';
import { buildStreams } from '../src/timeline/stream-builder.ts';
import { connectionWho, dirLabel, dirShort, markLabel, sideName } from '../src/timeline/stream-text.ts';
import { echoSession, ep, Recorder } from './flow-fixtures.ts';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** The Bytes tab's connection summary and canvas words in 简体中文: the same facts, other words. */
describe('the Bytes tab in Chinese', () => {
  it('has every English key of the bytes area, and the summary and canvas labels translated', () => {
    expect(keys(zhBytes).sort()).toEqual(keys(enBytes).sort());
    expect(zhBytes.state).toEqual({ open: '打开', closing: '关闭中', closed: '已关闭', reset: '已重置' });
    expect([zhBytes.colSent, zhBytes.colReceived, zhBytes.colInFlight, zhBytes.colQueued]).toEqual(['已发送', '已接收', '在途', '应用队列']);
    expect(zhBytes.timeAxis).toBe('从第一次调用起的时间');
    // API names stay.
    expect([zhBytes.laneSend, zhBytes.laneRecv]).toEqual(['send ▲', 'recv ▼']);
    expect(zhBytes.colSentTitle).toContain('send()');
  });

  it('names the sides and directions', () => {
    const { r } = echoSession();
    const conn = buildStreams(r.events).connections[0]!;
    expect(sideName(conn, 'a')).toBe('client cli1');
    expect(sideName(conn, 'a', 'zh')).toBe('客户端 cli1');
    expect(sideName(conn, 'b', 'zh')).toBe('服务器 srv1');
    expect(dirLabel(0, 'zh')).toBe('客户端 → 服务器');
    expect(dirShort(1)).toBe('s→c');
    expect(dirShort(1, 'zh')).toBe('服→客');
  });

  it('says "outside" for a program outside the playground', () => {
    const r = new Recorder();
    const server = r.listen('srv1', 65432);
    const accepted = r.accept(server, ep(50500));
    r.outsideSends(accepted, 'from nc\n');
    const conn = buildStreams(r.events).connections[0]!;
    expect(connectionWho(conn)).toBe('outside ⇄ srv1');
    expect(connectionWho(conn, 'zh')).toBe('外部 ⇄ srv1');
    expect(sideName(conn, 'a', 'zh')).toBe('外部客户端 127.0.0.1:50500');
  });

  it('labels closes and resets on the timeline; EOF and errno names stay', () => {
    const { r, client } = echoSession();
    r.error(client, 'ECONNRESET');
    const conn = buildStreams(r.events).connections[0]!;
    const labels = conn.marks.map((m) => [markLabel(m), markLabel(m, 'zh')]);
    expect(labels).toContainEqual(['close (peer)', 'close（对端）']);
    expect(labels).toContainEqual(['close (local)', 'close（本端）']);
    expect(labels).toContainEqual(['EOF', 'EOF']);
    expect(markLabel({ ...conn.marks[0]!, kind: 'reset', reason: 'reset', label: 'reset (RST)' }, 'zh')).toBe('重置（RST）');
  });

  it('says what a .bin export saved, and what is missing', () => {
    const { r, client } = echoSession();
    const events = r.events.filter((e) => !(e.event.call === 'send' && e.event.offset === 0 && e.event.socketId === client.socketId));
    const conn = buildStreams(events).connections[0]!;
    const up = assembleStream(conn, 0, () => null);
    expect(missingText(up.missing[0]!, 'zh')).toBe('第 0–11 字节（它们的调用已不在页面中）');
    expect(exportNote(conn, 0, up, true)).toBe('Saved c1-client-to-server.bin: 0 B of 12 B, what there is. Missing: bytes 0–11 (their calls are no longer in the page).');
    expect(exportNote(conn, 0, up, false, 'zh')).toBe('已保存 c1-client-to-server.bin: 0 B（共 12 B），只包含现有的部分。缺少：第 0–11 字节（它们的调用已不在页面中）。已保存的会话只保留每次调用的前几个字节。');
    const down = assembleStream(conn, 1, () => null);
    expect(exportNote(conn, 1, down, true)).toBe('Saved c1-server-to-client.bin: 12 B, the whole server → client stream.');
    expect(exportNote(conn, 1, down, true, 'zh')).toBe('已保存 c1-server-to-client.bin: 12 B，即完整的 服务器 → 客户端 字节流。');
  });
});
