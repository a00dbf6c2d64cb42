/**
 * Hot connections through the bridge: a page watches while a fast peer ping-pongs with the lab's
 * echo server (its calls arrive merged, `calls: k`, with totals and offsets that add up) and a slow
 * peer talks to it (one event per call). Two pages get the same events (serialised once).
 */
import { connect, type Socket } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LabEvent, SequencedLabEvent } from '@socket-playground/protocol';
import { PageClient, resultOf, startTestBridge, trackResources, until, type TestBridge } from './helpers.ts';

const defer = trackResources();
let bridge: TestBridge;
let page: PageClient;

beforeEach(async () => {
  bridge = await startTestBridge(defer);
  page = await PageClient.connect(bridge, defer);
  await page.hello();
});

type DataEvent = Extract<LabEvent, { call: 'send' | 'recv' }>;

async function peer(port: number): Promise<Socket> {
  const s = await new Promise<Socket>((resolve, reject) => {
    const c = connect({ host: '127.0.0.1', port }, () => resolve(c));
    c.once('error', reject);
  });
  s.setNoDelay(true);
  defer(() => s.destroy());
  return s;
}

async function pingPong(s: Socket, count: number, gapMs: number): Promise<number> {
  let total = 0;
  const deadline = Date.now() + 15_000;
  for (let i = 0; i < count && Date.now() < deadline; i++) {
    const m = Buffer.from(`message ${i}|`);
    total += m.length;
    await new Promise<void>((resolve) => {
      let got = 0;
      const onData = (d: Buffer) => {
        if ((got += d.length) < m.length) return;
        s.off('data', onData);
        resolve();
      };
      s.on('data', onData);
      s.write(m);
    });
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
  }
  return total;
}

function dataEvents(events: SequencedLabEvent[], socketId: string, call: 'send' | 'recv'): DataEvent[] {
  return events.map((e) => e.event).filter((e): e is DataEvent => e.socketId === socketId && e.call === call && !(e.call === 'recv' && e.eof));
}

function expectContiguous(events: DataEvent[], total: number): void {
  let offset = 0;
  for (const e of events) {
    expect(e.offset).toBe(offset);
    offset += e.bytes;
  }
  expect(offset).toBe(total);
}

describe('hot connections are aggregated, slow ones are not', () => {
  it('merges a fast peer\'s calls with correct totals and offsets; a slow peer gets one event per call', async () => {
    const other = await PageClient.connect(bridge, defer);
    await other.hello();
    const started = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    const accepts = () => page.events.flatMap((e) => (e.event.call === 'accept' ? [e.event.newSocketId] : []));

    const fast = await peer(started.listening.port);
    const fastId = await until(() => accepts()[0], 'fast accept');
    const fastTotal = await pingPong(fast, 500, 0);
    const slow = await peer(started.listening.port);
    const slowId = await until(() => accepts()[1], 'slow accept');
    const slowTotal = await pingPong(slow, 10, 25);
    fast.end();
    slow.end();
    for (const id of [fastId, slowId]) await page.waitForEvent((e) => e.event.socketId === id && e.event.call === 'close', `close of ${id}`);

    for (const call of ['recv', 'send'] as const) {
      const hot = dataEvents(page.events, fastId, call);
      expectContiguous(hot, fastTotal);
      expect(hot.reduce((n, e) => n + (e.calls ?? 1), 0)).toBe(500);
      expect(hot.some((e) => (e.calls ?? 1) > 1)).toBe(true);
      expect(hot.length).toBeLessThan(500);

      const cold = dataEvents(page.events, slowId, call);
      expectContiguous(cold, slowTotal);
      expect(cold).toHaveLength(10);
      expect(cold.every((e) => e.calls === undefined)).toBe(true);
    }
    // The second page saw exactly the same events (the JSON made once is the same JSON).
    await until(() => (other.events.length >= page.events.length ? true : undefined), 'the other page');
    expect(other.events).toEqual(page.events);
  });
});
