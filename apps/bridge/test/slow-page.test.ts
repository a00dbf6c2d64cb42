/**
 * Item 12, a slow page. The page stops reading (its socket paused) while a lab connection floods
 * events. The bridge queues at most LIMITS.pageBufferedBytes for it, drops the rest and counts
 * them; its memory stays bounded. When the page reads again it gets one `gap` with exactly the
 * seq range it missed, and the lab state as it is now; then live events continue.
 */
import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { LIMITS, type BridgeMessage } from '@socket-playground/protocol';
import { PageClient, resultOf, startTestBridge, trackResources, until } from './helpers.ts';

const defer = trackResources();

type Gap = Extract<BridgeMessage, { type: 'gap' }>;

// A real collection before each heap reading: heapUsed then counts what is held, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heldHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const socketOf = (page: PageClient) => (page.ws as unknown as { _socket: Socket })._socket;

describe('a page that stops reading', () => {
  it('gets events up to the buffer limit, then a gap with the exact range and a fresh state; memory stays bounded', { timeout: 60_000 }, async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const { listening } = resultOf(await page.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 }), 'server.started');
    await page.waitForEvent((e) => e.event.call === 'listen', 'listen');

    // The page stops reading: the kernel's buffers fill, then the bridge's queue for it.
    socketOf(page).pause();
    const seqBefore = bridge.session.log.lastSeq;
    const heapBefore = heldHeap();

    // The flood: peers write small chunks to the lab's echo server and read the echoes; every
    // chunk read becomes a recv and a send event. Bounded: stops once the bridge has dropped
    // plenty, after 200 MB, or after 15 s.
    const peers: Socket[] = [];
    defer(() => peers.forEach((p) => p.destroy()));
    for (let i = 0; i < 16; i++) {
      const peer = connect({ host: '127.0.0.1', port: listening.port });
      peer.setNoDelay(true);
      peer.on('data', () => undefined);
      peer.on('error', () => undefined);
      peers.push(peer);
      await new Promise<void>((resolve) => peer.once('connect', resolve));
    }
    const chunk = Buffer.alloc(64, 'x');
    let written = 0;
    let maxBuffered = 0;
    let maxHeap = 0;
    const stats = () => bridge.session.pageStats()[0]!;
    const t0 = performance.now();
    let lastHeap = t0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const s = stats();
        maxBuffered = Math.max(maxBuffered, s.bufferedAmount);
        if (performance.now() - lastHeap > 500) {
          maxHeap = Math.max(maxHeap, heldHeap());
          lastHeap = performance.now();
        }
        if (s.droppedEvents > 60_000 || written > 200 * 1024 * 1024 || performance.now() - t0 > 15_000) return resolve();
        for (const peer of peers) if (peer.writableLength < 64 * 1024 && peer.write(chunk)) written += chunk.length;
        setImmediate(tick);
      };
      tick();
    });
    maxHeap = Math.max(maxHeap, heldHeap());
    peers.forEach((p) => p.destroy());
    await until(() => (bridge.session.state.connections.length === 0 ? true : undefined), 'the flooding connection closed');
    await new Promise((r) => setTimeout(r, 100));
    const s = stats();
    maxBuffered = Math.max(maxBuffered, s.bufferedAmount);
    const produced = bridge.session.log.lastSeq - seqBefore;
    const held = bridge.session.log.since(seqBefore).events;
    const avgEventBytes = held.reduce((n, e) => n + JSON.stringify(e).length, 0) / held.length;
    const heapGrowth = maxHeap - heapBefore;
    console.log(
      `slow page: ${produced} events produced in ${(performance.now() - t0).toFixed(0)} ms (${(written / 1048576).toFixed(0)} MB written by the peer); ` +
        `${((produced * avgEventBytes) / 1048576).toFixed(0)} MB of events; dropped ${s.droppedEvents}; max bufferedAmount ${(maxBuffered / 1048576).toFixed(2)} MB; ` +
        `held heap growth (after gc) ${(heapGrowth / 1048576).toFixed(1)} MB`,
    );
    expect(s.behind).toBe(true);
    expect(s.droppedEvents).toBeGreaterThan(1000);
    // Bounded: the queue never went past the limit by more than one batch of events.
    expect(maxBuffered).toBeLessThan(LIMITS.pageBufferedBytes + 1024 * 1024);
    // Everything the flood produced would not have fitted: a queue without the limit would hold it all.
    expect(produced * avgEventBytes).toBeGreaterThan(2 * LIMITS.pageBufferedBytes);
    // What the bridge holds is bounded, not the flood: the replay ring (LIMITS.replayEvents), the
    // page's queue (outside the heap), and the lab's store of full bytes, bounded at 8 MB of data
    // but, with 64-byte chunks, ~130,000 entries: measured to level off near 35 MB however long
    // the flood runs (34 MB after 127 MB of events).
    expect(heapGrowth).toBeLessThan(48 * 1024 * 1024);
    // The page is told nothing while it does not read, and nothing is lost silently.
    const messagesWhilePaused = page.messages.length;

    // The page reads again: it gets the queued events, then exactly one gap.
    socketOf(page).resume();
    const gap = await page.waitFor((m) => (m.type === 'gap' ? m : undefined), 'a gap', { from: messagesWhilePaused, timeoutMs: 20_000 });
    const gaps = page.messages.filter((m): m is Gap => m.type === 'gap');
    expect(gaps).toHaveLength(1);
    expect(gap.dropped).toBe(s.droppedEvents);
    expect(gap.toSeq - gap.fromSeq + 1).toBe(gap.dropped);
    // Before the gap: every event up to fromSeq − 1, none missing; nothing from the dropped range.
    const gapIndex = page.messages.indexOf(gap);
    const before = page.messages.slice(0, gapIndex).flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.seq) : []));
    expect(before).toEqual(Array.from({ length: gap.fromSeq - 1 }, (_, i) => i + 1));
    // The state in the gap is now's: the flooding connection is gone, the server is there.
    expect(gap.state.connections).toEqual([]);
    expect(gap.state.servers.map((x) => x.listening.port)).toEqual([listening.port]);
    // Events made after the gap continue the numbering right after it.
    const after = page.messages.slice(gapIndex + 1).flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.seq) : []));
    expect(after[0] ?? gap.toSeq + 1).toBe(gap.toSeq + 1);
    resultOf(await page.request({ type: 'client.run', host: '127.0.0.1', port: listening.port, message: 'caught up' }), 'client.done');
    await until(() => (page.events.at(-1)?.seq === bridge.session.log.lastSeq ? true : undefined), 'live events up to the last one');
    const all = [...before, ...page.messages.slice(gapIndex + 1).flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.seq) : []))];
    expect(all.length + gap.dropped).toBe(bridge.session.log.lastSeq);
    expect(stats()).toMatchObject({ behind: false, gaps: 1 });
  });
});
