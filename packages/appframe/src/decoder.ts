import { DEFAULT_FRAME_LIMITS, PROTOHEADER_BYTES, REQUIRED_HEADER_KEYS, type FrameLimits, type JsonHeader } from './wire.ts';

/**
 * The receiver's state machine, fed whatever each recv returned: it waits for 2 protoheader bytes,
 * then for that many header bytes, then for content-length content bytes. Chunks may split any part
 * anywhere, or hold several parts at once; the result is the same either way.
 */

export type DecoderPhase = 'protoheader' | 'header' | 'content' | 'error';

export type FrameErrorCode =
  | 'HEADER_TOO_LONG'
  | 'HEADER_NOT_UTF8'
  | 'HEADER_NOT_JSON'
  | 'HEADER_NOT_OBJECT'
  | 'MISSING_HEADER_KEY'
  | 'BAD_CONTENT_LENGTH'
  | 'CONTENT_TOO_LONG'
  | 'TRUNCATED';

export interface FrameError {
  code: FrameErrorCode;
  /** Stream offset of the part that was wrong (for TRUNCATED: where the unfinished part began). */
  at: number;
  /** Facts for the sentence: the missing key, the announced and received lengths, the phase cut short. */
  key?: string;
  announced?: number;
  received?: number;
  limit?: number;
  phase?: Exclude<DecoderPhase, 'error'>;
  /** The parser's own words, for a header that is not JSON. */
  detail?: string;
}

/** One decoded message and where its parts lie in the stream. */
export interface DecodedMessage {
  index: number;
  start: number;
  headerStart: number;
  contentStart: number;
  end: number;
  protoheader: number;
  headerRaw: Uint8Array;
  header: JsonHeader;
  content: Uint8Array;
}

export type FrameStep =
  | { type: 'protoheader'; at: number; value: number }
  | { type: 'header'; at: number; header: JsonHeader; contentLength: number }
  | { type: 'message'; message: DecodedMessage }
  | { type: 'error'; error: FrameError };

export interface DecoderState {
  phase: DecoderPhase;
  /** Bytes of the current part received so far, and how many it needs (0 while unknown). */
  have: number;
  need: number;
  /** Stream bytes consumed, and messages completed. */
  offset: number;
  messages: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export class FrameDecoder {
  private phase: DecoderPhase = 'protoheader';
  private buffer: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private messages = 0;
  private partStart = 0;
  private start = 0;
  private protoheader = 0;
  private headerStart = 0;
  private headerRaw: Uint8Array = new Uint8Array(0);
  private header: JsonHeader = {};
  private contentLength = 0;
  private failure: FrameError | null = null;

  constructor(private readonly limits: FrameLimits = DEFAULT_FRAME_LIMITS) {}

  /** Feed one recv's bytes; returns what completed, in order. After an error it takes nothing more. */
  push(chunk: Uint8Array): FrameStep[] {
    if (this.phase === 'error' || chunk.length === 0) return [];
    this.buffer = concat(this.buffer, chunk);
    const steps: FrameStep[] = [];
    for (;;) {
      const step = this.advance();
      if (!step) break;
      steps.push(step);
      if (step.type === 'error') break;
    }
    return steps;
  }

  /** The peer closed (recv returned 0). Mid-message that is an error; between messages it is not. */
  end(): FrameStep | null {
    if (this.phase === 'error') return null;
    const between = this.phase === 'protoheader' && this.buffer.length === 0;
    if (between) return null;
    const phase = this.phase;
    return this.fail({ code: 'TRUNCATED', at: this.partStart, phase, announced: this.need(), received: this.buffer.length });
  }

  state(): DecoderState {
    const need = this.phase === 'error' ? 0 : this.need();
    return { phase: this.phase, have: Math.min(this.buffer.length, need), need, offset: this.offset, messages: this.messages };
  }

  error(): FrameError | null {
    return this.failure;
  }

  private need(): number {
    if (this.phase === 'protoheader') return PROTOHEADER_BYTES;
    if (this.phase === 'header') return this.protoheader;
    if (this.phase === 'content') return this.contentLength;
    return 0;
  }

  /** Take one part if it is all here. */
  private advance(): FrameStep | null {
    const need = this.need();
    if (this.phase === 'error' || this.buffer.length < need) return null;
    const part = this.buffer.subarray(0, need);
    const at = this.partStart;
    this.buffer = this.buffer.slice(need);
    this.offset += need;
    this.partStart = this.offset;
    switch (this.phase) {
      case 'protoheader':
        return this.onProtoheader(part, at);
      case 'header':
        return this.onHeader(part, at);
      default:
        return this.onContent(part);
    }
  }

  private onProtoheader(part: Uint8Array, at: number): FrameStep {
    this.start = at;
    this.protoheader = (part[0]! << 8) | part[1]!;
    if (this.protoheader > this.limits.maxHeaderBytes) {
      return this.fail({ code: 'HEADER_TOO_LONG', at, announced: this.protoheader, limit: this.limits.maxHeaderBytes });
    }
    this.phase = 'header';
    this.headerStart = this.offset;
    return { type: 'protoheader', at, value: this.protoheader };
  }

  private onHeader(part: Uint8Array, at: number): FrameStep {
    this.headerRaw = part.slice();
    const parsed = parseHeader(part);
    if ('code' in parsed) return this.fail({ ...parsed, at });
    this.header = parsed.header;
    this.contentLength = parsed.contentLength;
    if (this.contentLength > this.limits.maxContentBytes) {
      return this.fail({ code: 'CONTENT_TOO_LONG', at, announced: this.contentLength, limit: this.limits.maxContentBytes });
    }
    this.phase = 'content';
    return { type: 'header', at, header: this.header, contentLength: this.contentLength };
  }

  private onContent(part: Uint8Array): FrameStep {
    const message: DecodedMessage = {
      index: this.messages++,
      start: this.start,
      headerStart: this.headerStart,
      contentStart: this.headerStart + this.protoheader,
      end: this.offset,
      protoheader: this.protoheader,
      headerRaw: this.headerRaw,
      header: this.header,
      content: part.slice(),
    };
    this.phase = 'protoheader';
    return { type: 'message', message };
  }

  private fail(error: FrameError): FrameStep {
    this.phase = 'error';
    this.failure = error;
    return { type: 'error', error };
  }
}

type ParsedHeader = { header: JsonHeader; contentLength: number } | Omit<FrameError, 'at'>;

/** Parse and check a header: UTF-8, JSON, an object, every required key, a sane content-length. */
export function parseHeader(raw: Uint8Array): ParsedHeader {
  let text: string;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    return { code: 'HEADER_NOT_UTF8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { code: 'HEADER_NOT_JSON', detail: err instanceof Error ? err.message : String(err) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { code: 'HEADER_NOT_OBJECT' };
  // A null-prototype copy: a header key such as "__proto__" stays an ordinary key.
  const header: JsonHeader = Object.assign(Object.create(null) as JsonHeader, value);
  for (const key of REQUIRED_HEADER_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(header, key)) return { code: 'MISSING_HEADER_KEY', key };
  }
  const length = header['content-length'];
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) return { code: 'BAD_CONTENT_LENGTH', detail: JSON.stringify(length) };
  return { header, contentLength: length };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
