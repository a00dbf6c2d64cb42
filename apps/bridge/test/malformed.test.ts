/**
 * Item 10, malformed input. Each kind of bad message gets an error that names the problem (the
 * path and what was expected), the session goes on, and only a long run of bad messages with no
 * valid one between closes the page (1008, with a reason). A valid message resets the count.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@socket-playground/protocol';
import { errorOf, PageClient, resultOf, startTestBridge, trackResources } from './helpers.ts';

const defer = trackResources();

async function ready() {
  const bridge = await startTestBridge(defer);
  const page = await PageClient.connect(bridge, defer);
  await page.hello();
  return { bridge, page };
}

async function stillAnswers(page: PageClient): Promise<void> {
  expect(resultOf(await page.request({ type: 'bytes.get', dataId: 'nope' }), 'bytes').data).toBeNull();
}

describe('each malformed message gets an error naming the problem', () => {
  it.each([
    ['wrong type', { type: 'server.start', host: '127.0.0.1', port: 0, backlog: 'many' }, /at backlog: .*expected number, received string/],
    ['negative size', { type: 'server.start', host: '127.0.0.1', port: 0, backlog: -1 }, /at backlog: .*expected number to be >=0/],
    ['huge size', { type: 'demo.run', spec: { demo: 'sendall', totalBytes: 1e15 } }, /at spec\.totalBytes: .*expected number to be <=67108864/],
    ['huge bufsize', { type: 'stepper.bufsize', stepperId: 'st1', bufsize: 2 ** 40 }, /at bufsize: .*<=65536/],
    ['fractional size', { type: 'demo.run', spec: { demo: 'recv-bufsize', messageBytes: 1.5 } }, /at spec\.messageBytes: .*expected int/],
    ['missing field', { type: 'server.stop' }, /at serverId: .*expected string, received undefined/],
    ['unknown command', { type: 'server.explode' }, /at type: unknown type "server\.explode": expected one of hello, server\.start, .*netlab\.matrix/],
    ['unknown demo', { type: 'demo.run', spec: { demo: 'teleport' } }, /at spec\.demo: unknown demo "teleport": expected one of recv-bufsize, /],
    ['__proto__ key', JSON.parse('{"type":"bytes.get","dataId":"d","__proto__":{"polluted":true}}') as Record<string, unknown>, /at __proto__: the key "__proto__" is not allowed/],
    ['nested __proto__', JSON.parse('{"type":"demo.run","spec":{"demo":"udp","__proto__":{"x":1}}}') as Record<string, unknown>, /at spec\.__proto__: the key "__proto__" is not allowed/],
    ['constructor key', { type: 'bytes.get', dataId: 'd', constructor: { prototype: {} } }, /at constructor: the key "constructor" is not allowed/],
  ])('%s → BAD_MESSAGE reply to its reqId, naming path and expectation', async (_name, command, expected) => {
    const { bridge, page } = await ready();
    const reply = await page.request(command as { type: string });
    const error = errorOf(reply);
    expect(error.code).toBe('BAD_MESSAGE');
    expect(error.message).toMatch(/^does not match the protocol/);
    expect(error.message).toMatch(expected);
    expect(error.context).toEqual({ reqId: reply.reqId });
    // Nothing leaked onto Object.prototype, nothing was run, and the session goes on.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(bridge.session.state.servers).toEqual([]);
    await stillAnswers(page);
  });

  it.each([
    ['type', `{"type":${'['.repeat(30_000)}${']'.repeat(30_000)},"reqId":"deep"}`, /at type: type is an array: expected one of hello, /],
    ['spec', `{"type":"demo.run","reqId":"deep","spec":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`, /at spec\.demo: no demo: expected one of recv-bufsize, /],
  ])('a deeply nested %s → BAD_MESSAGE reply, no stack overflow', async (_name, text, expected) => {
    const { page } = await ready();
    page.ws.send(text);
    const error = errorOf(await page.replyTo('deep'));
    expect(error.code).toBe('BAD_MESSAGE');
    expect(error.message).toMatch(expected);
    await stillAnswers(page);
  });

  it('a reqId of emoji (64 characters, 128 UTF-16 units) is answered as the schema counts it, not left waiting', async () => {
    const { page } = await ready();
    const reqId = '\u{1F50C}'.repeat(64);
    page.ws.send(JSON.stringify({ type: 'server.explode', reqId }));
    const error = errorOf(await page.replyTo(reqId));
    expect(error.code).toBe('BAD_MESSAGE');
    expect(error.context).toEqual({ reqId });
    await stillAnswers(page);
  });

  it('bad JSON and a body that is not an object → problem BAD_MESSAGE (no reqId to answer)', async () => {
    const { page } = await ready();
    let from = page.messages.length;
    page.ws.send('{"type": "bytes.get", "reqId": ');
    expect((await page.nextProblem(from)).error).toEqual({ code: 'BAD_MESSAGE', message: 'not valid JSON' });
    from = page.messages.length;
    page.ws.send('[1,2,3]');
    expect((await page.nextProblem(from)).error.message).toMatch(/expected object, received array/);
    await stillAnswers(page);
  });
});

describe('many malformed messages in a row', () => {
  const N = LIMITS.maxConsecutiveBadMessages;

  it(`${N} in a row close the page with 1008 and a reason; the bridge and other pages go on`, async () => {
    const { bridge, page } = await ready();
    const other = await PageClient.connect(bridge, defer);
    await other.hello();
    for (let i = 0; i < N - 1; i++) page.ws.send(i % 2 ? 'not json' : JSON.stringify({ type: 'nope', reqId: `b${i}` }));
    await page.replyTo(`b${N - 2}`);
    expect(page.ws.readyState).toBe(page.ws.OPEN);
    page.ws.send('still not json');
    const closed = await page.closed;
    expect(closed).toEqual({ code: 1008, reason: `${N} malformed messages in a row` });
    const last = page.messages.at(-1);
    expect(last).toMatchObject({ type: 'problem', error: { code: 'TOO_MANY_BAD_MESSAGES', context: { limit: N } } });
    await stillAnswers(other);
    // The page comes back (as the real one does) and is served.
    const back = await PageClient.connect(bridge, defer);
    await back.hello();
    await stillAnswers(back);
  });

  it('a valid message resets the count', async () => {
    const { page } = await ready();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < N - 1; i++) page.ws.send('{');
      await stillAnswers(page);
    }
    // 3 × (N − 1) malformed messages, never N in a row: still open.
    expect(page.ws.readyState).toBe(page.ws.OPEN);
    const problems = page.messages.filter((m) => m.type === 'problem');
    expect(problems).toHaveLength(3 * (N - 1));
  });

  it('a binary message counts as malformed too', async () => {
    const { page } = await ready();
    for (let i = 0; i < N; i++) page.ws.send(Buffer.from('{}'), { binary: true });
    expect((await page.closed).code).toBe(1008);
  });
});
