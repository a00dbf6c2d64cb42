/**
 * The page protocol as the bridge speaks it: hello/welcome, HELLO_FIRST, PROTOCOL_MISMATCH,
 * BAD_MESSAGE for anything malformed (answered by reqId when one is known), and the message
 * size limit (close 1009) that affects only the offending page.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { LIMITS, PROTOCOL_VERSION } from '@socket-playground/protocol';
import { errorOf, httpGet, PageClient, resultOf, startTestBridge, trackResources, until, type TestBridge } from './helpers.ts';

const defer = trackResources();
let bridge: TestBridge;
let page: PageClient;

beforeEach(async () => {
  bridge = await startTestBridge(defer);
  page = await PageClient.connect(bridge, defer);
});

/** A cheap valid command: proves the connection still answers. */
async function stillAnswers(p: PageClient): Promise<void> {
  const reply = await p.request({ type: 'bytes.get', dataId: 'nope' });
  expect(resultOf(reply, 'bytes')).toEqual({ kind: 'bytes', dataId: 'nope', data: null });
}

describe('hello', () => {
  it('hello → welcome with the state, bridgeId and lastSeq 0', async () => {
    const welcome = await page.hello();
    expect(welcome).toEqual({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      bridgeId: bridge.session.bridgeId,
      labHosts: ['local'],
      state: { servers: [], connections: [], steppers: [], netlab: null },
      resumed: false,
      dropped: 0,
      lastSeq: 0,
      privileged: process.getuid?.() === 0,
    });
    expect(welcome.bridgeId).toMatch(/^[0-9a-f-]{36}$/);
    // Nothing else was sent: no replay on a fresh bridge.
    await stillAnswers(page);
    expect(page.messages.map((m) => m.type)).toEqual(['welcome', 'reply']);
  });

  it('a second hello on the same connection is ignored', async () => {
    await page.hello();
    page.send({ type: 'hello', protocol: PROTOCOL_VERSION });
    await stillAnswers(page);
    expect(page.messages.filter((m) => m.type === 'welcome')).toHaveLength(1);
  });

  it('a command before hello → reply HELLO_FIRST to its reqId, and hello still works afterwards', async () => {
    page.send({ type: 'server.start', reqId: 'early', host: '127.0.0.1', port: 0, backlog: 1 });
    await until(() => page.messages.find((m) => m.type === 'reply' && m.reqId === 'early'), 'reply to early');
    const reply = page.messages.find((m) => m.type === 'reply' && m.reqId === 'early');
    expect(reply).toMatchObject({ ok: false, error: { code: 'HELLO_FIRST', message: expect.stringContaining('server.start') } });
    expect(bridge.session.state.servers).toEqual([]);
    await page.hello();
    await stillAnswers(page);
  });

  it('hello with protocol 999 → problem PROTOCOL_MISMATCH, then the bridge closes the connection', async () => {
    page.send({ type: 'hello', protocol: 999 });
    const problem = await page.nextProblem(0);
    expect(problem.error).toMatchObject({ code: 'PROTOCOL_MISMATCH', context: { page: 999, bridge: PROTOCOL_VERSION } });
    expect(await page.closed).toEqual({ code: 1002, reason: 'protocol version mismatch' });
    expect(page.messages.some((m) => m.type === 'welcome')).toBe(false);
  });
});

