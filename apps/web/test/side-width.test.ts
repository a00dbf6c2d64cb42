import { describe, expect, it } from 'vitest';
import { clampSide, rememberSide, sideAfterKey, storedSide, SIDE_DEFAULT, SIDE_MAX, SIDE_MIN, SIDE_STEP } from '../src/ui/side-width.ts';

function memory(): { getItem(k: string): string | null; setItem(k: string, v: string): void } {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

describe('the side column width', () => {
  it('stays between its bounds and leaves the views at least half the window', () => {
    expect(clampSide(100)).toBe(SIDE_MIN);
    expect(clampSide(5000)).toBe(SIDE_MAX);
    expect(clampSide(700, 1000)).toBe(500);
    expect(clampSide(Number.NaN)).toBe(SIDE_DEFAULT);
  });

  it('is remembered, and a stored nonsense falls back to the default', () => {
    const s = memory();
    expect(storedSide(s)).toBe(SIDE_DEFAULT);
    rememberSide(s, 520);
    expect(storedSide(s)).toBe(520);
    s.setItem('socket-playground.side-width', 'wide');
    expect(storedSide(s)).toBe(SIDE_DEFAULT);
    expect(storedSide(null)).toBe(SIDE_DEFAULT);
  });

  it('moves with the arrow keys, Home and End', () => {
    expect(sideAfterKey('ArrowRight', 400, 2000)).toBe(400 + SIDE_STEP);
    expect(sideAfterKey('ArrowLeft', 400, 2000)).toBe(400 - SIDE_STEP);
    expect(sideAfterKey('Home', 400, 2000)).toBe(SIDE_MIN);
    expect(sideAfterKey('End', 400, 2000)).toBe(SIDE_MAX);
    expect(sideAfterKey('a', 400, 2000)).toBeNull();
  });
});
