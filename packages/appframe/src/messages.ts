import type { DecodedMessage } from './decoder.ts';
import { CONTENT_TYPES, pythonJson, standardHeader, utf8Bytes, type ByteOrder, type JsonHeader } from './wire.ts';

/**
 * The tutorial's application on top of the frames: the client asks, the server answers once.
 * `search` travels as JSON; any other action travels as binary content (action then value, UTF-8).
 */

export interface AppMessage {
  header: JsonHeader;
  content: Uint8Array;
}

/** The server's lookup table (our own words; a query it does not know gets "No match for '…'."). */
export const SEARCH_TABLE: Readonly<Record<string, string>> = {
  socket: 'One end of a connection: an address, a port and a protocol. 🔌',
  localhost: 'A name. It usually resolves to 127.0.0.1, and sometimes to ::1 first.',
  backlog: 'How many finished handshakes may wait for accept().',
  '65432': "The notes' port: above 1023 and outside Linux's ephemeral range.",
  '🐍': 'Python speaks this protocol too: try libclient.py against this server.',
};

/** The bytes of the binary reply's prefix, before the first 10 bytes of the request. */
export const BINARY_REPLY_PREFIX = 'First 10 bytes of request: ';

/** A request as libclient.py builds it. */
export function makeRequest(action: string, value: string, byteorder: ByteOrder): AppMessage {
  if (action === 'search') {
    const content = utf8Bytes(pythonJson({ action, value }));
    return { header: standardHeader(content, CONTENT_TYPES.json, 'utf-8', byteorder), content };
  }
  const content = utf8Bytes(action + value);
  return { header: standardHeader(content, CONTENT_TYPES.clientBinary, 'binary', byteorder), content };
}

export type ReadContent =
  | { kind: 'json'; value: unknown }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'error'; code: 'CONTENT_NOT_JSON' | 'UNKNOWN_ENCODING'; detail: string };

/** What a receiver makes of the content: JSON when the header says `text/json`, raw bytes otherwise. */
export function readContent(message: Pick<DecodedMessage, 'header' | 'content'>): ReadContent {
  if (message.header['content-type'] !== CONTENT_TYPES.json) return { kind: 'binary', bytes: message.content };
  const encoding = String(message.header['content-encoding']).toLowerCase();
  if (encoding !== 'utf-8' && encoding !== 'utf8') return { kind: 'error', code: 'UNKNOWN_ENCODING', detail: String(message.header['content-encoding']) };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(message.content);
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (err) {
    return { kind: 'error', code: 'CONTENT_NOT_JSON', detail: err instanceof Error ? err.message : String(err) };
  }
}

/** How Python's f-string shows a JSON value: strings bare, null as None, booleans capitalised. */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  // Lists and objects: Python would print its repr; JSON is close enough to recognise.
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

export type ServerAnswer = { ok: true; reply: AppMessage; said: string } | { ok: false; code: 'CONTENT_NOT_JSON' | 'UNKNOWN_ENCODING'; detail: string };

/** libserver.py's answer to one request. `said` is the reply in words, for the event list. */
export function answerRequest(request: Pick<DecodedMessage, 'header' | 'content'>, byteorder: ByteOrder): ServerAnswer {
  const read = readContent(request);
  if (read.kind === 'error') return { ok: false, code: read.code, detail: read.detail };
  if (read.kind === 'binary') {
    const prefix = utf8Bytes(BINARY_REPLY_PREFIX);
    const content = new Uint8Array(prefix.length + Math.min(10, read.bytes.length));
    content.set(prefix, 0);
    content.set(read.bytes.subarray(0, 10), prefix.length);
    return { ok: true, reply: { header: standardHeader(content, CONTENT_TYPES.serverBinary, 'binary', byteorder), content }, said: 'binary' };
  }
  const body = read.value;
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const action = fields['action'];
  let result: string;
  if (action === 'search') {
    const query = pythonStr(fields['value']);
    result = Object.prototype.hasOwnProperty.call(SEARCH_TABLE, query) ? SEARCH_TABLE[query]! : `No match for '${query}'.`;
  } else {
    result = `Error: invalid action '${pythonStr(action)}'.`;
  }
  const content = utf8Bytes(pythonJson({ result }));
  return { ok: true, reply: { header: standardHeader(content, CONTENT_TYPES.json, 'utf-8', byteorder), content }, said: result };
}
