/**
 * HTTP side of the bridge: where it listens, the Host check (DNS rebinding defence) on every
 * route including static files, the health endpoint and static serving from a temp dir.
 */
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@socket-playground/protocol';
import { BRIDGE_HOST } from '../src/bridge.ts';
import { httpGet, INDEX_HTML, makeStaticDir, startTestBridge, trackResources, type TestBridge } from './helpers.ts';

const defer = trackResources();
let bridge: TestBridge;

beforeEach(async () => {
  bridge = await startTestBridge(defer);
});

describe('listening address', () => {
  it('listens on 127.0.0.1 only, on the port it reports', () => {
    const address = bridge.server.address() as AddressInfo;
    expect(BRIDGE_HOST).toBe('127.0.0.1');
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(address.port).toBe(bridge.port);
    expect(bridge.port).toBeGreaterThan(0);
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
  });

  it('a second bridge on the same port fails with EADDRINUSE instead of sharing it', async () => {
    await expect(startTestBridge(defer, { port: bridge.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('Host header check', () => {
  it.each(['/', '/index.html', '/api/health', '/no-such-file'])('Host attacker.example:PORT gets 403 for %s', async (path) => {
    const res = await httpGet(bridge.port, path, `attacker.example:${bridge.port}`);
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('hello from the static dir');
    expect(res.body).not.toContain('"ok"');
  });

  it.each([
    ['localhost6:PORT', (p: number) => `localhost6:${p}`],
    ['0.0.0.0:PORT', (p: number) => `0.0.0.0:${p}`],
    ['[::1]:PORT', (p: number) => `[::1]:${p}`],
    ['127.0.0.1 on another port', (p: number) => `127.0.0.1:${p === 65535 ? p - 1 : p + 1}`],
    ['127.0.0.1 without a port', () => '127.0.0.1'],
    ['localhost. (trailing dot)', (p: number) => `localhost.:${p}`],
  ])('Host %s gets 403 for the page', async (_name, host) => {
    const res = await httpGet(bridge.port, '/', host(bridge.port));
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('hello from the static dir');
  });

  it('a request without any Host header is not served', async () => {
    const res = await httpGet(bridge.port, '/api/health', undefined);
    expect([400, 403]).toContain(res.status);
    expect(res.body).not.toContain('"ok"');
  });

  it.each([
    ['127.0.0.1', (p: number) => `127.0.0.1:${p}`],
    ['localhost', (p: number) => `localhost:${p}`],
    ['LOCALHOST (case-insensitive)', (p: number) => `LOCALHOST:${p}`],
  ])('Host %s:PORT gets the health JSON', async (_name, host) => {
    const res = await httpGet(bridge.port, '/api/health', host(bridge.port));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({ ok: true, protocol: PROTOCOL_VERSION });
    expect(PROTOCOL_VERSION).toBe(1);
  });
});

describe('static page', () => {
  it('serves index.html for / and /index.html with hardening headers', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await httpGet(bridge.port, path, `127.0.0.1:${bridge.port}`);
      expect(res.status).toBe(200);
      expect(res.body).toBe(INDEX_HTML);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('answers 404 for a missing file and does not escape the static dir', async () => {
    const host = `127.0.0.1:${bridge.port}`;
    expect((await httpGet(bridge.port, '/missing.js', host)).status).toBe(404);
    const traversal = await httpGet(bridge.port, '/..%2f..%2f..%2fetc%2fpasswd', host);
    expect([400, 403, 404]).toContain(traversal.status);
    expect(traversal.body).not.toContain('root:');
  });

  it('without a built page, / explains how to build it (503) and health still answers', async () => {
    const empty = makeStaticDir(false);
    defer(() => rmSync(empty, { recursive: true, force: true }));
    const unbuilt = await startTestBridge(defer, { staticDir: empty });
    const host = `127.0.0.1:${unbuilt.port}`;
    const page = await httpGet(unbuilt.port, '/', host);
    expect(page.status).toBe(503);
    expect(page.body).toContain('npm run build');
    expect((await httpGet(unbuilt.port, '/api/health', host)).status).toBe(200);
  });
});
