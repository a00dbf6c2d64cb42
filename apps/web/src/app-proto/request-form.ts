import { encodeMessage, headerBytes, makeRequest, nativeByteOrder, pythonJson, utf8Bytes, type JsonHeader } from '@socket-playground/appframe';
import { APP_LIMITS, type AppRequestBody } from '@socket-playground/protocol';

/**
 * The application client's form as plain data: what the learner chose, the bytes it will send,
 * and how they are cut into writes. No React, so it is tested on its own.
 */

/** How the request goes out: whole, one byte per write, or cut inside one of its parts. */
export type Chunking = 'whole' | 'bytes' | 'protoheader' | 'header' | 'content' | 'custom';
export const CHUNKINGS: readonly Chunking[] = ['whole', 'bytes', 'protoheader', 'header', 'content', 'custom'];

export interface RequestForm {
  mode: 'action' | 'crafted';
  action: string;
  value: string;
  /** Crafted: the header as raw text, the content as text, and a protoheader that may lie. */
  header: string;
  content: string;
  lieLength: boolean;
  protoheader: string;
  chunking: Chunking;
  /** Custom write sizes, as typed: "1, 1, 50". */
  sizes: string;
  gapMs: string;
  finish: 'wait-reply' | 'close-after-send';
}

export const INITIAL_FORM: RequestForm = {
  mode: 'action',
  action: 'search',
  value: 'morpheus',
  header: '',
  content: '',
  lieLength: false,
  protoheader: '',
  chunking: 'whole',
  sizes: '1, 1, 50',
  gapMs: '50',
  finish: 'wait-reply',
};

/** The three parts' sizes and all the bytes, as they will go on the wire. */
export interface PlannedBytes {
  wire: Uint8Array;
  protoheader: number;
  headerLength: number;
  contentLength: number;
}

/** The header and content libclient.py would send for this action and value, as crafted-form text. */
export function craftedFromAction(action: string, value: string): { header: string; content: string } {
  const request = makeRequest(action, value, nativeByteOrder());
  return { header: new TextDecoder().decode(headerBytes(request.header)), content: new TextDecoder().decode(request.content) };
}

export function plannedBytes(form: RequestForm): PlannedBytes {
  if (form.mode === 'action') {
    const request = makeRequest(form.action, form.value, nativeByteOrder());
    const wire = encodeMessage(request.header, request.content);
    return { wire, protoheader: wire.length - 2 - request.content.length, headerLength: wire.length - 2 - request.content.length, contentLength: request.content.length };
  }
  const header = utf8Bytes(form.header);
  const content = utf8Bytes(form.content);
  const lie = form.lieLength ? Number(form.protoheader) : header.length;
  const protoheader = Number.isInteger(lie) && lie >= 0 && lie <= 0xffff ? lie : header.length;
  const wire = new Uint8Array(2 + header.length + content.length);
  wire[0] = protoheader >> 8;
  wire[1] = protoheader & 0xff;
  wire.set(header, 2);
  wire.set(content, 2 + header.length);
  return { wire, protoheader, headerLength: header.length, contentLength: content.length };
}

export type Planned = { ok: true; chunks: number[]; gapMs: number } | { ok: false; problem: 'sizes' | 'gap' | 'too-slow' | 'too-many' };

/** The write sizes for a chunking (the lab sends whatever is left in one last write). */
export function chunkSizes(form: RequestForm, bytes: PlannedBytes): number[] | null {
  const total = bytes.wire.length;
  const cut = (at: number) => (at > 0 && at < total ? [at] : []);
  switch (form.chunking) {
    case 'whole':
      return [];
    case 'bytes':
      return Array.from({ length: Math.max(0, total - 1) }, () => 1);
    case 'protoheader':
      return cut(1);
    case 'header':
      return cut(2 + Math.floor(bytes.headerLength / 2));
    case 'content':
      return cut(2 + bytes.headerLength + Math.max(1, Math.floor(bytes.contentLength / 2)));
    case 'custom': {
      const parts = form.sizes.split(/[\s,]+/).filter((p) => p !== '');
      const sizes = parts.map(Number);
      return sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= 0xffff) ? sizes : null;
    }
  }
}

export function planWrites(form: RequestForm, bytes: PlannedBytes): Planned {
  const chunks = chunkSizes(form, bytes);
  if (!chunks) return { ok: false, problem: 'sizes' };
  if (chunks.length > APP_LIMITS.maxChunks) return { ok: false, problem: 'too-many' };
  const gapMs = form.chunking === 'whole' ? 0 : Number(form.gapMs);
  if (!Number.isInteger(gapMs) || gapMs < 0 || gapMs > APP_LIMITS.maxGapMs) return { ok: false, problem: 'gap' };
  if (chunks.length * gapMs > APP_LIMITS.maxSendMs) return { ok: false, problem: 'too-slow' };
  return { ok: true, chunks, gapMs };
}

/** What the command carries as the request. */
export function requestBody(form: RequestForm, bytes: PlannedBytes): AppRequestBody {
  if (form.mode === 'action') return { kind: 'action', action: form.action, value: form.value };
  return { kind: 'crafted', header: form.header, content: form.content, ...(form.lieLength ? { protoheader: bytes.protoheader } : {}) };
}

/** Malformed requests a learner can load with one click, each with the finish that shows it best. */
export type BrokenPreset = 'not-json' | 'missing-key' | 'long-content' | 'huge-protoheader' | 'close-in-header';
export const BROKEN_PRESETS: readonly BrokenPreset[] = ['not-json', 'missing-key', 'long-content', 'huge-protoheader', 'close-in-header'];

export function brokenForm(preset: BrokenPreset, base: RequestForm): RequestForm {
  const byteorder = nativeByteOrder();
  const header = (fields: JsonHeader) => pythonJson(fields);
  const content = pythonJson({ action: 'search', value: 'morpheus' });
  const good = { byteorder, 'content-type': 'text/json', 'content-encoding': 'utf-8' };
  const crafted = { ...base, mode: 'crafted' as const, lieLength: false, protoheader: '', finish: 'wait-reply' as const };
  switch (preset) {
    case 'not-json':
      return { ...crafted, header: `{byteorder: ${byteorder}}`, content: '' };
    case 'missing-key':
      return { ...crafted, header: header(good), content };
    case 'long-content':
      return { ...crafted, header: header({ ...good, 'content-length': 100 }), content, finish: 'close-after-send' };
    case 'huge-protoheader':
      return { ...crafted, header: header({ ...good, 'content-length': utf8Bytes(content).length }), content, lieLength: true, protoheader: '65535' };
    case 'close-in-header':
      return { ...crafted, header: header({ ...good, 'content-length': utf8Bytes(content).length }), content, lieLength: true, protoheader: '200', finish: 'close-after-send' };
  }
}
