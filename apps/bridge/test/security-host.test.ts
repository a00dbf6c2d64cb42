/**
 * DNS rebinding and reachability (items 3, 4 and 6 of the perimeter brief). A page on
 * attacker.example whose name later resolves to 127.0.0.1 still sends `Host: attacker.example`;
 * every HTTP route and the WebSocket refuse any Host but 127.0.0.1:PORT and localhost:PORT,
 * including the odd spellings of loopback that got past the Node inspector's check.
 * Only loopback peers are served, and the bridge listens on 127.0.0.1 alone.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../src/http-app.ts';
import { upgradeRefusal, type GatewayOptions } from '../src/ws-gateway.ts';
import { BRIDGE_HOST } from '../src/bridge.ts';
import { INDEX_HTML, startTestBridge, trackResources, tryUpgrade, type TestBridge } from './helpers.ts';
import { rawHttp } from './security-helpers.ts';

const defer = trackResources();
const APP_JS = 'console.log("asset from the static dir");\n';

/** Every route http-app.ts answers: the health API, the page, a static asset, /ws over plain HTTP, and the 404 fallback. */
const ROUTES = ['/api/health', '/', '/index.html', '/assets/app.js', '/ws', '/no-such-file'];

const FOREIGN_HOSTS: [string, (p: number) => string][] = [
  ['attacker.example:PORT (DNS rebinding)', (p) => `attacker.example:${p}`],
  ['attacker.example (no port)', () => 'attacker.example'],
  ['localhost6', () => 'localhost6'],
  ['localhost6:PORT', (p) => `localhost6:${p}`],
  ['0.0.0.0:PORT', (p) => `0.0.0.0:${p}`],
  ['1.1.1.01', () => '1.1.1.01'],
  ['1.1.1.01:PORT', (p) => `1.1.1.01:${p}`],
  ['[::]', () => '[::]'],
  ['[::]:PORT', (p) => `[::]:${p}`],
  ['[::1]:PORT', (p) => `[::1]:${p}`],
  ['[::ffff:127.0.0.1]:PORT', (p) => `[::ffff:127.0.0.1]:${p}`],
  ['127.0.0.1.:PORT (trailing dot)', (p) => `127.0.0.1.:${p}`],
  ['localhost.:PORT (trailing dot)', (p) => `localhost.:${p}`],
  ['127.1:PORT (short IPv4)', (p) => `127.1:${p}`],
  ['2130706433:PORT (decimal IPv4)', (p) => `2130706433:${p}`],
  ['0x7f.0.0.1:PORT (hex IPv4)', (p) => `0x7f.0.0.1:${p}`],
  ['127.0.0.01:PORT (leading zero)', (p) => `127.0.0.01:${p}`],
  ['127.0.0.2:PORT (other loopback)', (p) => `127.0.0.2:${p}`],
  ['127.0.0.1:0PORT (port with a leading zero)', (p) => `127.0.0.1:0${p}`],
  ['127.0.0.1 on another port', (p) => `127.0.0.1:${p === 65535 ? p - 1 : p + 1}`],
  ['127.0.0.1 without a port', () => '127.0.0.1'],
  ['localhost without a port', () => 'localhost'],
  ['127.0.0.1:PORT.attacker.example (suffix)', (p) => `127.0.0.1:${p}.attacker.example`],
  ['localhost:PORT.attacker.example (suffix)', (p) => `localhost:${p}.attacker.example`],
  ['attacker.example@127.0.0.1:PORT (userinfo)', (p) => `attacker.example@127.0.0.1:${p}`],
];

let bridge: TestBridge;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'bridge-security-host-'));
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), APP_JS);
  // One bridge for the whole file (many cases); trackResources' afterEach would close it early.
  const closers: (() => unknown)[] = [];
  bridge = await startTestBridge((c) => closers.push(c), { staticDir });
  return async () => {
    while (closers.length > 0) await closers.pop()?.();
    rmSync(staticDir, { recursive: true, force: true });
  };
});