describe('malformed messages', () => {
  beforeEach(async () => {
    await page.hello();
  });

  it('malformed JSON → problem BAD_MESSAGE, and the next valid command is answered', async () => {
    const from = page.messages.length;
    page.ws.send('{"type": "hello", ');
    expect((await page.nextProblem(from)).error).toEqual({ code: 'BAD_MESSAGE', message: 'not valid JSON' });
    await stillAnswers(page);
  });

  it('an unknown type → problem BAD_MESSAGE', async () => {
    const from = page.messages.length;
    page.send({ type: 'server.explode', labHost: 'local' });
    const problem = await page.nextProblem(from);
    expect(problem.error.code).toBe('BAD_MESSAGE');
    expect(problem.error.message).toContain('does not match the protocol');
    await stillAnswers(page);
  });

  it.each([
    ['a number', '42'],
    ['null', 'null'],
    ['an array', '[{"type":"hello","protocol":1}]'],
    ['a string', '"hello"'],
  ])('JSON that is %s → problem BAD_MESSAGE', async (_name, text) => {
    const from = page.messages.length;
    page.ws.send(text);
    expect((await page.nextProblem(from)).error.code).toBe('BAD_MESSAGE');
    await stillAnswers(page);
  });

  it('a bad command that carries a reqId → reply ok:false with that reqId', async () => {
    page.send({ type: 'server.start', reqId: 'bad-1', host: '127.0.0.1', backlog: 'many' });
    const reply = await page.replyTo('bad-1');
    const error = errorOf(reply);
    expect(error.code).toBe('BAD_MESSAGE');
    expect(error.message).toMatch(/does not match the protocol at (port|backlog)/);
    expect(error.context).toEqual({ reqId: 'bad-1' });
    expect(page.messages.filter((m) => m.type === 'problem')).toEqual([]);
    expect(bridge.session.state.servers).toEqual([]);
  });

  it('a reqId that is not a string gets a problem, not a reply', async () => {
    const from = page.messages.length;
    page.send({ type: 'server.stop', reqId: 7, serverId: 'srv1' });
    expect((await page.nextProblem(from)).error.code).toBe('BAD_MESSAGE');
    await stillAnswers(page);
  });

  it('a binary message → problem BAD_MESSAGE', async () => {
    const from = page.messages.length;
    page.ws.send(Buffer.from(JSON.stringify({ type: 'bytes.get', reqId: 'bin', dataId: 'x' })), { binary: true });
    const problem = await page.nextProblem(from);
    expect(problem.error).toEqual({ code: 'BAD_MESSAGE', message: 'binary messages are not part of the protocol' });
    expect(page.messages.some((m) => m.type === 'reply' && m.reqId === 'bin')).toBe(false);
    await stillAnswers(page);
  });

  it('a command for an unknown lab host → reply UNKNOWN_LAB_HOST', async () => {
    const reply = await page.request({ type: 'bytes.get', labHost: 'mars', dataId: 'd1' });
    expect(errorOf(reply)).toMatchObject({ code: 'UNKNOWN_LAB_HOST', context: { labHost: 'mars' } });
  });
});

describe('message size limit', () => {
  it('a message of exactly LIMITS.maxCommandBytes is read (and refused as JSON), not cut off', async () => {
    await page.hello();
    const from = page.messages.length;
    page.ws.send('x'.repeat(LIMITS.maxCommandBytes));
    expect((await page.nextProblem(from)).error.code).toBe('BAD_MESSAGE');
    await stillAnswers(page);
  });

  it('one byte over the limit closes that connection with 1009; another page and health are unaffected', async () => {
    await page.hello();
    const other = await PageClient.connect(bridge, defer);
    await other.hello();

    const oversized = JSON.stringify({ type: 'bytes.get', reqId: 'big', dataId: 'x', pad: '' });
    const padding = 'p'.repeat(LIMITS.maxCommandBytes + 1 - Buffer.byteLength(oversized));
    const message = oversized.replace('"pad":""', `"pad":"${padding}"`);
    expect(Buffer.byteLength(message)).toBe(LIMITS.maxCommandBytes + 1);
    page.ws.send(message);

    expect((await page.closed).code).toBe(1009);
    expect(page.messages.some((m) => m.type === 'reply')).toBe(false);

    await stillAnswers(other);
    const started = await other.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 1 });
    expect(resultOf(started, 'server.started').listening.address).toBe('127.0.0.1');
    const health = await httpGet(bridge.port, '/api/health', `127.0.0.1:${bridge.port}`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true, protocol: PROTOCOL_VERSION });
  });
});
