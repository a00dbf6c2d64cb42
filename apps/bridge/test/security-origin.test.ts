/**
 * Cross-site WebSocket hijacking (items 1, 2 and 5 of the perimeter brief): a page on another
 * origin, an origin spelled to slip past a loose check, or a request without the session token
 * is answered 403 before any upgrade, and never becomes a page connection.
 */
import { connect } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { PageClient, startTestBridge, trackResources, tryUpgrade, type TestBridge, type UpgradeTarget } from './helpers.ts';

const defer = trackResources();
let bridge: TestBridge;

beforeEach(async () => {
  bridge = await startTestBridge(defer);
});

function good(): UpgradeTarget & { token: string } {
  return { path: '/ws', token: bridge.token, origin: `http://127.0.0.1:${bridge.port}`, host: `127.0.0.1:${bridge.port}` };
}

/** Expect a 403 before the upgrade, with no page connection made, for the given reason. */
async function expectRefused(target: UpgradeTarget, reason: string): Promise<void> {
  const before = bridge.gateway.refused;
  expect(await tryUpgrade(bridge.port, target)).toEqual({ outcome: 'refused', status: 403 });
  expect(bridge.gateway.refused).toBe(before + 1);
  expect(bridge.gateway.accepted).toBe(0);
  expect(bridge.gateway.open).toBe(0);
  expect(bridge.logLines.at(-1)).toBe(`refused a WebSocket upgrade: ${reason}`);
}

/** The status line a raw upgrade request gets; the socket only ever goes to 127.0.0.1. */
function rawUpgradeStatus(port: number, headers: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error('no answer to a raw upgrade within 5 s'));
    });
    socket.on('connect', () =>
      socket.write(
        [...headers, 'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', '', ''].join('\r\n'),
      ),
    );
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
  });
}

describe('1. cross-site WebSocket from http://evil.example', () => {
  it.each([
    ['with the valid token', (t: string) => t],
    ['without a token', () => undefined],
    ['with a wrong token', (t: string) => `${t}0`],
  ])('is refused with 403 %s and no page connection is created', async (_name, token) => {
    await expectRefused({ ...good(), origin: 'http://evil.example', token: token(bridge.token) }, 'Origin not allowed');
  });

  it('gets a bare 403 status line on the wire, never 101', async () => {
    const status = await rawUpgradeStatus(bridge.port, [
      `GET /ws?token=${bridge.token} HTTP/1.1`,
      `Host: 127.0.0.1:${bridge.port}`,
      'Origin: http://evil.example',
    ]);
    expect(status).toBe('HTTP/1.1 403 Forbidden');
    expect(bridge.gateway.accepted).toBe(0);
  });

  it('the same request from the bridge’s own page is accepted and counted (the counter works)', async () => {
    const page = await PageClient.open(bridge.port, { token: bridge.token });
    defer(() => page.close());
    await page.hello();
    expect(bridge.gateway.accepted).toBe(1);
    expect(bridge.gateway.open).toBe(1);
  });
});

