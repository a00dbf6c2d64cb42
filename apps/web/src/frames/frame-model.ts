import { frameProblem, frameStream, readContent, type DecoderState, type FramePart, type FrameProblem, type FrameStep, type JsonHeader } from '@socket-playground/appframe';
import { heldBytes, type BytesOf } from '../timeline/stream-bytes.ts';
import type { ByteBlock, DirIndex, StreamConnection } from '../timeline/stream-types.ts';

/**
 * One direction of a connection read as the application protocol: the receiver's recvs replayed
 * through the decoder the lab's server and client run, so the frame view reaches their verdict.
 * When the receiver is outside the session (a Python server), the sender's writes stand in for
 * its recvs, and the view says so: the kernel may have cut them differently.
 */

export interface FrameReading {
  block: ByteBlock;
  before: DecoderState;
  after: DecoderState;
  steps: FrameStep[];
}

/** A part with what it says: the protoheader's number, the header's JSON, the content decoded. */
export interface LabelledPart extends FramePart {
  bytes: Uint8Array;
  value: PartValue;
}

export type PartValue =
  | { kind: 'length'; announced: number }
  | { kind: 'header'; text: string; fields: [string, string][] | null }
  | { kind: 'json'; text: string; result: string | null }
  | { kind: 'binary'; text: string }
  | { kind: 'partial'; have: number; need: number }
  | { kind: 'unparsed' };

export interface FrameView {
  conn: StreamConnection;
  dir: DirIndex;
  /** 'recv': the receiver's own recvs; 'send': the sender's writes stand in (receiver not in the session). */
  chunksFrom: 'recv' | 'send';
  readings: FrameReading[];
  parts: LabelledPart[];
  problem: FrameProblem | null;
  messages: number;
  /** The receiver saw recv() return 0. */
  ended: boolean;
  length: number;
  /** Blocks whose bytes the page must fetch before the view is whole (only previews are held). */
  incomplete: ByteBlock[];
}

const text = new TextDecoder();

export function frameView(conn: StreamConnection, dir: DirIndex, bytesOf: BytesOf): FrameView {
  const d = conn.dirs[dir];
  const chunksFrom = d.recvs.length > 0 ? 'recv' : 'send';
  const blocks = chunksFrom === 'recv' ? d.recvs : d.sends;
  const incomplete: ByteBlock[] = [];
  const chunks: Uint8Array[] = [];
  for (const block of blocks) {
    const held = heldBytes(block, bytesOf);
    if (!held.complete) incomplete.push(block);
    chunks.push(held.bytes.subarray(0, block.bytes));
  }
  const ended = d.eofSeq !== null;
  const stream = frameStream(chunks, ended);
  const all = concat(chunks);
  const readings = stream.readings.map((r, i) => ({ block: blocks[i]!, before: r.before, after: r.after, steps: r.steps }));
  // A part still waiting (or cut off) needs what the protoheader or the header announced.
  const need = stream.error?.code === 'TRUNCATED' ? (stream.error.announced ?? 0) : (stream.readings.at(-1)?.after.need ?? 0);
  const parts = stream.parts.map((p) => labelPart(p, all.subarray(p.start, p.end), stream.messages[p.message]?.header, need));
  return {
    conn,
    dir,
    chunksFrom,
    readings,
    parts,
    problem: stream.error ? frameProblem(stream.error) : null,
    messages: stream.messages.length,
    ended,
    length: stream.length,
    incomplete,
  };
}

function labelPart(part: FramePart, bytes: Uint8Array, header: JsonHeader | undefined, need: number): LabelledPart {
  const base = { ...part, bytes };
  if (part.kind === 'unparsed') return { ...base, value: { kind: 'unparsed' } };
  if (!part.complete) return { ...base, value: { kind: 'partial', have: part.end - part.start, need } };
  if (part.kind === 'protoheader') return { ...base, value: { kind: 'length', announced: (bytes[0]! << 8) | bytes[1]! } };
  if (part.kind === 'header') {
    const raw = text.decode(bytes);
    let fields: [string, string][] | null = null;
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) fields = Object.entries(parsed).map(([k, v]) => [k, JSON.stringify(v)]);
    } catch {
      fields = null;
    }
    return { ...base, value: { kind: 'header', text: raw, fields } };
  }
  const read = header ? readContent({ header, content: bytes }) : null;
  if (read?.kind === 'json') {
    const value = read.value as { result?: unknown } | null;
    const result = typeof value === 'object' && value !== null && typeof value.result === 'string' ? value.result : null;
    return { ...base, value: { kind: 'json', text: text.decode(bytes), result } };
  }
  return { ...base, value: { kind: 'binary', text: text.decode(bytes) } };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Whether a connection looks like the application protocol: its first bytes announce a JSON header. */
export function looksFramed(conn: StreamConnection, bytesOf: BytesOf): boolean {
  const first = conn.dirs[0].sends[0] ?? conn.dirs[0].recvs[0];
  if (!first) return false;
  const bytes = heldBytes(first, bytesOf).bytes;
  if (bytes.length < 3) return bytes.length === 0 ? false : bytes[0] === 0;
  const announced = (bytes[0]! << 8) | bytes[1]!;
  return announced > 0 && bytes[2] === 0x7b; // '{'
}
