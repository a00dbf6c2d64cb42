import type { ByteBlock, DirIndex, StreamConnection, StreamModel } from './stream-types.ts';

/**
 * What the timeline and the list show: connections of one lab host or all, one connection or
 * all (or a set of them: a demonstration's), one direction or both. Counting is per connection and direction (no walk over blocks);
 * the list of all blocks is filtered only when a filter needs it.
 */
export interface StreamFilter {
  /** A lab host ("local", "pc1"), or null for all. */
  host: string | null;
  /** A connection id ("c1"), or null for all. */
  conn: string | null;
  /** One direction, or null for both. */
  dir: DirIndex | null;
  /** Only these connections (a demonstration's), or null/absent for all. */
  conns?: ReadonlySet<string> | null;
}

export const NO_FILTER: StreamFilter = { host: null, conn: null, dir: null };

/** Whether a connection is among the filter's set (every connection is, without one). */
const inSet = (filter: StreamFilter, conn: StreamConnection): boolean => !filter.conns || filter.conns.has(conn.id);

export function filterConnections(model: StreamModel, filter: StreamFilter): readonly StreamConnection[] {
  if (filter.host === null && filter.conn === null && !filter.conns) return model.connections;
  return model.connections.filter((c) => (filter.conn === null || c.id === filter.conn) && (filter.host === null || c.hosts.includes(filter.host)) && inSet(filter, c));
}

export function filterDirs(filter: StreamFilter): DirIndex[] {
  return filter.dir === null ? [0, 1] : [filter.dir];
}

/** Blocks shown under the filter: the sum of each shown lane's blocks. */
export function countBlocks(connections: readonly StreamConnection[], dirs: readonly DirIndex[]): number {
  let n = 0;
  for (const c of connections) for (const d of dirs) n += c.dirs[d].blocks.length;
  return n;
}

/**
 * The blocks the list shows, in event order: the model's own arrays when they fit the filter
 * as they are (no copy), otherwise a filtered copy.
 */
export function listBlocks(model: StreamModel, filter: StreamFilter): readonly ByteBlock[] {
  if (filter.conn !== null) {
    const conn = model.connections.find((c) => c.id === filter.conn);
    if (!conn || (filter.host !== null && !conn.hosts.includes(filter.host)) || !inSet(filter, conn)) return [];
    return filter.dir === null ? conn.blocks : conn.dirs[filter.dir].blocks;
  }
  if (filter.host === null && filter.dir === null && !filter.conns) return model.blocks;
  return model.blocks.filter((b) => (filter.dir === null || b.dir === filter.dir) && (filter.host === null || b.conn.hosts.includes(filter.host)) && inSet(filter, b.conn));
}

/** Index of the block with this seq in a list in event order, or -1. */
export function indexOfSeq(blocks: readonly ByteBlock[], seq: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = blocks[mid]!.seq;
    if (s === seq) return mid;
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The block with this seq, if the model still holds it. */
export function blockBySeq(model: StreamModel, seq: number | null): ByteBlock | null {
  if (seq === null) return null;
  return model.blocks[indexOfSeq(model.blocks, seq)] ?? null;
}