describe('2. origin spellings that must not pass (exact comparison of the browser’s serialisation)', () => {
  const other = (p: number) => (p === 65535 ? p - 1 : p + 1);
  it.each<[string, (p: number) => string]>([
    ['suffix: 127.0.0.1:PORT.evil.example', (p) => `http://127.0.0.1:${p}.evil.example`],
    ['credentials: localhost:PORT@evil.example', (p) => `http://localhost:${p}@evil.example`],
    ['null (sandboxed frame, file:, data:)', () => 'null'],
    ['another port', (p) => `http://127.0.0.1:${other(p)}`],
    ['no port', () => 'http://127.0.0.1'],
    ['https instead of http', (p) => `https://127.0.0.1:${p}`],
    ['https://localhost', (p) => `https://localhost:${p}`],
    ['ws: scheme', (p) => `ws://127.0.0.1:${p}`],
    ['upper-case scheme', (p) => `HTTP://127.0.0.1:${p}`],
    ['upper-case host', (p) => `http://LOCALHOST:${p}`],
    ['mixed-case host', (p) => `http://LocalHost:${p}`],
    ['trailing dot: localhost.', (p) => `http://localhost.:${p}`],
    ['trailing dot: 127.0.0.1.', (p) => `http://127.0.0.1.:${p}`],
    ['trailing slash', (p) => `http://127.0.0.1:${p}/`],
    ['a path', (p) => `http://127.0.0.1:${p}/path`],
    ['short IPv4: 127.1', (p) => `http://127.1:${p}`],
    ['decimal IPv4: 2130706433', (p) => `http://2130706433:${p}`],
    ['hex IPv4: 0x7f.0.0.1', (p) => `http://0x7f.0.0.1:${p}`],
    ['octal IPv4: 0177.0.0.1', (p) => `http://0177.0.0.1:${p}`],
    ['leading zero: 127.0.0.01', (p) => `http://127.0.0.01:${p}`],
    ['another loopback address', (p) => `http://127.0.0.2:${p}`],
    ['IPv6 loopback', (p) => `http://[::1]:${p}`],
    ['0.0.0.0', (p) => `http://0.0.0.0:${p}`],
    ['port with a leading zero', (p) => `http://127.0.0.1:0${p}`],
    ['the allowed origin inside a path', (p) => `http://evil.example/http://127.0.0.1:${p}`],
    ['two origins in one header', (p) => `http://127.0.0.1:${p} http://evil.example`],
    ['file:', () => 'file://'],
    ['an extension origin', () => 'chrome-extension://abcdefghijklmnop'],
  ])('%s', async (_name, origin) => {
    await expectRefused({ ...good(), origin: origin(bridge.port) }, 'Origin not allowed');
  });

  it('a second Origin header after a good one does not help', async () => {
    const status = await rawUpgradeStatus(bridge.port, [
      `GET /ws?token=${bridge.token} HTTP/1.1`,
      `Host: 127.0.0.1:${bridge.port}`,
      `Origin: http://127.0.0.1:${bridge.port}`,
      'Origin: http://evil.example',
    ]);
    // Node joins duplicate Origin headers with ", " (or drops one): either way not the page's origin.
    expect(status).toMatch(/^HTTP\/1\.1 (400|403) /);
    expect(bridge.gateway.accepted).toBe(0);
  });
});

describe('5. the session token', () => {
  const otherChar = (c: string) => (c === '0' ? '1' : '0');
  it.each<[string, (t: string) => string | undefined]>([
    ['absent', () => undefined],
    ['empty', () => ''],
    ['wrong, same length (last character)', (t) => `${t.slice(0, -1)}${otherChar(t.at(-1) ?? '')}`],
    ['wrong, same length (first character)', (t) => `${otherChar(t[0] ?? '')}${t.slice(1)}`],
    ['wrong, shorter (a prefix)', (t) => t.slice(0, 8)],
    ['wrong, longer (token plus one character)', (t) => `${t}0`],
    ['wrong, much longer', (t) => t.repeat(20)],
    ['other case', (t) => t.toUpperCase()],
  ])('%s → 403', async (_name, token) => {
    await expectRefused({ ...good(), token: token(bridge.token) }, 'missing or wrong token');
  });

  it('the token must be the first token parameter; a good one after a bad one does not count', async () => {
    const status = await rawUpgradeStatus(bridge.port, [
      `GET /ws?token=wrong&token=${bridge.token} HTTP/1.1`,
      `Host: 127.0.0.1:${bridge.port}`,
      `Origin: http://127.0.0.1:${bridge.port}`,
    ]);
    expect(status).toBe('HTTP/1.1 403 Forbidden');
    expect(bridge.gateway.accepted).toBe(0);
  });

  it('a request with no Origin (not a browser) is refused without a token', async () => {
    await expectRefused({ ...good(), origin: undefined, token: undefined }, 'Origin not allowed');
  });

  it('a request with no Origin is refused even with the valid token (browsers always send Origin)', async () => {
    await expectRefused({ ...good(), origin: undefined }, 'Origin not allowed');
  });
});
