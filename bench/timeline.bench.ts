/**
 * Benchmark: the page with 100,000 events. A session file of realistic events (many connections,
 * sends and recvs at real stream offsets) is loaded into the built page in Chromium, served by the
 * real bridge on 127.0.0.1; then the learner's moves — open the Bytes tab, zoom, scroll the
 * timeline, scroll the event list — run while every animation frame is timed. Reports frame time
 * percentiles and the page's JS heap. Traffic: loopback only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import type { LabEvent, SequencedLabEvent } from '@socket-playground/protocol';
import { startBridge } from '../apps/bridge/src/bridge.ts';
import { CHROMIUM_ARGS, executablePath } from '../e2e/browser.ts';

const EVENTS = 100_000;
const CONNECTIONS = 500;
const STATIC_DIR = fileURLToPath(new URL('../dist/web', import.meta.url));

/** A session of `n` events: connections that exchange chunks, both sides recorded. */
export function syntheticSession(n: number): SequencedLabEvent[] {
  const events: SequencedLabEvent[] = [];
  const t0 = Date.UTC(2026, 0, 1);
  let seq = 0;
  const push = (event: LabEvent) => events.push({ seq: ++seq, event });
  const server = { address: '127.0.0.1', port: 65432, family: 'IPv4' as const };
  const base = { labHost: 'local', ts: t0 };
  push({ ...base, socketId: 's0', owner: 'srv1', role: 'listener', call: 'socket', family: 'IPv4' });
  push({ ...base, socketId: 's0', owner: 'srv1', role: 'listener', call: 'bind', local: server, requested: { host: '127.0.0.1', port: 65432 } });
  push({ ...base, socketId: 's0', owner: 'srv1', role: 'listener', call: 'listen', local: server, backlog: 128 });
  const perConnection = Math.floor((n - 3) / CONNECTIONS);
  const preview = Buffer.from('hello from the benchmark, a line of text\n').toString('base64');
  for (let c = 0; c < CONNECTIONS && events.length < n; c++) {
    const client = { address: '127.0.0.1', port: 40000 + c, family: 'IPv4' as const };
    const cs = `c${c}`;
    const as = `a${c}`;
    const owner = `cli${c}`;
    let ts = t0 + c * 10;
    const at = () => (ts += 0.05);
    push({ labHost: 'local', ts: at(), socketId: cs, owner, role: 'client', call: 'socket', family: 'IPv4' });
    push({ labHost: 'local', ts: at(), socketId: cs, owner, role: 'client', call: 'connect', local: client, remote: server, target: { host: '127.0.0.1', port: 65432, address: '127.0.0.1' }, durationMs: 0.1 });
    push({ labHost: 'local', ts: at(), socketId: 's0', owner: 'srv1', role: 'listener', call: 'accept', newSocketId: as, local: server, remote: client });
    let sent = 0;
    let received = 0;
    for (let i = 0; i < perConnection - 4 && events.length < n - 1; i += 2) {
      const bytes = 41;
      push({ labHost: 'local', ts: at(), socketId: cs, owner, role: 'client', call: 'send', local: client, remote: server, bytes, offset: sent, preview, queued: 0 });
      push({ labHost: 'local', ts: at(), socketId: as, owner: 'srv1', role: 'accepted', call: 'recv', local: server, remote: client, bytes, offset: received, preview, eof: false });
      sent += bytes;
      received += bytes;
    }
    if (events.length < n) push({ labHost: 'local', ts: at(), socketId: cs, owner, role: 'client', call: 'close', local: client, remote: server, reason: 'local', bytesSent: sent, bytesReceived: 0 });
  }
  return events.slice(0, n);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** Time every animation frame while `act` runs; returns the frame durations in ms. */
async function framesDuring(page: Page, act: () => Promise<void>): Promise<number[]> {
  // A string: this file is compiled without the DOM's types; it runs in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await act();
  return page.evaluate<number[]>(`(() => {
    window.__stop = true;
    return window.__frames.slice(1);
  })()`);
}

export async function benchTimeline(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'sockpg-bench-'));
  const file = join(dir, 'session.json');
  const t0 = performance.now();
  const events = syntheticSession(EVENTS);
  writeFileSync(file, JSON.stringify({ format: 'socket-playground-session', version: 1, savedAt: new Date().toISOString(), events }));
  const generateMs = performance.now() - t0;

  const bridge = await startBridge({ port: 0, token: 'bench-token', staticDir: STATIC_DIR, log: () => {} });
  const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(bridge.url);
    await page.getByTestId('tab-flow').click();
    const tLoad = performance.now();
    await page.getByTestId('replay-load').setInputFiles(file);
    await page.getByTestId('replay-banner').waitFor();
    const loadMs = performance.now() - tLoad;

    const tBytes = performance.now();
    await page.getByTestId('tab-bytes').click();
    const timeline = page.getByTestId('bytes-timeline');
    await timeline.waitFor();
    const openBytesMs = performance.now() - tBytes;
    const box = await timeline.boundingBox();
    const timelineFrames = await framesDuring(page, async () => {
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
      for (let i = 0; i < 10; i++) {
        await page.getByTestId('bytes-zoom-in').click();
        await page.mouse.wheel(0, 400);
        await page.waitForTimeout(50);
      }
      for (let i = 0; i < 10; i++) {
        await page.getByTestId('bytes-zoom-out').click();
        await page.mouse.wheel(0, -300);
        await page.waitForTimeout(50);
      }
    });

    await page.getByTestId('tab-list').click();
    await page.getByTestId('event-list').waitFor();
    await page.waitForTimeout(500); // the tab's first render is not what scrolling costs
    const listFrames = await framesDuring(page, async () => {
      const list = page.getByTestId('event-list');
      const lb = await list.boundingBox().catch(() => null);
      if (lb) await page.mouse.move(lb.x + lb.width / 2, lb.y + lb.height / 2);
      for (let i = 0; i < 30; i++) {
        await page.mouse.wheel(0, 2000);
        await page.waitForTimeout(30);
      }
    });

    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    const heapMb = heap / 1024 / 1024;
    const p95 = pct(timelineFrames, 95);
    return {
      events: EVENTS,
      connections: CONNECTIONS,
      'generate + write session (ms)': Math.round(generateMs),
      'load the session into the page (ms)': Math.round(loadMs),
      'open the Bytes tab (ms)': Math.round(openBytesMs),
      'timeline frames measured': timelineFrames.length,
      'timeline frame p50 (ms)': Number(pct(timelineFrames, 50).toFixed(1)),
      'timeline frame p95 (ms)': Number(p95.toFixed(1)),
      'timeline frame max (ms)': Number(Math.max(0, ...timelineFrames).toFixed(1)),
      'event list frame p95 (ms)': Number(pct(listFrames, 95).toFixed(1)),
      'page JS heap (MB)': Math.round(heapMb),
      // rAF timestamps of a steady 60 Hz display read 16.6–16.8 ms: within 0.3 ms is every frame on time.
      'timeline p95 ≤ 16.7 ms at 100k events (issue 9 asks it at 1M)': p95 <= 17 ? 'met (every frame at 60 Hz)' : `missed by ${(p95 - 16.7).toFixed(1)} ms`,
      'timeline frames over 20 ms': timelineFrames.filter((f) => f > 20).length,
      'event list frames over 20 ms': listFrames.filter((f) => f > 20).length,
    };
  } finally {
    await browser.close();
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
