/**
 * Every WebSocket upgrade check gets a test: a refused request is answered 403 before any
 * upgrade, never becomes a page connection (never gets `welcome`), and is refused for the
 * reason the case is about (the bridge logs it).
 */
import { connect } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@socket-playground/protocol';
import { PageClient, startTestBridge, trackResources, tryUpgrade, type TestBridge, type UpgradeTarget } from './helpers.ts';

const defer = trackResources();
let bridge: TestBridge;

beforeEach(async () => {
  bridge = await startTestBridge(defer);
});

/** A request that passes every check; each case changes one thing. */
function good(): Required<Pick<UpgradeTarget, 'token' | 'origin' | 'host' | 'path'>> {
  return { path: '/ws', token: bridge.token, origin: `http://127.0.0.1:${bridge.port}`, host: `127.0.0.1:${bridge.port}` };
}

type Case = [name: string, change: (t: UpgradeTarget, port: number, token: string) => UpgradeTarget, reason: string];

const refused: Case[] = [
  ['no token', (t) => ({ ...t, token: undefined }), 'missing or wrong token'],
  ['empty token', (t) => ({ ...t, token: '' }), 'missing or wrong token'],
  ['wrong token of the same length', (t, _p, token) => ({ ...t, token: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` }), 'missing or wrong token'],
  ['wrong token of another length', (t, _p, token) => ({ ...t, token: `${token}x` }), 'missing or wrong token'],
  ['a prefix of the token', (t, _p, token) => ({ ...t, token: token.slice(0, 8) }), 'missing or wrong token'],
  ['Origin http://evil.example', (t) => ({ ...t, origin: 'http://evil.example' }), 'Origin not allowed'],
  ['Origin http://127.0.0.1:PORT.evil.example', (t, p) => ({ ...t, origin: `http://127.0.0.1:${p}.evil.example` }), 'Origin not allowed'],
  ['Origin http://localhost:PORT@evil.example', (t, p) => ({ ...t, origin: `http://localhost:${p}@evil.example` }), 'Origin not allowed'],
  ['Origin null', (t) => ({ ...t, origin: 'null' }), 'Origin not allowed'],
  ['Origin on another port', (t, p) => ({ ...t, origin: `http://127.0.0.1:${p === 65535 ? p - 1 : p + 1}` }), 'Origin not allowed'],
  ['Origin https://127.0.0.1:PORT', (t, p) => ({ ...t, origin: `https://127.0.0.1:${p}` }), 'Origin not allowed'],
  ['Origin http://127.0.0.1:PORT/path', (t, p) => ({ ...t, origin: `http://127.0.0.1:${p}/path` }), 'Origin not allowed'],
  ['no Origin at all', (t) => ({ ...t, origin: undefined }), 'Origin not allowed'],
  ['Host attacker.example:PORT', (t, p) => ({ ...t, host: `attacker.example:${p}` }), 'Host header not allowed'],
  ['Host localhost6:PORT', (t, p) => ({ ...t, host: `localhost6:${p}` }), 'Host header not allowed'],
  ['Host 0.0.0.0:PORT', (t, p) => ({ ...t, host: `0.0.0.0:${p}` }), 'Host header not allowed'],
  ['Host [::1]:PORT', (t, p) => ({ ...t, host: `[::1]:${p}` }), 'Host header not allowed'],
  ['Host with the wrong port', (t, p) => ({ ...t, host: `127.0.0.1:${p === 65535 ? p - 1 : p + 1}` }), 'Host header not allowed'],
  ['Host without a port', (t) => ({ ...t, host: '127.0.0.1' }), 'Host header not allowed'],
  ['path /other', (t) => ({ ...t, path: '/other' }), 'unknown path'],
  ['path /ws/', (t) => ({ ...t, path: '/ws/' }), 'unknown path'],
];

describe('WebSocket upgrade is refused with 403 before the upgrade', () => {
  it.each(refused)('%s', async (_name, change, reason) => {
    const target = change(good(), bridge.port, bridge.token);
    const result = await tryUpgrade(bridge.port, target);
    expect(result).toEqual({ outcome: 'refused', status: 403 });
    expect(bridge.logLines).toEqual([`refused a WebSocket upgrade: ${reason}`]);
  });

  it('a refused client gets a bare 403 and nothing more, even if it sends a hello frame anyway', async () => {
    const hello = Buffer.from(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION }));
    const mask = Buffer.from([1, 2, 3, 4]);
    const frame = Buffer.concat([Buffer.from([0x81, 0x80 | hello.length]), mask, hello.map((b, i) => b ^ (mask[i % 4] ?? 0))]);
    const upgrade = [
      `GET /ws?token=${bridge.token} HTTP/1.1`,
      `Host: 127.0.0.1:${bridge.port}`,
      'Origin: http://evil.example',
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      '',
      '',
    ].join('\r\n');
    const socket = connect({ host: '127.0.0.1', port: bridge.port });
    defer(() => socket.destroy());
    const received = await new Promise<string>((resolve, reject) => {
      let text = '';
      socket.setTimeout(5000, () => reject(new Error('the bridge did not close a refused connection')));
      socket.on('connect', () => socket.write(Buffer.concat([Buffer.from(upgrade), frame])));
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
    });
    expect(received).toBe('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    expect(bridge.logLines).toEqual(['refused a WebSocket upgrade: Origin not allowed']);
  });
});

describe('WebSocket upgrade is accepted from the bridge’s own page', () => {
  it('Origin http://127.0.0.1:PORT with Host 127.0.0.1:PORT', async () => {
    const page = await PageClient.open(bridge.port, { token: bridge.token, origin: `http://127.0.0.1:${bridge.port}`, host: `127.0.0.1:${bridge.port}` });
    defer(() => page.close());
    const welcome = await page.hello();
    expect(welcome.bridgeId).toBe(bridge.session.bridgeId);
    expect(bridge.logLines).toEqual([]);
  });

  it('Origin http://localhost:PORT with Host localhost:PORT', async () => {
    const page = await PageClient.open(bridge.port, { token: bridge.token, origin: `http://localhost:${bridge.port}`, host: `localhost:${bridge.port}` });
    defer(() => page.close());
    const welcome = await page.hello();
    expect(welcome.bridgeId).toBe(bridge.session.bridgeId);
    expect(bridge.logLines).toEqual([]);
  });

  it('extra origins and hosts (the Vite dev server) are allowed exactly, and only those', async () => {
    const dev = await startTestBridge(defer, { extraOrigins: ['http://127.0.0.1:5173'], extraHosts: ['127.0.0.1:5173'] });
    const base = { token: dev.token, origin: 'http://127.0.0.1:5173', host: '127.0.0.1:5173' };
    expect(await tryUpgrade(dev.port, base)).toEqual({ outcome: 'open' });
    expect(await tryUpgrade(dev.port, { ...base, origin: 'http://127.0.0.1:5174' })).toEqual({ outcome: 'refused', status: 403 });
    expect(await tryUpgrade(dev.port, { ...base, host: '127.0.0.1:5174' })).toEqual({ outcome: 'refused', status: 403 });
  });
});
