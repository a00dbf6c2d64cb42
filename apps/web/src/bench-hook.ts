/**
 * Instrumentation for the benchmarks (bench/latency.bench.ts): when the page is opened with
 * `?bench` in its URL, every commit of the event list records, in the next animation frame, the
 * newest sequence number it shows and the wall-clock time of that frame, in a bounded array on
 * `window.__socketPlaygroundPaints`. Without `?bench` it does nothing (one boolean test per commit).
 */

import type { PaintRecord } from './bench-records.ts';
import type { SocketFactory } from './bridge/socket.ts';

export type { PaintRecord };

/** At most this many records are kept (oldest dropped): about 80 s at 60 frames a second. */
export const MAX_PAINT_RECORDS = 5000;

declare global {
  interface Window {
    __socketPlaygroundPaints?: PaintRecord[];
    /** [newest seq in the message, wall clock when the page's socket delivered it], bounded like the paints. */
    __socketPlaygroundArrivals?: [number, number][];
  }
}

export const benchEnabled: boolean = typeof window !== 'undefined' && typeof window.location?.search === 'string' && new URLSearchParams(window.location.search).has('bench');

/**
 * True while the page renders inside an animation frame (main.tsx: events are published in one): a commit
 * then is painted in this very frame, not the next one.
 */
let inAnimationFrame = false;

/** Run `callback` as part of the current animation frame's work (React renders in a microtask after it). */
export function asFrameWork(callback: () => void): void {
  inAnimationFrame = true;
  try {
    callback();
  } finally {
    // After the microtasks the callback queued (React's render and commit).
    queueMicrotask(() => (inAnimationFrame = false));
  }
}

/**
 * Call after the list committed rows (from a layout effect); cheap when the bench flag is off.
 * Committed inside an animation frame: painted at the end of this frame (now is the closest
 * measurable time); otherwise in the next frame, whose start the next rAF callback sees.
 */
export function recordPaint(seq: number, held: number, discarded: number, missed: number): void {
  if (!benchEnabled) return;
  const record = () => {
    const records = (window.__socketPlaygroundPaints ??= []);
    records.push({ seq, t: performance.timeOrigin + performance.now(), held, discarded, missed });
    if (records.length > MAX_PAINT_RECORDS) records.splice(0, records.length - MAX_PAINT_RECORDS);
  };
  if (inAnimationFrame) record();
  else requestAnimationFrame(record);
}

/**
 * With `?bench`, the socket also notes when each events message arrived (to split the network's
 * share of event-to-screen from the page's); without it, the socket is returned as it is.
 */
export function benchSocket(factory: SocketFactory): SocketFactory {
  if (!benchEnabled) return factory;
  return (url, handlers) =>
    factory(url, {
      ...handlers,
      message: (data) => {
        if (typeof data === 'string' && data.startsWith('{"type":"events"')) {
          const at = data.lastIndexOf('"seq":');
          const seq = at >= 0 ? Number.parseInt(data.slice(at + 6, at + 26), 10) : NaN;
          if (Number.isFinite(seq)) {
            const arrivals = (window.__socketPlaygroundArrivals ??= []);
            arrivals.push([seq, performance.timeOrigin + performance.now()]);
            if (arrivals.length > MAX_ARRIVALS) arrivals.splice(0, arrivals.length - MAX_ARRIVALS);
          }
        }
        handlers.message(data);
      },
    });
}

/** About 20 s of messages at 20,000 events a second. */
const MAX_ARRIVALS = 100_000;
