import { describe, expect, it } from 'vitest';
import type { AppDone, LabEvent, LabState, SequencedLabEvent } from '@socket-playground/protocol';
import { goalMet, type GoalContext } from '../src/goals.ts';

const EMPTY: LabState = { servers: [], connections: [], steppers: [] };
const ep = (address: string, port: number) => ({ address, port, family: 'IPv4' as const });
const base = { ts: 1, labHost: 'local', owner: 'cli1', role: 'client' as const, socketId: 's2' };

function ctx(events: LabEvent[], extra: Partial<GoalContext> = {}): GoalContext {
  const seq: SequencedLabEvent[] = events.map((event, i) => ({ seq: i + 1, event }));
  return { events: seq, sinceSeq: 0, state: EMPTY, matrices: [], demos: [], apps: [], answered: false, read: false, ...extra };
}

const connect: LabEvent = { ...base, call: 'connect', target: { host: 'localhost', port: 65432, address: '127.0.0.1' }, durationMs: 0.1, local: ep('127.0.0.1', 40000), remote: ep('127.0.0.1', 65432) };
const send = (bytes: number, offset = 0): LabEvent => ({ ...base, call: 'send', bytes, offset, preview: '', queued: 0 });
const recv = (bytes: number, offset = 0, bufsize?: number): LabEvent => ({ ...base, call: 'recv', bytes, offset, preview: '', eof: false, ...(bufsize ? { bufsize } : {}) });

describe('goalMet', () => {
  it('event goals match on the fields given, and count', () => {
    const c = ctx([recv(1024, 0, 1024), recv(1024, 1024, 1024), recv(904, 2048, 1024)]);
    expect(goalMet({ kind: 'event', match: { call: 'recv', bytes: 1024, bufsize: 1024 } }, c)).toBe(true);
    expect(goalMet({ kind: 'event', match: { call: 'recv', bytes: 1024 }, count: 2 }, c)).toBe(true);
    expect(goalMet({ kind: 'event', match: { call: 'recv', bytes: 1024 }, count: 3 }, c)).toBe(false);
    expect(goalMet({ kind: 'event', match: { call: 'recv', minBytes: 1000 }, count: 2 }, c)).toBe(true);
    expect(goalMet({ kind: 'event', match: { call: 'send' } }, c)).toBe(false);
  });

  it('only what happened after the step began counts', () => {
    const c = ctx([recv(5), recv(6)], { sinceSeq: 1 });
    expect(goalMet({ kind: 'event', match: { call: 'recv', bytes: 5 } }, c)).toBe(false);
    expect(goalMet({ kind: 'event', match: { call: 'recv', bytes: 6 } }, c)).toBe(true);
  });

  it('an echo needs the whole echo back on the connecting socket', () => {
    expect(goalMet({ kind: 'echo', targetHost: 'localhost' }, ctx([connect, send(12), recv(12)]))).toBe(true);
    expect(goalMet({ kind: 'echo', targetHost: 'localhost' }, ctx([connect, send(12), recv(5)]))).toBe(false);
    expect(goalMet({ kind: 'echo', targetHost: '127.0.0.1' }, ctx([connect, send(12), recv(12)]))).toBe(false);
    expect(goalMet({ kind: 'echo', labHost: 'pc2' }, ctx([connect, send(12), recv(12)]))).toBe(false);
  });

  it('error codes, listening servers, runs, answers and all-of', () => {
    const err: LabEvent = { ...base, socketId: '-', call: 'error', failedCall: 'bind', error: { code: 'EADDRINUSE', message: 'in use' } };
    expect(goalMet({ kind: 'event', match: { call: 'error', code: 'EADDRINUSE' } }, ctx([err]))).toBe(true);
    const state: LabState = { ...EMPTY, servers: [{ serverId: 'srv1', labHost: 'local', kind: 'echo', requested: { host: '0.0.0.0', port: 1, backlog: 1 }, listening: ep('0.0.0.0', 1), exposed: true, socketId: 's1', connections: 0 }] };
    expect(goalMet({ kind: 'listening', address: '0.0.0.0' }, ctx([], { state }))).toBe(true);
    expect(goalMet({ kind: 'listening', address: '127.0.0.1' }, ctx([], { state }))).toBe(false);
    const matrix = { serverHost: 'pc1', bind: { hosts: ['0.0.0.0'], port: 1 }, listeners: [], cells: [], mode: 'namespaces' as const, durationMs: 1 };
    expect(goalMet({ kind: 'matrix', bind: ['0.0.0.0'] }, ctx([], { matrices: [matrix] }))).toBe(true);
    expect(goalMet({ kind: 'matrix', bind: ['::'] }, ctx([], { matrices: [matrix] }))).toBe(false);
    expect(goalMet({ kind: 'answered' }, ctx([], { answered: true }))).toBe(true);
    expect(goalMet({ kind: 'all', goals: [{ kind: 'answered' }, { kind: 'read' }] }, ctx([], { answered: true }))).toBe(false);
  });
});

describe('application-protocol goals', () => {
  const done = (patch: Partial<AppDone>): AppDone => ({
    kind: 'app.done',
    clientId: 'cli1',
    local: ep('127.0.0.1', 40000),
    remote: ep('127.0.0.1', 65432),
    sent: 146,
    writes: 1,
    response: { header: {}, content: '', result: "No match for 'x'.", bytes: 100 },
    problem: null,
    ...patch,
  });

  it('match the response kind, the problem and the number of writes', () => {
    const json = ctx([], { apps: [done({})] });
    expect(goalMet({ kind: 'app', response: 'json' }, json)).toBe(true);
    expect(goalMet({ kind: 'app', response: 'binary' }, json)).toBe(false);
    expect(goalMet({ kind: 'app', minWrites: 2 }, json)).toBe(false);
    expect(goalMet({ kind: 'app' }, ctx([]))).toBe(false);
    const refused = ctx([], { apps: [done({ response: null, writes: 3, problem: { code: 'APP_NO_REPLY', message: '' } })] });
    expect(goalMet({ kind: 'app', response: 'none', problem: 'APP_NO_REPLY', minWrites: 3 }, refused)).toBe(true);
    const binary = ctx([], { apps: [done({ response: { header: {}, content: 'AA==', bytes: 60 } })] });
    expect(goalMet({ kind: 'app', response: 'binary' }, binary)).toBe(true);
  });

  it('a listening goal can ask for the application server', () => {
    const server = { serverId: 'srv1', labHost: 'local', requested: { host: '127.0.0.1', port: 0, backlog: 128 }, listening: ep('127.0.0.1', 40001), exposed: false, socketId: 's1', connections: 0 };
    const echo = ctx([], { state: { ...EMPTY, servers: [{ ...server, kind: 'echo' }] } });
    const app = ctx([], { state: { ...EMPTY, servers: [{ ...server, kind: 'app' }] } });
    expect(goalMet({ kind: 'listening', serverKind: 'app' }, echo)).toBe(false);
    expect(goalMet({ kind: 'listening', serverKind: 'app' }, app)).toBe(true);
    expect(goalMet({ kind: 'listening' }, echo)).toBe(true);
  });
});