describe('3. DNS rebinding on HTTP: a foreign Host is refused on every route', () => {
  it('the allowed hosts do get every route (so the refusals below are about Host alone)', async () => {
    for (const host of [`127.0.0.1:${bridge.port}`, `localhost:${bridge.port}`]) {
      expect((await rawHttp(bridge.port, { path: '/api/health', host })).status).toBe(200);
      expect((await rawHttp(bridge.port, { path: '/', host })).body).toBe(INDEX_HTML);
      expect((await rawHttp(bridge.port, { path: '/index.html', host })).body).toBe(INDEX_HTML);
      expect((await rawHttp(bridge.port, { path: '/assets/app.js', host })).body).toBe(APP_JS);
      expect((await rawHttp(bridge.port, { path: '/no-such-file', host })).status).toBe(404);
    }
  });

  describe.each(FOREIGN_HOSTS)('Host %s', (_name, host) => {
    it.each(ROUTES)('GET and HEAD %s → 403 with nothing of the bridge in the answer', async (path) => {
      for (const method of ['GET', 'HEAD']) {
        const res = await rawHttp(bridge.port, { method, path, host: host(bridge.port) });
        expect(res.status).toBe(403);
        expect(res.body).not.toContain('hello from the static dir');
        expect(res.body).not.toContain('asset from the static dir');
        expect(res.body).not.toContain('"ok"');
        expect(res.body).not.toContain('protocol');
        // The refusal carries the security headers too.
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      }
    });
  });

  it('a request without any Host header is not served', async () => {
    for (const path of ROUTES) {
      const res = await rawHttp(bridge.port, { path, host: undefined });
      expect([400, 403]).toContain(res.status);
      expect(res.body).not.toContain('hello from the static dir');
    }
  });
});

describe('4. DNS rebinding on the WebSocket: valid token and Origin, foreign Host', () => {
  it.each(FOREIGN_HOSTS)('Host %s → 403, no page connection', async (_name, host) => {
    const before = bridge.gateway.accepted;
    const result = await tryUpgrade(bridge.port, { token: bridge.token, origin: `http://127.0.0.1:${bridge.port}`, host: host(bridge.port) });
    expect(result).toEqual({ outcome: 'refused', status: 403 });
    expect(bridge.logLines.at(-1)).toBe('refused a WebSocket upgrade: Host header not allowed');
    expect(bridge.gateway.accepted).toBe(before);
  });

  it('the rebinding page’s own origin with its own Host → 403', async () => {
    const result = await tryUpgrade(bridge.port, { token: bridge.token, origin: `http://attacker.example:${bridge.port}`, host: `attacker.example:${bridge.port}` });
    expect(result).toEqual({ outcome: 'refused', status: 403 });
  });
});

describe('6. only loopback: listening address and peer check', () => {
  it('listens on 127.0.0.1 (IPv4) only, not on a wildcard address', () => {
    const address = bridge.server.address() as AddressInfo;
    expect(BRIDGE_HOST).toBe('127.0.0.1');
    expect(address).toEqual({ address: '127.0.0.1', family: 'IPv4', port: bridge.port });
  });

  it('is not reachable on the IPv6 loopback [::1] (another interface than the one it listens on)', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '::1', port: bridge.port });
      socket.setTimeout(2000, () => {
        socket.destroy();
        resolve('timeout');
      });
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    // ECONNREFUSED where IPv6 exists, EADDRNOTAVAIL/ENETUNREACH where it does not.
    expect(outcome).not.toBe('connected');
  });

  it('the HTTP app refuses a peer without a loopback address (a Unix socket peer has none)', async () => {
    // A real request through the real middleware; remoteAddress is undefined on a Unix socket.
    const dir = mkdtempSync(join(tmpdir(), 'bridge-peer-'));
    defer(() => rmSync(dir, { recursive: true, force: true }));
    const socketPath = join(dir, 'http.sock');
    const port = bridge.port;
    const server = createServer(createHttpApp({ allowedHosts: new Set([`127.0.0.1:${port}`]), staticDir }));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    defer(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ socketPath, path: '/api/health', headers: { host: `127.0.0.1:${port}` }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.setTimeout(5000, () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it.each([
    ['10.0.0.1', 'peer is not on loopback'],
    ['::ffff:10.0.0.1', 'peer is not on loopback'],
    ['192.168.1.20', 'peer is not on loopback'],
    ['fe80::1', 'peer is not on loopback'],
    [undefined, 'peer is not on loopback'],
    ['127.0.0.1', undefined],
    ['::ffff:127.0.0.1', undefined],
    ['::1', undefined],
  ])('the WebSocket gateway with a peer at %s: %s', (remoteAddress, reason) => {
    const port = 6464;
    const req = {
      url: '/ws?token=t0k3n',
      socket: { remoteAddress },
      headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` },
    } as unknown as IncomingMessage;
    const options = { token: 't0k3n', allowedHosts: new Set([`127.0.0.1:${port}`]), allowedOrigins: new Set([`http://127.0.0.1:${port}`]) } as unknown as GatewayOptions;
    expect(upgradeRefusal(req, options)).toBe(reason);
  });
});
