import { describe, expect, it } from 'vitest';
import { boxAt, type Rect } from '../src/flow/label-place.ts';
import type { FlowConnection } from '../src/flow/flow-types.ts';
import { handshakeLabel, labelObstacles } from '../src/ui/flow/flow-labels.ts';
import type { Geometry } from '../src/ui/flow/FlowShapes.tsx';

const WORDINGS = ['three-way handshake, done by the kernels', 'handshake (kernels)', 'handshake'];
const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Two lanes `gap` px apart, rows 30 px apart; pills of the given half widths by seq. */
function geometry(gap: number, halves: Record<number, number> = {}): Geometry {
  const laneX: Record<string, number> = { server: 100, client: 100 + gap };
  return {
    layout: { nowY: 1000 } as Geometry['layout'],
    laneWidth: 160,
    rowHeight: 30,
    x: (lane) => laneX[lane] ?? 0,
    y: (row) => 20 + row * 30,
    half: (seq) => (seq === null ? 0 : (halves[seq] ?? 0)),
  };
}

const accepted: FlowConnection = {
  id: 'c1', clientLane: 'client', serverLane: 'server', clientEnd: '127.0.0.1:50000', serverEnd: '127.0.0.1:65432',
  connectSeq: null, connectRow: null, acceptSeq: 7, acceptRow: 3, row: 3, queued: false, clientSocket: 's2', serverSocket: 's3',
};

describe('handshake labels', () => {
  it('the full wording where the lanes are far apart and nothing is in the way', () => {
    const label = handshakeLabel(accepted, geometry(400), [], WORDINGS);
    expect(label.text).toBe(WORDINGS[0]);
    expect(label.covered).toBe(0);
  });

  it('a shorter wording, clear of the accept() pill and the client\'s blocked bar, between close lanes', () => {
    const g = geometry(165, { 7: 74 });
    const items = [{ seq: 7, lane: 'server', row: 3, call: 'accept', label: 'accept() → s2', tone: 'ok' }] as unknown as Parameters<typeof labelObstacles>[0];
    const blocks = [{ seq: 6, lane: 'client', row: 2, endRow: 4, instant: false }] as unknown as Parameters<typeof labelObstacles>[1];
    const taken = labelObstacles(items, blocks, g);
    const label = handshakeLabel(accepted, g, taken, WORDINGS);
    expect(label.text).toBe('handshake');
    expect(label.covered).toBe(0);
    for (const o of taken) expect(overlaps(label.box, o)).toBe(false);
  });

  it('moves along the handshake, off a label placed before it on its middle', () => {
    const g = geometry(400);
    const before = boxAt(300, 20 + 3 * 30 - 11.5, 60, 16);
    const label = handshakeLabel(accepted, g, [before], WORDINGS);
    expect(label.covered).toBe(0);
    expect(overlaps(label.box, before)).toBe(false);
  });

  it('where nothing fits, the shortest wording, covering as little as it can', () => {
    const g = geometry(60);
    const wall = boxAt(130, 20 + 3 * 30 - 11.5, 400, 40);
    const label = handshakeLabel(accepted, g, [wall], WORDINGS);
    expect(label.text).toBe('handshake');
    expect(label.covered).toBeGreaterThan(0);
  });
});
