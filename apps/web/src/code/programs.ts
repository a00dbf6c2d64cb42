import type { LabEvent } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { programNoteZh } from './code-text-zh.ts';

/**
 * The echo server and client as a learner would write them, in Python (blocking calls, as in
 * the notes) and in TypeScript with node:net (event-driven: nothing blocks, Node calls back).
 * Each line says which socket calls it performs, so the page can point at the line behind an event.
 */
export type CodeLang = 'python' | 'typescript';
export type CodeKey = 'socket' | 'bind' | 'listen' | 'accept' | 'connect' | 'recv' | 'eof' | 'send' | 'close' | 'close-listener';
export type ProgramKind = 'server' | 'client';

export interface CodeLine {
  text: string;
  keys: readonly CodeKey[];
}

export interface CodeProgram {
  kind: ProgramKind;
  file: string;
  lines: readonly CodeLine[];
  /** One honest sentence about how this program maps onto the Berkeley calls. */
  note: string;
}

export interface CodeParams {
  host: string;
  port: number;
  backlog: number;
  /** recv()'s bufsize in the server, and in the client. */
  serverBufsize: number;
  clientBufsize: number;
  message: string;
}

export const DEFAULT_CODE_PARAMS: CodeParams = { host: '127.0.0.1', port: 65432, backlog: 1, serverBufsize: 1024, clientBufsize: 1024, message: 'Hello, world' };

const L = (text: string, ...keys: CodeKey[]): CodeLine => ({ text, keys });

const pyString = (s: string) => JSON.stringify(s);
/** The message as a Python bytes literal, b"…" (ASCII as is, anything else escaped). */
function pyBytes(message: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(message)) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b === 0x0a) out += '\\n';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `b"${out}"`;
}
const family = (host: string) => (host.includes(':') ? 'AF_INET6' : 'AF_INET');
const tsString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

function pythonServer(p: CodeParams): CodeProgram {
  return {
    kind: 'server',
    file: 'echo-server.py',
    note: 'Every call here blocks: the thread waits inside accept() and recv() until the kernel has something for it.',
    lines: [
      L('import socket'),
      L(''),
      L(`HOST = ${pyString(p.host)}`),
      L(`PORT = ${p.port}`),
      L(''),
      L(`with socket.socket(socket.${family(p.host)}, socket.SOCK_STREAM) as s:`, 'socket', 'close-listener'),
      L('    s.bind((HOST, PORT))', 'bind'),
      L(`    s.listen(${p.backlog})`, 'listen'),
      L('    while True:'),
      L('        conn, addr = s.accept()  # waits for a client', 'accept'),
      L('        with conn:  # closes conn on the way out', 'close'),
      L('            while True:'),
      L(`                data = conn.recv(${p.serverBufsize})`, 'recv', 'eof'),
      L('                if not data:'),
      L("                    break  # b'': the client closed"),
      L('                conn.sendall(data)', 'send'),
    ],
  };
}

function pythonClient(p: CodeParams): CodeProgram {
  return {
    kind: 'client',
    file: 'echo-client.py',
    note: 'connect() returns once the kernels have done the handshake; the server need not have called accept() yet.',
    lines: [
      L('import socket'),
      L(''),
      L(`HOST = ${pyString(p.host)}`),
      L(`PORT = ${p.port}`),
      L(''),
      L(`with socket.socket(socket.${family(p.host)}, socket.SOCK_STREAM) as s:`, 'socket', 'close'),
      L('    s.connect((HOST, PORT))', 'connect'),
      L(`    s.sendall(${pyBytes(p.message)})`, 'send'),
      L(`    data = s.recv(${p.clientBufsize})`, 'recv', 'eof'),
      L(''),
      L('print(f"Received {data!r}")'),
    ],
  };
}

