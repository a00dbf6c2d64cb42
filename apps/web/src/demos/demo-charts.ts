import type { DemoSummary, QueueSample } from '@socket-playground/protocol';
import { msText } from './demo-sentences.ts';

/**
 * The geometry of the demonstrations' small charts, in SVG user units, pure so it can be tested:
 * the sendall queues over time (stacked: where the written-but-unread bytes are), the many-clients
 * staircases (sorted echo times, one shared scale so the two servers compare at a glance), and
 * the strips that tile a stream with its sends or recvs.
 */
export interface Plot {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Tick {
  /** Position along its axis, in user units. */
  at: number;
  label: string;
}

/** A round step (1, 2 or 5 × 10^k) that cuts 0..max into about `parts` pieces. */
export function niceStep(max: number, parts: number): number {
  if (!(max > 0)) return 1;
  const raw = max / parts;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

function ticks(max: number, parts: number, place: (v: number) => number, label: (v: number) => string): Tick[] {
  const step = niceStep(max, parts);
  const out: Tick[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push({ at: place(v), label: label(v) });
  return out;
}

const MIB = 1024 * 1024;

/** Byte axis labels: whole MiB once the scale reaches them, else KiB. */
function byteTicks(max: number, place: (v: number) => number): Tick[] {
  const unit = max >= 2 * MIB ? MIB : 1024;
  const name = unit === MIB ? 'MiB' : 'KiB';
  return ticks(max / unit, 4, (v) => place(v * unit), (v) => `${Number(v.toFixed(2))} ${name}`);
}

function timeTicks(maxMs: number, place: (v: number) => number, parts = 5): Tick[] {
  return ticks(maxMs, parts, place, (v) => (maxMs >= 2000 ? `${Number((v / 1000).toFixed(2))} s` : `${Math.round(v)} ms`));
}

const pt = (x: number, y: number): string => `${x.toFixed(1)},${y.toFixed(1)}`;

export type QueueKey = 'recvQueue' | 'sendQueue' | 'appQueued';

export interface QueueArea {
  key: QueueKey;
  label: string;
  /** Polygon points: the band's top edge forward, its bottom edge back. */
  points: string;
}

export interface QueueChart {
  plot: Plot;
  /** Bottom to top: the reader's receive queue, the sender's send queue, Node's own queue. */
  areas: QueueArea[];
  /** Bytes the reader has read, on the same scale. */
  readLine: string;
  /** Where the reader woke up. */
  readerX: number;
  xTicks: Tick[];
  yTicks: Tick[];
  /** False where the OS cannot tell the kernel's queues: only Node's queue is drawn. */
  kernelKnown: boolean;
}

const QUEUE_LABELS: Record<QueueKey, string> = {
  recvQueue: 'reader’s kernel receive queue',
  sendQueue: 'sender’s kernel send queue',
  appQueued: 'Node’s own write queue',
};

export function queueLabel(key: QueueKey): string {
  return QUEUE_LABELS[key];
}

type SendallSummary = Extract<DemoSummary, { demo: 'sendall' }>;

/** The sendall chart: stacked queues over time, the bytes read, and the moment the reader woke. */
export function queueChart(s: SendallSummary, plot: Plot): QueueChart {
  const start: QueueSample = { t: 0, appQueued: 0, sendQueue: 0, recvQueue: 0, read: 0 };
  const samples = [start, ...[...s.samples].sort((a, b) => a.t - b.t)];
  const kernelKnown = s.samples.every((x) => x.sendQueue !== null && x.recvQueue !== null);
  const keys: QueueKey[] = kernelKnown ? ['recvQueue', 'sendQueue', 'appQueued'] : ['appQueued'];
  const stackAt = (x: QueueSample, upTo: number) => keys.slice(0, upTo).reduce((n, k) => n + (x[k] ?? 0), 0);
  const maxT = Math.max(s.durationMs, s.readerStartedMs, ...samples.map((x) => x.t), 1);
  const maxY = Math.max(s.totalBytes, ...samples.map((x) => stackAt(x, keys.length)), ...samples.map((x) => x.read), 1);
  const innerW = plot.width - plot.left - plot.right;
  const innerH = plot.height - plot.top - plot.bottom;
  const xOf = (t: number) => plot.left + (t / maxT) * innerW;
  const yOf = (v: number) => plot.top + innerH - (v / maxY) * innerH;
  const areas = keys.map((key, i) => {
    const top = samples.map((x) => pt(xOf(x.t), yOf(stackAt(x, i + 1))));
    const bottom = samples.map((x) => pt(xOf(x.t), yOf(stackAt(x, i)))).reverse();
    return { key, label: QUEUE_LABELS[key], points: [...top, ...bottom].join(' ') };
  });
  return {
    plot,
    areas,
    readLine: samples.map((x) => pt(xOf(x.t), yOf(x.read))).join(' '),
    readerX: xOf(s.readerStartedMs),
    xTicks: timeTicks(maxT, xOf),
    yTicks: byteTicks(maxY, yOf),
    kernelKnown,
  };
}

type ManyClientsRun = Extract<DemoSummary, { demo: 'many-clients' }>['runs'][number];

export interface StairChart {
  server: ManyClientsRun['server'];
  plot: Plot;
  /** The sorted echo times as steps, closed down to the axis (for a fill). */
  area: string;
  /** The same steps as a line. */
  line: string;
  yTicks: Tick[];
  /** The last echo, with its height, for a label. */
  last: { y: number; label: string };
  clients: number;
}

/** One staircase per server, all on the scale of the slowest, so they compare at a glance. */
export function stairCharts(runs: readonly ManyClientsRun[], plot: Plot): StairChart[] {
  const maxMs = Math.max(1, ...runs.flatMap((r) => r.doneMs));
  const innerW = plot.width - plot.left - plot.right;
  const innerH = plot.height - plot.top - plot.bottom;
  const yOf = (ms: number) => plot.top + innerH - (ms / maxMs) * innerH;
  const baseY = plot.top + innerH;
  return runs.map((run) => {
    const sorted = [...run.doneMs].sort((a, b) => a - b);
    const n = Math.max(1, sorted.length);
    const xOf = (i: number) => plot.left + (i / n) * innerW;
    const steps = sorted.flatMap((ms, i) => [pt(xOf(i), yOf(ms)), pt(xOf(i + 1), yOf(ms))]);
    const lastMs = sorted[sorted.length - 1] ?? 0;
    return {
      server: run.server,
      plot,
      area: [pt(xOf(0), baseY), ...steps, pt(xOf(sorted.length), baseY)].join(' '),
      line: steps.join(' '),
      yTicks: timeTicks(maxMs, yOf, 3),
      last: { y: yOf(lastMs), label: msText(lastMs) },
      clients: sorted.length,
    };
  });
}

export interface Segment {
  x: number;
  width: number;
  size: number;
}

/** A stream as a strip `width` wide, cut where each send or recv began and ended. */
export function stripSegments(sizes: readonly number[], width: number, total = sizes.reduce((a, b) => a + b, 0)): Segment[] {
  if (total <= 0) return [];
  let at = 0;
  return sizes.map((size) => {
    const seg = { x: (at / total) * width, width: (size / total) * width, size };
    at += size;
    return seg;
  });
}
