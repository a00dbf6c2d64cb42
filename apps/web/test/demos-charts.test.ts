import type { DemoSummary, QueueSample } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { niceStep, queueChart, stairCharts, stripSegments, type Plot } from '../src/demos/demo-charts.ts';

type Of<D extends DemoSummary['demo']> = Extract<DemoSummary, { demo: D }>;

const MIB = 1024 * 1024;
// 100 × 100 inside a 10-unit margin: positions are easy to read.
const PLOT: Plot = { width: 120, height: 120, left: 10, right: 10, top: 10, bottom: 10 };

const sample = (t: number, appQueued: number, sendQueue: number | null, recvQueue: number | null, read: number): QueueSample => ({ t, appQueued, sendQueue, recvQueue, read });

const SENDALL: Of<'sendall'> = {
  demo: 'sendall',
  demoId: 'demo1',
  port: 1,
  durationMs: 100,
  totalBytes: 4 * MIB,
  writes: 64,
  backpressured: 5,
  maxAppQueued: MIB,
  maxSendQueue: 2 * MIB,
  maxRecvQueue: MIB,
  readerStartedMs: 50,
  samples: [sample(50, MIB, 2 * MIB, MIB, 0), sample(25, MIB, 2 * MIB, MIB, 0), sample(100, 0, 0, 0, 4 * MIB)],
};

const pairs = (points: string) => points.split(' ').map((p) => p.split(',').map(Number));

describe('round steps for axes', () => {
  it('picks 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(420, 5)).toBe(100);
    expect(niceStep(16, 4)).toBe(5);
    expect(niceStep(1.5, 3)).toBe(0.5);
    expect(niceStep(0, 4)).toBe(1);
  });
});

describe('the sendall chart', () => {
  const chart = queueChart(SENDALL, PLOT);

  it('stacks the queues bottom up: receive, send, then Node’s own', () => {
    expect(chart.areas.map((a) => a.key)).toEqual(['recvQueue', 'sendQueue', 'appQueued']);
    expect(chart.kernelKnown).toBe(true);
  });

  it('starts from nothing at t = 0 and sorts the samples by time', () => {
    const top = pairs(chart.areas[2]?.points ?? '').slice(0, 4);
    // x: 0, 25, 50, 100 ms of 100 → 10, 35, 60, 110; y: 0 → 110, 4 MiB stacked (of 4 MiB) → 10.
    expect(top).toEqual([
      [10, 110],
      [35, 10],
      [60, 10],
      [110, 110],
    ]);
    // The receive queue's band: 1 MiB of 4 → a quarter of the height.
    expect(pairs(chart.areas[0]?.points ?? '')[1]).toEqual([35, 85]);
  });

  it('draws the bytes read on the same scale, and where the reader woke', () => {
    expect(pairs(chart.readLine).at(-1)).toEqual([110, 10]);
    expect(chart.readerX).toBe(60);
  });

  it('labels the axes in round MiB and ms', () => {
    expect(chart.yTicks.map((t) => t.label)).toEqual(['0 MiB', '1 MiB', '2 MiB', '3 MiB', '4 MiB']);
    expect(chart.xTicks.map((t) => t.label)).toEqual(['0 ms', '20 ms', '40 ms', '60 ms', '80 ms', '100 ms']);
    expect(chart.yTicks.at(-1)?.at).toBe(10);
  });

  it('draws only Node’s queue where the kernel cannot be read', () => {
    const blind = queueChart({ ...SENDALL, samples: SENDALL.samples.map((s) => ({ ...s, sendQueue: null, recvQueue: null })) }, PLOT);
    expect(blind.kernelKnown).toBe(false);
    expect(blind.areas.map((a) => a.key)).toEqual(['appQueued']);
  });
});

describe('the many-clients staircases', () => {
  const runs: Of<'many-clients'>['runs'] = [
    { server: 'blocking', clients: 4, completed: 4, failed: 0, totalMs: 100, maxConcurrent: 1, doneMs: [75, 25, 100, 50], port: 1 },
    { server: 'event-loop', clients: 4, completed: 4, failed: 0, totalMs: 10, maxConcurrent: 4, doneMs: [5, 5, 5, 5], port: 2 },
  ];
  const [blocking, loop] = stairCharts(runs, PLOT);

  it('sorts the echo times into steps, one client wide each', () => {
    expect(pairs(blocking?.line ?? '')).toEqual([
      [10, 85],
      [35, 85],
      [35, 60],
      [60, 60],
      [60, 35],
      [85, 35],
      [85, 10],
      [110, 10],
    ]);
    expect(blocking?.last).toEqual({ y: 10, label: '100 ms' });
  });

  it('puts both servers on the slowest one’s scale: the event loop stays flat and low', () => {
    expect(pairs(loop?.line ?? '').every(([, y]) => y === 105)).toBe(true);
    expect(loop?.yTicks).toEqual(blocking?.yTicks);
  });

  it('closes the area down to the axis', () => {
    const area = pairs(blocking?.area ?? '');
    expect(area[0]).toEqual([10, 110]);
    expect(area.at(-1)).toEqual([110, 110]);
  });
});

describe('strips', () => {
  it('tiles a stream by its pieces', () => {
    expect(stripSegments([4, 4, 5, 7], 100)).toEqual([
      { x: 0, width: 20, size: 4 },
      { x: 20, width: 20, size: 4 },
      { x: 40, width: 25, size: 5 },
      { x: 65, width: 35, size: 7 },
    ]);
    expect(stripSegments([], 100)).toEqual([]);
  });
});
