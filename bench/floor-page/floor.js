/* global window, document, location, requestAnimationFrame */
// The floor for "event to screen" (bench/latency.bench.ts): the least a page can do with the
// bridge's events, on the same bridge, browser and frame clock as the playground. It parses each
// message, and once per animation frame writes the newest sequence number into one text node.
// It records paints exactly as the playground's bench hook does (apps/web/src/bench-hook.ts), so
// the two are measured the same way: what the playground adds is the difference.
const params = new URLSearchParams(location.search);
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const shown = document.getElementById('newest');
// The bench empties these between runs: always reach them through window.
window.__socketPlaygroundPaints = [];
window.__socketPlaygroundArrivals = [];
let newest = 0;
let held = 0;
let missed = 0;
let frameAsked = false;

const ws = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', protocol: Number(params.get('protocol')) }));
ws.onmessage = (message) => {
  const at = performance.timeOrigin + performance.now();
  const parsed = JSON.parse(message.data);
  if (parsed.type === 'gap') missed += parsed.dropped;
  if (parsed.type !== 'events' || parsed.events.length === 0) return;
  held += parsed.events.length;
  newest = parsed.events[parsed.events.length - 1].seq;
  window.__socketPlaygroundArrivals.push([newest, at]);
  if (frameAsked) return;
  frameAsked = true;
  requestAnimationFrame(() => {
    frameAsked = false;
    shown.textContent = String(newest);
    // Bounded like the playground's records (the bench reads them after each run).
    const paints = window.__socketPlaygroundPaints;
    const arrivals = window.__socketPlaygroundArrivals;
    if (paints.length >= 5000) paints.splice(0, 1000);
    if (arrivals.length >= 100000) arrivals.splice(0, 20000);
    paints.push({ seq: newest, t: performance.timeOrigin + performance.now(), held, discarded: 0, missed });
  });
};
