import type { Lang } from '../i18n/prefs.ts';
import { groupDigits } from './number.ts';
/** Turning the bytes that crossed a socket into something a learner can read. */

/** Decode base64 (as the protocol carries bytes). Invalid input gives no bytes rather than an exception. */
export function base64ToBytes(base64: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return new Uint8Array(0);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

/** How many bytes `text` takes as UTF-8: what a socket really sends. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** Control characters (C0, DEL, C1) and undecodable bytes (U+FFFD) are not worth printing as such. */
function isPrintable(codePoint: number): boolean {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return false;
  return codePoint !== 0xfffd;
}

/** Bytes as text: UTF-8 where it decodes, `·` for anything non-printable (newline included). */
export function printableText(bytes: Uint8Array): string {
  let out = '';
  for (const ch of decodeUtf8(bytes)) out += isPrintable(ch.codePointAt(0) ?? 0) ? ch : '·';
  return out;
}

export interface BytesPreview {
  text: string;
  /** The event moved more bytes than its preview holds. */
  truncated: boolean;
}

/** The row preview of a send/recv: its inline bytes as text, with "…" when there are more. */
export function previewOf(previewBase64: string, totalBytes: number): BytesPreview {
  const bytes = base64ToBytes(previewBase64);
  const truncated = totalBytes > bytes.length;
  return { text: printableText(bytes) + (truncated ? '…' : ''), truncated };
}

/**
 * Bytes the way Python prints them (`b'Hello, world'`), as in the learner's echo-client.py.
 * Same quoting rule as CPython: single quotes unless the bytes hold ' and no ".
 */
export function pythonBytesRepr(bytes: Uint8Array): string {
  const hasSingle = bytes.includes(0x27);
  const quote = hasSingle && !bytes.includes(0x22) ? '"' : "'";
  let out = '';
  for (const b of bytes) {
    if (b === 0x5c) out += '\\\\';
    else if (b === quote.charCodeAt(0)) out += `\\${quote}`;
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `b${quote}${out}${quote}`;
}

/** "1 byte", "12 bytes", "1,536 bytes"; in 简体中文 "12 字节". */
export function formatByteCount(n: number, lang: Lang = 'en'): string {
  if (lang === 'zh') return `${groupDigits(n)} 字节`;
  return `${groupDigits(n)} ${n === 1 ? 'byte' : 'bytes'}`;
}
