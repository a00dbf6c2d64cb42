/**
 * The timeline's window onto time: where it starts and how much it shows (ms), and the maths
 * of zooming around a point, panning, following the newest block and the tick marks. Pure.
 */
export interface TimeView {
  /** Time at the left edge (ms since the epoch, the blocks' `t`). */
  start: number;
  /** Milliseconds across the whole width. */
  span: number;
}

/** 20 µs across the whole width at the closest, a day at the farthest. */
export const MIN_SPAN_MS = 0.02;
export const MAX_SPAN_MS = 24 * 3600 * 1000;
/** Zoom buttons and one wheel notch change the span by this factor. */
export const ZOOM_STEP = 1.6;
/** While following, the newest block sits this far from the right edge (a fraction of the width). */
const FOLLOW_MARGIN = 0.06;

const clampSpan = (span: number) => Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span));

/** The whole session in view, with a little room on both sides. */
export function fitView(firstT: number | null, lastT: number | null): TimeView {
  if (firstT === null || lastT === null) return { start: 0, span: 1000 };
  const length = Math.max(lastT - firstT, 0);
  const span = clampSpan(length === 0 ? 10 : length * 1.12);
  return { start: firstT - (span - length) / 2, span };
}

/** Zoom by `factor` (<1 closer, >1 farther), keeping the time under `anchor` (0 left … 1 right) in place. */
export function zoomAt(view: TimeView, factor: number, anchor = 0.5): TimeView {
  const at = view.start + anchor * view.span;
  const span = clampSpan(view.span * factor);
  return { start: at - anchor * span, span };
}

export function panBy(view: TimeView, deltaMs: number): TimeView {
  return { start: view.start + deltaMs, span: view.span };
}

/** Keep the zoom, move so the newest time is just inside the right edge. */
export function followNewest(view: TimeView, lastT: number | null): TimeView {
  if (lastT === null) return view;
  return { start: lastT - view.span * (1 - FOLLOW_MARGIN), span: view.span };
}

/** Center a time (a selected block) without changing the zoom, unless it is already in view. */
export function reveal(view: TimeView, t: number): TimeView {
  const margin = view.span * 0.05;
  if (t >= view.start + margin && t <= view.start + view.span - margin) return view;
  return { start: t - view.span / 2, span: view.span };
}

export function xOfT(t: number, view: TimeView, width: number): number {
  return ((t - view.start) / view.span) * width;
}

export function tOfX(x: number, view: TimeView, width: number): number {
  return view.start + (x / Math.max(1, width)) * view.span;
}

/** A tick step of 1, 2 or 5 × 10^k ms, so ticks are at least `minPx` apart. */
export function tickStep(view: TimeView, width: number, minPx = 90): number {
  const raw = (view.span * minPx) / Math.max(1, width);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** Tick times (relative to `origin`, on whole steps) inside the view. */
export function ticks(view: TimeView, width: number, origin: number, minPx = 90): { step: number; at: number[] } {
  const step = tickStep(view, width, minPx);
  const at: number[] = [];
  const first = Math.ceil((view.start - origin) / step) * step + origin;
  for (let t = first; t <= view.start + view.span && at.length < 200; t += step) at.push(t);
  return { step, at };
}

/** "+0 ms", "+250 ms", "+4.5 s", "+12.35 ms", "+40 µs": seconds past a second, as many decimals as the step needs. */
export function tickLabel(t: number, origin: number, step: number): string {
  const delta = t - origin;
  const sign = delta < -1e-9 ? '−' : '+';
  const abs = Math.abs(delta);
  if (step >= 1000 || (step >= 100 && abs >= 1000)) return `${sign}${(abs / 1000).toFixed(decimals(step / 1000))} s`;
  if (step >= 1 || abs >= 1) return `${sign}${abs.toFixed(decimals(step))} ms`;
  return `${sign}${(abs * 1000).toFixed(decimals(step * 1000))} µs`;
}

function decimals(step: number): number {
  return Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
}
