import type { DemoSummary } from '@socket-playground/protocol';
import { groupDigits } from '../format/number.ts';

/*
 * The numbers of the demonstrations' sentences, in every language: counts with thousands
 * separators, bytes in bytes, KiB or MiB, durations in ms or s, lists of recv sizes kept short —
 * always en-US, so the sentences (and the tests that read them) do not depend on the browser's locale.
 */

export function count(n: number): string {
  return groupDigits(Math.round(n));
}

/** "1 recv", "5 recvs". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`;
}

function decimals(n: number): string {
  const fixed = n >= 100 ? n.toFixed(0) : n.toFixed(1);
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}

/** Bytes for people: "904 bytes", "320 KiB", "12.3 MiB". */
export function bytesText(n: number): string {
  if (n < 1024) return plural(n, 'byte');
  if (n < 1024 * 1024) return `${decimals(n / 1024)} KiB`;
  return `${decimals(n / (1024 * 1024))} MiB`;
}

/** A duration: "0.4 ms", "26 ms", "1.5 s". */
export function msText(ms: number): string {
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${decimals(ms / 1000)} s`;
}

interface SizeRun {
  value: number;
  times: number;
}

/** Equal neighbours together: [4096, 4096, 1696] → 4096 × 2, 1696. */
export function runsOf(sizes: readonly number[]): SizeRun[] {
  const runs: SizeRun[] = [];
  for (const value of sizes) {
    const last = runs[runs.length - 1];
    if (last && last.value === value) last.times++;
    else runs.push({ value, times: 1 });
  }
  return runs;
}

/**
 * Sizes as a short list: every one while there are few ("1024, 1024, 904"), equal neighbours
 * grouped once there are many ("4096 × 24, 1696"), and the middle left out when even the groups
 * are many. Sizes are written like the numbers in code (no separators), as recv() returns them.
 */
export function sizesText(sizes: readonly number[], few = 8): string {
  if (sizes.length <= few) return sizes.join(', ');
  const runs = runsOf(sizes).map((r) => (r.times === 1 ? String(r.value) : `${r.value} × ${r.times}`));
  if (runs.length <= 10) return runs.join(', ');
  return `${runs.slice(0, 6).join(', ')}, … , ${runs.slice(-2).join(', ')}`;
}

/** Sizes the way Python prints a list: "[4, 4, 5]". */
export function pyList(sizes: readonly number[]): string {
  return `[${sizesText(sizes)}]`;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** "1.5×", "16×": how many times longer a took than b; null when b is too small to divide by. */
export function ratioText(a: number, b: number): string | null {
  if (b <= 0 || !Number.isFinite(a / b)) return null;
  const r = a / b;
  return `${r >= 10 ? Math.round(r) : r.toFixed(1).replace(/\.0$/, '')}×`;
}

export type Of<D extends DemoSummary['demo']> = Extract<DemoSummary, { demo: D }>;
export type Run = Of<'many-clients'>['runs'][number];

/** A headline with the effect the demonstration is there to show, then the numbers behind it. */
export interface DemoFacts {
  headline: string;
  lines: string[];
}

/** Linux's accept queue holds backlog + 1, the backlog first capped at somaxconn. */
export function expectedQueue(backlog: number, somaxconn: number | null): number | null {
  return somaxconn === null ? null : Math.min(backlog, somaxconn) + 1;
}

/** Bytes for people in `lang`: "904 bytes" / "904 字节"; KiB and MiB the same in both. */
export function bytesTextIn(n: number, lang: 'en' | 'zh'): string {
  return lang === 'zh' ? bytesText(n).replace(/ bytes?$/, ' 字节') : bytesText(n);
}
