import { lowerBound } from './pairing.ts';
import type { ByteBlock } from './stream-types.ts';

/**
 * Which calls on the other side moved the same bytes as this one. TCP keeps the bytes in order
 * but not the boundaries of the calls, so a send is matched to recvs (and a recv to sends) by
 * their ranges [offset, offset + bytes) in the same direction of the stream: "this send's
 * bytes arrived in these two recvs". Binary search, then a walk over the overlaps only.
 */
export interface BlockMatch {
  block: ByteBlock;
  /** The shared stream range [from, to). */
  from: number;
  to: number;
}

const endOf = (b: ByteBlock) => b.offset + b.bytes;

/** The blocks on the other side whose ranges overlap this block's, in stream order. */
export function matchesOf(block: ByteBlock): BlockMatch[] {
  if (block.bytes === 0) return [];
  const dir = block.conn.dirs[block.dir];
  const others = block.call === 'send' ? dir.recvs : dir.sends;
  const start = block.offset;
  const stop = endOf(block);
  const matches: BlockMatch[] = [];
  // Ends grow along the stream: skip every block that ends at or before our start.
  for (let i = lowerBound(others, start + 1, endOf); i < others.length; i++) {
    const other = others[i]!;
    if (other.offset >= stop) break;
    const from = Math.max(start, other.offset);
    const to = Math.min(stop, endOf(other));
    if (to > from) matches.push({ block: other, from, to });
  }
  return matches;
}

export interface MatchSummary {
  /** The matches up to the replay position when one is given (all of them otherwise). */
  matches: BlockMatch[];
  /** Bytes the matches account for. */
  matched: number;
  /** Matches made by calls after the replay position (none without one), and their bytes. */
  later: BlockMatch[];
  laterBytes: number;
  /** For a send: bytes the receiver has not read yet (in flight). */
  unread: number;
  /** Bytes whose calls on the other side the page does not have: dropped from memory, or never seen. */
  unseen: number;
  /** The other side is a program outside the playground (or its events are gone). */
  outside: boolean;
}

const bytesOf = (matches: readonly BlockMatch[]) => matches.reduce((n, m) => n + (m.to - m.from), 0);

/**
 * Where this block's bytes went (or came from). With `atSeq` (the replay's position), the calls
 * on the other side after it are kept apart: at that moment those bytes were not read yet.
 */
export function matchSummary(block: ByteBlock, atSeq: number | null = null): MatchSummary {
  const all = matchesOf(block);
  const matches = atSeq === null ? all : all.filter((m) => m.block.seq <= atSeq);
  const later = atSeq === null ? [] : all.filter((m) => m.block.seq > atSeq);
  const matched = bytesOf(matches);
  const laterBytes = bytesOf(later);
  const dir = block.conn.dirs[block.dir];
  const otherSide = block.call === 'send' ? dir.to : dir.from;
  const outside = block.conn[otherSide] === null;
  let unread = 0;
  if (block.call === 'send' && !outside) {
    const readTo = Math.max(0, dir.readTo);
    unread = Math.max(0, endOf(block) - Math.max(block.offset, readTo));
  }
  return { matches, matched, later, laterBytes, unread, unseen: Math.max(0, block.bytes - matched - laterBytes - unread), outside };
}

/** The seqs of a block's matches (for highlighting). */
export function matchSeqs(block: ByteBlock | null): ReadonlySet<number> {
  return new Set(block ? matchesOf(block).map((m) => m.block.seq) : []);
}
