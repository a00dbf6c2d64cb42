import { describe, expect, it } from 'vitest';
import type { LabEvent } from '@socket-playground/protocol';
import { codeKeyOf, DEFAULT_CODE_PARAMS, lineOf, program, type CodeKey, type CodeLang } from '../src/code/programs.ts';
import { echoSession } from './flow-fixtures.ts';

const text = (lang: CodeLang, kind: 'server' | 'client', key: CodeKey, params = DEFAULT_CODE_PARAMS) => {
  const prog = program(lang, kind, params);
  const line = lineOf(prog, key);
  return line === null ? null : prog.lines[line - 1]!.text.trim();
};

describe('the programs beside the diagram', () => {
  it('points each call of the Python server at the line that makes it', () => {
    expect(text('python', 'server', 'socket')).toBe('with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:');
    expect(text('python', 'server', 'bind')).toBe('s.bind((HOST, PORT))');
    expect(text('python', 'server', 'listen')).toBe('s.listen(1)');
    expect(text('python', 'server', 'accept')).toMatch(/^conn, addr = s\.accept\(\)/);
    expect(text('python', 'server', 'recv')).toBe('data = conn.recv(1024)');
    expect(text('python', 'server', 'eof')).toBe('data = conn.recv(1024)');
    expect(text('python', 'server', 'send')).toBe('conn.sendall(data)');
    expect(text('python', 'server', 'close')).toMatch(/^with conn:/);
  });

  it('points the Python client’s calls at its lines', () => {
    expect(text('python', 'client', 'connect')).toBe('s.connect((HOST, PORT))');
    expect(text('python', 'client', 'send')).toBe('s.sendall(b"Hello, world")');
    expect(text('python', 'client', 'recv')).toBe('data = s.recv(1024)');
  });

  it('keeps the bufsize, backlog, address and message in sync with the stepper', () => {
    const params = { ...DEFAULT_CODE_PARAMS, host: '::1', port: 5000, backlog: 3, serverBufsize: 4, clientBufsize: 16, message: 'say "hi"\n' };
    expect(text('python', 'server', 'recv', params)).toBe('data = conn.recv(4)');
    expect(text('python', 'server', 'listen', params)).toBe('s.listen(3)');
    expect(text('python', 'server', 'socket', params)).toContain('AF_INET6');
    expect(text('python', 'client', 'recv', params)).toBe('data = s.recv(16)');
    expect(text('python', 'client', 'send', params)).toBe('s.sendall(b"say \\"hi\\"\\n")');
    expect(text('typescript', 'server', 'listen', params)).toBe('server.listen({ host: HOST, port: PORT, backlog: 3 });');
    expect(text('typescript', 'client', 'send', params)).toBe("s.write('say \"hi\"\\n');  // send()");
  });

  it('writes the TypeScript as it really is: event-driven', () => {
    expect(text('typescript', 'server', 'accept')).toBe('const server = net.createServer((conn) => {');
    expect(text('typescript', 'server', 'recv')).toMatch(/^conn\.on\('data'/);
    expect(text('typescript', 'server', 'send')).toMatch(/^conn\.write\(data\)/);
    expect(text('typescript', 'server', 'socket')).toMatch(/^server\.listen\(/);
    expect(text('typescript', 'client', 'connect')).toBe('const s = net.connect({ host: HOST, port: PORT });');
    expect(text('typescript', 'client', 'eof')).toMatch(/^s\.on\('end'/);
  });

  it('maps every event of a session to a program and a call', () => {
    const { r } = echoSession();
    const keys = r.events.map(({ event }) => `${codeKeyOf(event).kind}:${codeKeyOf(event).key}`);
    expect(keys).toEqual([
      'server:socket',
      'server:bind',
      'server:listen',
      'client:socket',
      'client:connect',
      'server:accept',
      'client:send',
      'server:recv',
      'server:send',
      'client:recv',
      'server:eof',
      'server:close',
      'client:eof',
      'client:close',
    ]);
    const block = { ...r.events[0]!.event, call: 'block', blockedCall: 'accept' } as LabEvent;
    expect(codeKeyOf(block)).toEqual({ kind: 'server', key: 'accept' });
    for (const lang of ['python', 'typescript'] as const) {
      for (const key of keys) {
        const [kind, k] = key.split(':') as ['server' | 'client', CodeKey];
        expect(lineOf(program(lang, kind, DEFAULT_CODE_PARAMS), k), `${lang} ${key}`).not.toBeNull();
      }
    }
  });
});
