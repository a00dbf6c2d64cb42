/**
 * The load test in short (the full 1,000 connections × 30 s runs under `npm run bench`): 200 lab
 * connections with traffic against the lab's echo server for 5 s, one page watching over a real
 * WebSocket. Every event reaches the page in order, or the bridge reports it as dropped; every
 * byte is echoed; the bridge's memory and event-loop delay stay sane. Loopback only.
 */
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../../bench/load.bench.ts';

describe('load (short form)', () => {
  it('200 connections × 5 s with one watching page: no event silently lost, numbers reported', { timeout: 40_000 }, async () => {
    const r = await runLoad({ connections: 200, seconds: 5, sendEveryMs: 500 });
    console.log(
      `load: ${r.connected} connections, ${r.messages} messages, ${r.eventsProduced} events (${r.eventsPerSecond}/s), ` +
        `missing ${r.missing} (reported ${r.reportedGaps}, silent ${r.silentlyLost}), RSS ${r.rssStartMb}→${r.rssMaxMb} MB, ` +
        `event-loop delay p50 ${r.eventLoopDelayP50Ms} ms p99 ${r.eventLoopDelayP99Ms} ms max ${r.eventLoopDelayMaxMs} ms ` +
        `(while all close: p99 ${r.closeEventLoopDelayP99Ms} ms max ${r.closeEventLoopDelayMaxMs} ms), ${r.totalMs} ms in all`,
    );
    expect(r.connected).toBe(200);
    expect(r.echoComplete).toBe(true);
    // recv and send per message on the server side, at least.
    expect(r.eventsProduced).toBeGreaterThanOrEqual(r.messages);
    expect(r.eventsReceived).toBeGreaterThan(0);
    expect(r.outOfOrder).toBe(0);
    expect(r.silentlyLost).toBe(0);
    // Generous bounds: two cores shared with the rest of the suite.
    expect(r.rssMaxMb).toBeLessThan(600);
    expect(r.eventLoopDelayP99Ms).toBeLessThan(500);
    expect(r.totalMs).toBeLessThan(15_000);
  });
});
