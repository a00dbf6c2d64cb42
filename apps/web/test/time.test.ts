import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatRelativeMs, secondsUntil } from '../src/format/time.ts';

describe('times', () => {
  it('gives times relative to the first event, in ms with 3 decimals', () => {
    const origin = 1_700_000_000_000.25;
    expect(formatRelativeMs(origin, origin)).toBe('0.000 ms');
    expect(formatRelativeMs(origin + 12.3456, origin)).toBe('+12.346 ms');
    expect(formatRelativeMs(origin + 65_432.1, origin)).toBe('+65.432100 s');
    expect(formatRelativeMs(origin + 999.5, origin)).toBe('+999.500 ms');
    expect(formatRelativeMs(origin - 1, origin)).toBe('−1.000 ms');
  });

  it('shows a dash before there is an origin', () => {
    expect(formatRelativeMs(5, null)).toBe('—');
  });

  it('formats a rounding to zero as 0.000 ms, without a sign', () => {
    expect(formatRelativeMs(10.0001, 10)).toBe('0.000 ms');
  });

  it('formats durations', () => {
    expect(formatDuration(0.4123)).toBe('0.412 ms');
    expect(formatDuration(1250)).toBe('1.250 s');
  });

  it('formats a clock time with milliseconds', () => {
    expect(formatClock(new Date(2024, 0, 2, 3, 4, 5, 6).getTime())).toBe('03:04:05.006');
  });

  it('rounds a countdown up and never below zero', () => {
    expect(secondsUntil(10_001, 9_000)).toBe(2);
    expect(secondsUntil(10_000, 9_000)).toBe(1);
    expect(secondsUntil(9_000, 10_000)).toBe(0);
  });
});
