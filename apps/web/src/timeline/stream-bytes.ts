import { base64ToBytes, decodeUtf8 } from '../format/bytes.ts';
import type { Lang } from '../i18n/prefs.ts';
import { DIR_LABEL, formatB } from './stream-text.ts';
import { missingTextZh, savedNoteZh, savedPartNoteZh } from './stream-text-zh.ts';
import type { ByteBlock, DirIndex, StreamConnection } from './stream-types.ts';
import { groupDigits } from '../format/number.ts';

/**
 * The bytes of a whole direction of a connection, put back together from its calls: for the
 * "follow stream" view and the `.bin` export. Each call's bytes come from what was fetched
 * with `bytes.get` when there is, else from its preview; whatever is not there is said.
 */

/** Full bytes of a block when fetched (null: not fetched, or no longer held by the bridge). */
export type BytesOf = (block: ByteBlock) => Uint8Array | null;

/** The calls that carry a direction's bytes: the sender's sends, or the receiver's recvs if the sender is outside. */
export function sourceBlocks(conn: StreamConnection, dir: DirIndex): readonly ByteBlock[] {
  const d = conn.dirs[dir];
  return conn[d.from] || d.recvs.length === 0 ? d.sends : d.recvs;
}

/** The bytes of a block the page has: all of them if fetched or small, else the preview. */
export function heldBytes(block: ByteBlock, bytesOf: BytesOf): { bytes: Uint8Array; complete: boolean } {
  const full = bytesOf(block);
  if (full) return { bytes: full, complete: full.length >= block.bytes };
  const preview = base64ToBytes(block.preview);
  return { bytes: preview, complete: preview.length >= block.bytes };
}

export interface MissingRange {
  from: number;
  to: number;
  why: 'gone' | 'not-held';
}

export interface AssembledStream {
  data: Uint8Array;
  /** Bytes of the direction the session knows of (its stream position). */
  total: number;
  missing: MissingRange[];
}

/** One direction's bytes in stream order, with the ranges that could not be filled. */
export function assembleStream(conn: StreamConnection, dir: DirIndex, bytesOf: BytesOf): AssembledStream {
  const blocks = sourceBlocks(conn, dir);
  const d = conn.dirs[dir];
  const total = Math.max(0, d.sentTo, d.readTo, ...(blocks.length > 0 ? [blocks.at(-1)!.offset + blocks.at(-1)!.bytes] : []));
  const parts: Uint8Array[] = [];
  const missing: MissingRange[] = [];
  let pos = 0;
  let size = 0;
  for (const block of blocks) {
    const end = block.offset + block.bytes;
    if (end <= pos) continue;
    if (block.offset > pos) missing.push({ from: pos, to: block.offset, why: 'gone' });
    const { bytes } = heldBytes(block, bytesOf);
    const skip = Math.max(0, pos - block.offset);
    const piece = bytes.subarray(Math.min(skip, bytes.length), Math.min(bytes.length, block.bytes));
    parts.push(piece);
    size += piece.length;
    const have = block.offset + skip + piece.length;
    if (have < end) missing.push({ from: have, to: end, why: 'not-held' });
    pos = end;
  }
  if (total > pos) missing.push({ from: pos, to: total, why: 'gone' });
  const data = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return { data, total, missing };
}

/** "c1-client-to-server.bin" */
export function streamFileName(conn: StreamConnection, dir: DirIndex): string {
  return `${conn.id}-${dir === 0 ? 'client-to-server' : 'server-to-client'}.bin`;
}

/** What a missing range is, for the learner: "bytes 0–1,023 (older events no longer in the page)". */
export function missingText(m: MissingRange, lang: Lang = 'en'): string {
  if (lang === 'zh') return missingTextZh(m);
  const range = `bytes ${groupDigits(m.from)}–${groupDigits(m.to - 1)}`;
  return `${range} (${m.why === 'gone' ? 'their calls are no longer in the page' : 'no longer held by the bridge, only the first bytes were kept'})`;
}

/** What a .bin export saved: the whole direction, or what there is and the gaps (at most three said). */
export function exportNote(conn: StreamConnection, dir: DirIndex, stream: AssembledStream, live: boolean, lang: Lang = 'en'): string {
  const name = `${streamFileName(conn, dir)}: ${formatB(stream.data.length)}`;
  const shown = stream.missing.slice(0, 3).map((m) => missingText(m, lang)).join(lang === 'zh' ? '；' : '; ');
  const moreGaps = Math.max(0, stream.missing.length - 3);
  if (lang === 'zh') return stream.missing.length === 0 ? savedNoteZh(name, dir) : savedPartNoteZh(name, formatB(stream.total), shown, moreGaps, live);
  if (stream.missing.length === 0) return `Saved ${name}, the whole ${DIR_LABEL[dir]} stream.`;
  const more = moreGaps > 0 ? `; and ${moreGaps} more gaps` : '';
  return `Saved ${name} of ${formatB(stream.total)}, what there is. Missing: ${shown}${more}.${live ? '' : ' A saved session keeps only the first bytes of each call.'}`;
}

export interface StreamChunk {
  block: ByteBlock;
  bytes: Uint8Array;
  /** Bytes of the call not shown (only its preview is held). */
  hidden: number;
}

/**
 * Both directions as one conversation, call by call in event order (as Wireshark's "Follow TCP
 * stream"), at most `limit` calls, starting a little before `aroundSeq` when one is given.
 */
export function followChunks(conn: StreamConnection, bytesOf: BytesOf, limit: number, aroundSeq: number | null): { chunks: StreamChunk[]; before: number; after: number } {
  const a = sourceBlocks(conn, 0);
  const b = sourceBlocks(conn, 1);
  const all: ByteBlock[] = [];
  for (let i = 0, j = 0; i < a.length || j < b.length; ) {
    if (j >= b.length || (i < a.length && a[i]!.seq < b[j]!.seq)) all.push(a[i++]!);
    else all.push(b[j++]!);
  }
  let start = 0;
  if (aroundSeq !== null) {
    const at = all.findIndex((x) => x.seq >= aroundSeq);
    start = Math.max(0, Math.min((at < 0 ? all.length : at) - Math.floor(limit / 4), all.length - limit));
  }
  const shown = all.slice(start, start + limit);
  const chunks = shown.map((block) => {
    const { bytes } = heldBytes(block, bytesOf);
    const used = bytes.subarray(0, Math.min(bytes.length, block.bytes));
    return { block, bytes: used, hidden: Math.max(0, block.bytes - used.length) };
  });
  return { chunks, before: start, after: Math.max(0, all.length - start - shown.length) };
}

/** Bytes as text for the conversation view: newlines and tabs kept, other control bytes as `·`. */
export function streamText(bytes: Uint8Array): string {
  let out = '';
  for (const ch of decodeUtf8(bytes)) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || ch === '\t') out += ch;
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) out += '·';
    else out += ch;
  }
  return out;
}
