import { describe, expect, it } from 'vitest';
import {
  AgentCommand,
  BridgeMessage,
  KNOWN_ERROR_CODES,
  LabEvent,
  PageCommand,
  explainError,
  parseMessage,
} from '../src/index.ts';

const base = { ts: 1.5, labHost: 'local', socketId: 's1', owner: 'srv1', role: 'listener' as const };

describe('schemas', () => {
  it('accept every call and reject an unknown one', () => {
    const samples = [
      { ...base, call: 'socket', family: 'IPv4' },
      { ...base, call: 'bind', requested: { host: '127.0.0.1', port: 65432 } },
      { ...base, call: 'listen', backlog: 128 },
      { ...base, call: 'accept', newSocketId: 's2' },
      { ...base, call: 'connect', target: { host: 'localhost', port: 1, address: '127.0.0.1' }, durationMs: 0.2 },
      { ...base, call: 'send', bytes: 1, offset: 0, preview: 'eA==', queued: 0 },
      { ...base, call: 'recv', bytes: 0, offset: 1, preview: '', eof: true },
      { ...base, call: 'close', reason: 'peer', bytesSent: 1, bytesReceived: 1 },
      { ...base, call: 'error', failedCall: 'bind', error: { code: 'EADDRINUSE', message: 'x' } },
    ];
    for (const s of samples) expect(LabEvent.safeParse(s).success, s.call).toBe(true);
    expect(LabEvent.safeParse({ ...base, call: 'fork' }).success).toBe(false);
    expect(LabEvent.safeParse({ ...base, call: 'send', bytes: -1, offset: 0, preview: '', queued: 0 }).success).toBe(false);
  });

  it('fill defaults in commands (lab host, expose confirmation)', () => {
    const parsed = PageCommand.parse({ type: 'server.start', reqId: 'a', host: '127.0.0.1', port: 65432, backlog: 5 });
    expect(parsed).toMatchObject({ labHost: 'local', exposeConfirmed: false });
    expect(AgentCommand.parse({ type: 'shutdown' })).toEqual({ type: 'shutdown' });
    expect(PageCommand.safeParse({ type: 'shutdown' }).success).toBe(false);
  });

  it('tell replies apart by ok', () => {
    const ok = BridgeMessage.parse({ type: 'reply', reqId: 'a', ok: true, result: { kind: 'server.stopped', serverId: 'srv1' } });
    expect(ok).toMatchObject({ ok: true });
    expect(BridgeMessage.safeParse({ type: 'reply', reqId: 'a', ok: false }).success).toBe(false);
  });
});

describe('parseMessage', () => {
  it('never throws and says what is wrong', () => {
    expect(parseMessage(PageCommand, '{').ok).toBe(false);
    const wrongType = parseMessage(PageCommand, '{"type":"rm -rf"}');
    expect(!wrongType.ok && wrongType.error.message).toMatch(/at type/);
    const withReq = parseMessage(PageCommand, '{"type":"server.stop","reqId":"r7"}');
    expect(!withReq.ok && withReq.error.context).toEqual({ reqId: 'r7' });
  });
});

describe('explainError', () => {
  it('explains every errno the lab reports, in plain words with the context', () => {
    for (const code of ['EADDRINUSE', 'EADDRNOTAVAIL', 'EACCES', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']) {
      expect(KNOWN_ERROR_CODES).toContain(code);
    }
    const e = explainError({ code: 'EADDRINUSE', message: 'listen EADDRINUSE', context: { host: '127.0.0.1', port: 65432 } });
    expect(e.title).toBe('Address already in use: 127.0.0.1 port 65432');
    expect(e.why).toMatch(/bind\(\)/);
  });
  it('falls back to the raw message for codes it does not know', () => {
    expect(explainError({ code: 'EWEIRD', message: 'something odd' })).toEqual({ title: 'EWEIRD', why: 'something odd' });
  });
});

describe('topology host names', () => {
  it('refuses "local": it is the learner\'s own machine, the bridge\'s own agent', async () => {
    const { HostName } = await import('../src/topology.ts');
    expect(HostName.safeParse('pc1').success).toBe(true);
    expect(HostName.safeParse('local').success).toBe(false);
    expect(HostName.safeParse('localx').success).toBe(true);
  });
});
