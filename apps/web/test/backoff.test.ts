import { describe, expect, it } from 'vitest';
import { backoffDelay, backoffRange, DEFAULT_BACKOFF } from '../src/bridge/backoff.ts';
import { BridgeConnection } from '../src/bridge/bridge-connection.ts';
import type { SocketHandlers } from '../src/bridge/socket.ts';
import { FakeTimers, welcome } from './fake-bridge.ts';

/** A seeded random source (mulberry32): the same seed gives the same draws, so spreads are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt, from 250 ms', () => {
    const max = (attempt: number) => backoffDelay(attempt, () => 1);
    expect([1, 2, 3, 4, 5].map(max)).toEqual([250, 500, 1000, 2000, 4000]);
    // The shortest wait grows too: equal jitter keeps half the ceiling fixed.
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, () => 0))).toEqual([125, 250, 500, 1000, 2000, 2500]);
  });

  it('grows (never shrinks) with the attempt, for any draw', () => {
    for (const r of [0, 0.1, 0.37, 0.5, 0.9, 1]) {
      const waits = Array.from({ length: 40 }, (_, i) => backoffDelay(i + 1, () => r));
      for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);
    }
  });

  it('never waits longer than 5 s nor shorter than 125 ms, however many attempts', () => {
    expect(backoffDelay(6, () => 1)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(backoffDelay(1000, () => 1)).toBe(5000);
    expect(Number.isFinite(backoffDelay(Number.MAX_SAFE_INTEGER, () => 1))).toBe(true);
    const random = seeded(1);
    for (let attempt = -2; attempt < 200; attempt++) {
      const d = backoffDelay(attempt, random);
      expect(d).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.minMs!);
      expect(d).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
    }
  });

  it('keeps custom bounds, min included', () => {
    const options = { baseMs: 100, maxMs: 1000, minMs: 80 };
    expect(backoffRange(1, options)).toEqual({ min: 80, max: 100 });
    expect(backoffRange(10, options)).toEqual({ min: 500, max: 1000 });
    expect(backoffDelay(1, () => 0, options)).toBe(80);
    expect(backoffDelay(50, () => 1, options)).toBe(1000);
  });

  it('jitters within the upper half of the ceiling', () => {
    expect(backoffDelay(3, () => 0)).toBe(500);
    expect(backoffDelay(3, () => 0.5)).toBe(750);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(4);
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(2000);
    }
  });

  it('spreads many tabs over the whole jitter range (no lockstep after a bridge restart)', () => {
    // 1,000 tabs, each with its own random source, all at their 6th attempt (range 2.5–5 s).
    const waits = Array.from({ length: 1000 }, (_, tab) => backoffDelay(6, seeded(tab + 1)));
    const { min, max } = backoffRange(6);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(min);
    expect(Math.max(...waits)).toBeLessThanOrEqual(max);
    // Five equal slices of the range each get a fair share (uniform: 200 each).
    const slices = [0, 0, 0, 0, 0];
    for (const w of waits) slices[Math.min(4, Math.floor(((w - min) / (max - min)) * 5))]!++;
    for (const n of slices) expect(n).toBeGreaterThan(120);
    // And no single instant gets more than a handful of them.
    const perMs = new Map<number, number>();
    for (const w of waits) perMs.set(w, (perMs.get(w) ?? 0) + 1);
    expect(Math.max(...perMs.values())).toBeLessThanOrEqual(5);
    expect(perMs.size).toBeGreaterThan(700);
  });

  it('treats attempt 0 or less like the first attempt, and clamps a broken random source', () => {
    expect(backoffDelay(0, () => 1)).toBe(250);
    expect(backoffDelay(-3, () => 1)).toBe(250);
    expect(backoffDelay(1, () => 7)).toBe(250);
    expect(backoffDelay(1, () => -1)).toBe(125);
    expect(backoffDelay(1, () => Number.NaN)).toBe(250);
    expect(backoffDelay(Number.NaN, () => 1)).toBe(250);
  });
});

/** The page's connection with a scripted socket and clock: how the waits behave across attempts. */
describe('reconnect waits in the page’s connection', () => {
  function setup(random: () => number) {
    const sockets: SocketHandlers[] = [];
    const timers = new FakeTimers();
    const conn = new BridgeConnection({
      url: 'ws://test/ws?token=t',
      createSocket: (_url, handlers) => {
        sockets.push(handlers);
        return { send: () => {}, close: () => {} };
      },
      timers,
      now: () => timers.now,
      random,
    });
    conn.start();
    /** The socket fails to open; returns the wait the connection chose. */
    const fail = () => {
      sockets[sockets.length - 1]!.close(1006, '');
      const status = conn.status.get();
      expect(status.phase).toBe('waiting');
      const wait = (status.retryAt ?? 0) - timers.now;
      timers.advance(wait);
      return { attempt: status.attempt, wait };
    };
    const succeed = () => {
      const s = sockets[sockets.length - 1]!;
      s.open();
      s.message(JSON.stringify(welcome()));
      expect(conn.status.get()).toMatchObject({ phase: 'connected', attempt: 0 });
    };
    return { conn, fail, succeed };
  }

  it('waits grow within their bounds while the bridge is away, and start over after a successful connection', () => {
    const { conn, fail, succeed } = setup(seeded(42));
    const first = Array.from({ length: 8 }, fail);
    expect(first.map((f) => f.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const { attempt, wait } of first) {
      const { min, max } = backoffRange(attempt);
      expect(wait).toBeGreaterThanOrEqual(min);
      expect(wait).toBeLessThanOrEqual(max);
    }
    expect(first[7]!.wait).toBeGreaterThan(first[0]!.wait * 8);

    succeed();
    // Connected, then lost again: the first wait is a first attempt's again (≤ 250 ms), not 5 s.
    const again = fail();
    expect(again.attempt).toBe(1);
    expect(again.wait).toBeLessThanOrEqual(backoffRange(1).max);
    conn.stop();
  });

  it('tabs with different random sources do not retry in lockstep', () => {
    const waits = [1, 2, 3, 4, 5].map((seed) => {
      const { conn, fail } = setup(seeded(seed));
      const w = [fail(), fail(), fail()].map((f) => f.wait);
      conn.stop();
      return w.join(',');
    });
    expect(new Set(waits).size).toBe(5);
  });
});
