/** Times in the event list: milliseconds since the session's first event, to the microsecond. */

/** "0.000 ms", "+12.345 ms", "+348.035263 s". Relative times show causality better than wall-clock stamps. */
export function formatRelativeMs(ts: number, originTs: number | null): string {
  if (originTs === null) return '—';
  const delta = ts - originTs;
  const fixed = Math.abs(delta).toFixed(3);
  if (fixed === '0.000') return '0.000 ms';
  const sign = delta < 0 ? '−' : '+';
  // Past a second, seconds read better; six decimals keep the microseconds.
  if (Math.abs(delta) >= 1000) return `${sign}${(Math.abs(delta) / 1000).toFixed(6)} s`;
  return `${sign}${fixed} ms`;
}

/** A duration such as connect()'s handshake: "0.412 ms", "1.250 s" above a second. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(3)} s` : `${ms.toFixed(3)} ms`;
}

/** Local wall-clock time with milliseconds, for the details panel: "14:03:12.345". */
export function formatClock(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Seconds left until `at`, rounded up, for "Reconnecting in 3 s". */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}
