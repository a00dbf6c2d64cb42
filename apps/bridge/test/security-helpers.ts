/**
 * Raw HTTP and WebSocket helpers for the perimeter tests: any method, any Host, any headers, and
 * hand-built WebSocket frames on a plain TCP socket. Every connection goes to 127.0.0.1 only,
 * and every wait is bounded.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { HttpResult } from './helpers.ts';

export interface RawRequest {
  method?: string;
  path: string;
  /** Omitted: no Host header at all. */
  host?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send only the headers (with this Content-Length) and wait for the answer without a body. */
  declaredLength?: number;
}

/** One HTTP request to the bridge on 127.0.0.1, whatever Host it claims. */
export function rawHttp(port: number, r: RawRequest): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...r.headers };
    if (r.host !== undefined) headers.host = r.host;
    if (r.body !== undefined) headers['content-length'] = Buffer.byteLength(r.body);
    if (r.declaredLength !== undefined) headers['content-length'] = r.declaredLength;
    const req = httpRequest({ host: '127.0.0.1', port, path: r.path, method: r.method ?? 'GET', setHost: false, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.setTimeout(5000, () => req.destroy(new Error(`HTTP ${r.method ?? 'GET'} ${r.path} timed out`)));
    req.on('error', reject);
    if (r.declaredLength !== undefined) {
      req.flushHeaders();
      return;
    }
    req.end(r.body);
  });
}

/** A client frame (always masked, as RFC 6455 requires of clients). */
export function clientFrame(opcode: number, fin: boolean, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  let header: Buffer;
  if (payload.length < 126) {
    header = Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | payload.length]);
  } else if (payload.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = (fin ? 0x80 : 0) | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = (fin ? 0x80 : 0) | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([header, mask, masked]);
}

/** A WebSocket opened by hand on a raw TCP socket, with whatever the server sends collected. */
export interface RawWebSocket {
  socket: Socket;
  /** Bytes the server sent after the 101 response. */
  received(): Buffer;
  closed: Promise<void>;
}

/** Upgrade a raw TCP socket with the given headers; resolves once the 101 has arrived. */
export function rawWebSocket(port: number, { token, origin, host }: { token: string; origin: string; host: string }): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no 101 within 5 s'));
    }, 5000);
    socket.on('error', (err) => {
      if (!upgraded) reject(err);
    });
    socket.on('connect', () => {
      socket.write(
        [
          `GET /ws?token=${encodeURIComponent(token)} HTTP/1.1`,
          `Host: ${host}`,
          `Origin: ${origin}`,
          'Connection: Upgrade',
          'Upgrade: websocket',
          'Sec-WebSocket-Version: 13',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (upgraded) return;
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      buffer = buffer.subarray(end + 4);
      clearTimeout(timer);
      if (!head.startsWith('HTTP/1.1 101 ')) {
        socket.destroy();
        reject(new Error(`upgrade refused: ${head.split('\r\n')[0] ?? ''}`));
        return;
      }
      upgraded = true;
      resolve({ socket, received: () => buffer, closed });
    });
  });
}

/** The status code of the first close frame in what a server sent, or undefined. */
export function closeCodeIn(serverBytes: Buffer): number | undefined {
  let at = 0;
  // Server frames are unmasked; walk them until a close frame (opcode 8) or the end.
  for (let frames = 0; frames < 10_000 && at + 2 <= serverBytes.length; frames++) {
    const opcode = (serverBytes[at] ?? 0) & 0x0f;
    let length = (serverBytes[at + 1] ?? 0) & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      length = serverBytes.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      length = Number(serverBytes.readBigUInt64BE(offset));
      offset += 8;
    }
    if (opcode === 0x8) return length >= 2 ? serverBytes.readUInt16BE(offset) : 1005;
    at = offset + length;
  }
  return undefined;
}
