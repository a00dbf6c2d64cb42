import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../src/bridge/backoff.ts';

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt, from 250 ms', () => {
    const max = (attempt: number) => backoffDelay(attempt, () => 1);
    expect([1, 2, 3, 4, 5].map(max)).toEqual([250, 500, 1000, 2000, 4000]);
  });

  it('never waits longer than 5 s, however many attempts', () => {
    expect(backoffDelay(6, () => 1)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(backoffDelay(1000, () => 1)).toBe(5000);
    expect(Number.isFinite(backoffDelay(Number.MAX_SAFE_INTEGER, () => 1))).toBe(true);
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

  it('treats attempt 0 or less like the first attempt, and clamps a broken random source', () => {
    expect(backoffDelay(0, () => 1)).toBe(250);
    expect(backoffDelay(-3, () => 1)).toBe(250);
    expect(backoffDelay(1, () => 7)).toBe(250);
    expect(backoffDelay(1, () => -1)).toBe(125);
  });
});
