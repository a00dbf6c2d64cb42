/**
 * The wire format, one message in either direction:
 *
 *   | protoheader: 2 bytes, big-endian u16 = n | JSON header: n bytes, UTF-8 | content: content-length bytes |
 *
 * Compatible with the Real Python tutorial's libclient.py / libserver.py: the header is what Python's
 * `json.dumps(obj, ensure_ascii=False)` writes (", " and ": " separators), so a request the
 * playground encodes is byte-identical to the tutorial's.
 */

export const PROTOHEADER_BYTES = 2;
/** The most a u16 protoheader can announce. */
export const MAX_PROTOHEADER_VALUE = 0xffff;

/** Keys every header must have; a header without one of them is refused (libserver.py does the same). */
export const REQUIRED_HEADER_KEYS = ['byteorder', 'content-length', 'content-type', 'content-encoding'] as const;
export type RequiredHeaderKey = (typeof REQUIRED_HEADER_KEYS)[number];

export type HeaderValue = string | number | boolean | null;
/** A JSON header as sent: the required keys plus anything else the sender adds (kept, ignored). */
export type JsonHeader = Record<string, HeaderValue>;

export type ByteOrder = 'little' | 'big';

/** The content types of the tutorial's protocol. */
export const CONTENT_TYPES = {
  json: 'text/json',
  clientBinary: 'binary/custom-client-binary-type',
  serverBinary: 'binary/custom-server-binary-type',
} as const;

/**
 * What a receiver accepts before it refuses the message. The format allows a 65,535-byte header;
 * a server that buffers whatever a stranger announces is easy to exhaust, so ours stops earlier.
 */
export interface FrameLimits {
  maxHeaderBytes: number;
  maxContentBytes: number;
}
export const DEFAULT_FRAME_LIMITS: FrameLimits = { maxHeaderBytes: 8192, maxContentBytes: 1 << 20 };

const utf8 = new TextEncoder();

/**
 * Python's `json.dumps(obj, ensure_ascii=False)` for a flat object of strings, numbers, booleans
 * and null. JSON.stringify escapes strings the same way (quotes, backslash, control characters as
 * \n or \u001f); only the separators differ.
 */
export function pythonJson(obj: Readonly<Record<string, HeaderValue>>): string {
  const parts = Object.entries(obj).map(([key, value]) => `${JSON.stringify(key)}: ${pythonValue(value)}`);
  return `{${parts.join(', ')}}`;
}

function pythonValue(value: HeaderValue): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return JSON.stringify(value);
}

export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}

/** The header a sender writes for `content`: the four required keys in libclient.py's order. */
export function standardHeader(content: Uint8Array, contentType: string, contentEncoding: string, byteorder: ByteOrder): JsonHeader {
  return { byteorder, 'content-type': contentType, 'content-encoding': contentEncoding, 'content-length': content.length };
}

/** The header's bytes as they go on the wire. */
export function headerBytes(header: Readonly<JsonHeader>): Uint8Array {
  return utf8Bytes(pythonJson(header));
}

/** One whole message. Throws RangeError when the header does not fit the 2-byte protoheader. */
export function encodeMessage(header: Readonly<JsonHeader>, content: Uint8Array): Uint8Array {
  return encodeRaw(headerBytes(header), content);
}

/**
 * A message from parts that may lie: `protoheader` overrides the true header length (a hand-made
 * request may announce more or fewer bytes than follow). Values outside 0–65535 throw RangeError.
 */
export function encodeRaw(header: Uint8Array, content: Uint8Array, protoheader: number = header.length): Uint8Array {
  if (!Number.isInteger(protoheader) || protoheader < 0 || protoheader > MAX_PROTOHEADER_VALUE) {
    throw new RangeError(`the protoheader holds 0 to ${MAX_PROTOHEADER_VALUE}; ${protoheader} does not fit in 2 bytes`);
  }
  const out = new Uint8Array(PROTOHEADER_BYTES + header.length + content.length);
  out[0] = protoheader >> 8;
  out[1] = protoheader & 0xff;
  out.set(header, PROTOHEADER_BYTES);
  out.set(content, PROTOHEADER_BYTES + header.length);
  return out;
}

/** This machine's byte order, as Python's sys.byteorder says it (the header's `byteorder` is informational). */
export function nativeByteOrder(): ByteOrder {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'little' : 'big';
}