function typescriptServer(p: CodeParams): CodeProgram {
  return {
    kind: 'server',
    file: 'echo-server.ts',
    note: "Nothing here blocks: Node calls back on 'connection' and 'data'. Node reads whatever the kernel has (up to 64 KiB); it has no recv(bufsize).",
    lines: [
      L("import * as net from 'node:net';"),
      L(''),
      L(`const HOST = ${tsString(p.host)};`),
      L(`const PORT = ${p.port};`),
      L(''),
      L("// 'connection': Node's accept() returned conn"),
      L('const server = net.createServer((conn) => {', 'accept'),
      L("  conn.on('data', (data) => {  // one chunk: one recv()", 'recv'),
      L('    conn.write(data);  // send(): back it goes', 'send'),
      L('  });'),
      L("  conn.on('end', () => {  // recv() returned 0 bytes", 'eof'),
      L('    conn.end();  // close our side too (FIN)', 'close'),
      L('  });'),
      L('});'),
      L(''),
      L('// socket(), bind() and listen() all happen in this one call'),
      L(`server.listen({ host: HOST, port: PORT, backlog: ${p.backlog} });`, 'socket', 'bind', 'listen'),
      L('// server.close() stops listening', 'close-listener'),
    ],
  };
}

function typescriptClient(p: CodeParams): CodeProgram {
  return {
    kind: 'client',
    file: 'echo-client.ts',
    note: "net.connect() does socket() and connect(); 'connect' fires once the kernels have done the handshake.",
    lines: [
      L("import * as net from 'node:net';"),
      L(''),
      L(`const HOST = ${tsString(p.host)};`),
      L(`const PORT = ${p.port};`),
      L(''),
      L('// socket() and connect() both happen inside net.connect()'),
      L('const s = net.connect({ host: HOST, port: PORT });', 'socket', 'connect'),
      L("s.on('connect', () => {  // the handshake is done"),
      L(`  s.write(${tsString(p.message)});  // send()`, 'send'),
      L('});'),
      L("s.on('data', (data) => {  // recv(): the echo", 'recv'),
      L('  console.log(`Received ${data}`);'),
      L('  s.end();  // close(): send our FIN', 'close'),
      L('});'),
      L("s.on('end', () => console.log('server closed'));  // recv() returned 0", 'eof'),
    ],
  };
}

export function program(lang: CodeLang, kind: ProgramKind, params: CodeParams): CodeProgram {
  if (lang === 'python') return kind === 'server' ? pythonServer(params) : pythonClient(params);
  return kind === 'server' ? typescriptServer(params) : typescriptClient(params);
}

/** The program's note in the page's language (the code itself stays as it is). */
export function programNote(prog: CodeProgram, lang: CodeLang, ui: Lang = 'en'): string {
  return ui === 'zh' ? programNoteZh(lang, prog.kind) : prog.note;
}

/** The 1-based line that performs `key` (the last one tagged with it), or null. */
export function lineOf(prog: CodeProgram, key: CodeKey): number | null {
  for (let i = prog.lines.length - 1; i >= 0; i--) if (prog.lines[i]!.keys.includes(key)) return i + 1;
  return null;
}

const FAILED: Record<string, CodeKey> = {
  socket: 'socket',
  bind: 'bind',
  listen: 'listen',
  accept: 'accept',
  connect: 'connect',
  resolve: 'connect',
  policy: 'connect',
  send: 'send',
  recv: 'recv',
  close: 'close',
};

/** Which program and which call an event stands for; a block points at the call that waits. */
export function codeKeyOf(event: LabEvent): { kind: ProgramKind; key: CodeKey } {
  const kind: ProgramKind = event.role === 'client' ? 'client' : 'server';
  switch (event.call) {
    case 'block':
      return { kind, key: event.blockedCall };
    case 'recv':
      return { kind, key: event.eof ? 'eof' : 'recv' };
    case 'close':
      return { kind, key: event.role === 'listener' ? 'close-listener' : 'close' };
    case 'error':
      return { kind, key: event.failedCall === 'policy' && kind === 'server' ? 'bind' : (FAILED[event.failedCall] ?? 'socket') };
    default:
      return { kind, key: event.call };
  }
}
