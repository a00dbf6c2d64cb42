/**
 * WebSocket size limits (item 9 of the perimeter brief): a message over maxPayload closes that
 * page with 1009; a flood of tiny continuation frames that never finishes a message is cut off
 * after MAX_MESSAGE_FRAGMENTS (1008) instead of piling up fragments in the bridge's memory.
 * Another page connected at the same time keeps getting replies throughout.
 */
import { createRequire } from 'node:module';
import { beforeEach, describe, expect, it } from 'vitest';
import { LIMITS, PROTOCOL_VERSION } from '@socket-playground/protocol';
import { MAX_MESSAGE_FRAGMENTS } from '../src/ws-gateway.ts';
import { PageClient, startTestBridge, trackResources, until, type TestBridge } from './helpers.ts';
import { clientFrame, closeCodeIn, rawWebSocket, type RawWebSocket } from './security-helpers.ts';

const defer = trackResources();
let bridge: TestBridge;
let bystander: PageClient;

beforeEach(async () => {
  bridge = await startTestBridge(defer);
  bystander = await PageClient.connect(bridge, defer);
  await bystander.hello();
});

/** The bystander page still gets an answer to a command sent now. */
async function bystanderStillServed(): Promise<void> {
  const reply = await bystander.request({ type: 'no.such.command' });
  expect(reply.ok).toBe(false);
  expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
}

async function openRaw(): Promise<RawWebSocket> {
  const raw = await rawWebSocket(bridge.port, { token: bridge.token, origin: `http://127.0.0.1:${bridge.port}`, host: `127.0.0.1:${bridge.port}` });
  defer(() => raw.socket.destroy());
  raw.socket.on('error', () => undefined);
  return raw;
}

/** Wait (bounded) until the bridge has closed the raw connection; resolves with the close code it sent. */
async function closedByBridge(raw: RawWebSocket): Promise<number | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('the bridge did not close the connection within 5 s')), 5000);
  });
  try {
    await Promise.race([raw.closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return closeCodeIn(raw.received());
}

describe('9. message size limits', () => {
  it('the installed ws is the pinned, patched version with fragment limits', () => {
    const require = createRequire(import.meta.url);
    const installed = (require('ws/package.json') as { version: string }).version;
    const pinned = (require('../package.json') as { dependencies: Record<string, string> }).dependencies.ws;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(pinned);
    // maxFragments arrived in ws 8.19; maxPayload counts the sum of fragments since long before.
    const [major = 0, minor = 0] = installed.split('.').map(Number);
    expect(major > 8 || (major === 8 && minor >= 19)).toBe(true);
  });

  it('a message just under maxPayload is read (and answered), not closed', async () => {
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    const from = page.messages.length;
    // Valid JSON, not a command: the bridge answers with a problem, proving it read the message.
    page.ws.send(JSON.stringify({ pad: 'x'.repeat(LIMITS.maxCommandBytes - 20) }));
    await page.nextProblem(from);
    expect(page.ws.readyState).toBe(page.ws.OPEN);
  });

  it('a huge message closes that page with 1009; another page is unaffected', async () => {
    const page = await PageClient.connect(bridge, defer);
    await page.hello();
    page.ws.send('x'.repeat(LIMITS.maxCommandBytes + 1));
    const closed = await page.closed;
    expect(closed.code).toBe(1009);
    await bystanderStillServed();
    await until(() => (bridge.gateway.open === 1 ? true : undefined), 'the closed page to leave the gateway');
  });

  it('a huge message in many fragments (sum over maxPayload) is closed with 1009', async () => {
    const raw = await openRaw();
    const piece = Buffer.alloc(16 * 1024, 0x61);
    const frames = [clientFrame(0x1, false, piece)];
    for (let i = 0; i < 5; i++) frames.push(clientFrame(0x0, false, piece));
    raw.socket.write(Buffer.concat(frames));
    expect(await closedByBridge(raw)).toBe(1009);
    await bystanderStillServed();
  });

  it.each([
    ['1-byte', 1],
    ['empty', 0],
  ])('a flood of %s continuation frames is cut off after MAX_MESSAGE_FRAGMENTS (1008); memory stays bounded', async (_name, size) => {
    const raw = await openRaw();
    const heapBefore = process.memoryUsage().heapUsed;
    const one = clientFrame(0x0, false, Buffer.alloc(size, 0x61));
    const FLOOD = 5000;
    // Far fewer than ws's default limit (16384), far more than ours: only our limit can close this.
    expect(FLOOD).toBeGreaterThan(MAX_MESSAGE_FRAGMENTS * 10);
    raw.socket.write(clientFrame(0x1, false, Buffer.from('{')));
    for (let sent = 0; sent < FLOOD && !raw.socket.destroyed; sent += 500) {
      raw.socket.write(Buffer.concat(Array.from({ length: 500 }, () => one)));
      await new Promise((r) => setImmediate(r));
    }
    expect(await closedByBridge(raw)).toBe(1008);
    // Generous: the point is that nothing proportional to the flood is kept.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    await bystanderStillServed();
    await until(() => (bridge.gateway.open === 1 ? true : undefined), 'the flooding page to leave the gateway');
  });

  it('a message in a few fragments (as a browser may send) is still accepted', async () => {
    const raw = await openRaw();
    const text = JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION });
    const parts = [text.slice(0, 5), text.slice(5, 10), text.slice(10)];
    raw.socket.write(
      Buffer.concat(parts.map((p, i) => clientFrame(i === 0 ? 0x1 : 0x0, i === parts.length - 1, Buffer.from(p)))),
    );
    await until(() => (raw.received().includes('"welcome"') ? true : undefined), 'welcome to a fragmented hello');
  });
});
