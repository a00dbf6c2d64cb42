import { base64ToBytes } from '../format/bytes.ts';
import { lowerBound } from './pairing.ts';
import type { ByteBlock } from './stream-types.ts';

/**
 * Finding bytes in the blocks' previews (the first 256 bytes of each call): as text (UTF-8) or
 * as hex ("48 65 6c", "0x48656c", "\x48\x65"). Input that reads both ways ("cafe") is looked
 * for both ways. The search runs over new blocks only, as they arrive.
 */
export interface SearchPattern {
  kind: 'text' | 'hex';
  bytes: Uint8Array;
}

export interface SearchQuery {
  input: string;
  patterns: SearchPattern[];
}

const encoder = new TextEncoder();

/** Hex bytes, if the whole input is pairs of hex digits (spaces, commas, colons, 0x or \x between them). */
export function parseHex(input: string): Uint8Array | null {
  const digits = input
    .trim()
    .replace(/0x|\\x/gi, ' ')
    .replace(/[\s,:]+/g, ' ')
    .trim();
  if (digits === '') return null;
  const groups = digits.split(' ');
  const hex: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-f]+$/i.test(g) || g.length % 2 !== 0) return null;
    for (let i = 0; i < g.length; i += 2) hex.push(Number.parseInt(g.slice(i, i + 2), 16));
  }
  return Uint8Array.from(hex);
}

export function parseSearch(input: string): SearchQuery | null {
  if (input.trim() === '') return null;
  const patterns: SearchPattern[] = [{ kind: 'text', bytes: encoder.encode(input) }];
  const hex = parseHex(input);
  if (hex && hex.length > 0) patterns.push({ kind: 'hex', bytes: hex });
  return { input, patterns };
}

/** Whether `needle` occurs in `haystack`. */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length === 0) return true;
  const first = needle[0]!;
  const last = haystack.length - needle.length;
  outer: for (let i = haystack.indexOf(first); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function blockMatchesQuery(block: ByteBlock, query: SearchQuery): boolean {
  if (block.preview === '') return false;
  const bytes = base64ToBytes(block.preview);
  return query.patterns.some((p) => containsBytes(bytes, p.bytes));
}

/** The seqs of the blocks whose previews hold the query; `scan()` looks at new blocks only. */
export class BlockSearch {
  readonly matches = new Set<number>();
  private scannedTo = 0;

  constructor(readonly query: SearchQuery) {}

  /** Look at the blocks after the last one scanned; forget matches older than the first block. */
  scan(blocks: readonly ByteBlock[]): ReadonlySet<number> {
    const first = blocks[0]?.seq ?? Infinity;
    for (const seq of this.matches) if (seq < first) this.matches.delete(seq);
    for (let i = lowerBound(blocks, this.scannedTo + 1, (b) => b.seq); i < blocks.length; i++) {
      const block = blocks[i]!;
      if (blockMatchesQuery(block, this.query)) this.matches.add(block.seq);
      this.scannedTo = block.seq;
    }
    return this.matches;
  }

  /** Start over (the blocks came from another session). */
  reset(): void {
    this.matches.clear();
    this.scannedTo = 0;
  }
}
