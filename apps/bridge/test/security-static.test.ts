/**
 * Static files, response headers and requests that would change something (items 14 and 15 of
 * the perimeter brief). Nothing outside the static dir and no dotfile is ever served; every
 * response, refusals included, carries the security headers; the bridge has no route that
 * accepts a body, so every other method is refused, cross-site ones first, big ones with 413.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BODY_BYTES } from '../src/http-app.ts';
import { INDEX_HTML, startTestBridge, type TestBridge } from './helpers.ts';
import { rawHttp, type RawRequest } from './security-helpers.ts';
import type { HttpResult } from './helpers.ts';

const APP_JS = 'console.log("asset from the static dir");\n';
const OUTSIDE = 'TOP-SECRET-OUTSIDE-THE-STATIC-DIR';
const DOTENV = 'TOKEN=DOTFILE-SECRET';
const GITCONFIG = '[core]\n\trepositoryformatversion = GIT-SECRET\n';

let bridge: TestBridge;
let parent: string;
let staticDir: string;

beforeAll(async () => {
  // parent/secret.txt lies outside the static dir parent/static, next to it.
  parent = mkdtempSync(join(tmpdir(), 'bridge-security-static-'));
  staticDir = join(parent, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  mkdirSync(join(staticDir, '.git'));
  writeFileSync(join(parent, 'secret.txt'), OUTSIDE);
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app.js'), APP_JS);
  writeFileSync(join(staticDir, '.env'), DOTENV);
  writeFileSync(join(staticDir, 'assets', '.env'), DOTENV);
  writeFileSync(join(staticDir, '.git', 'config'), GITCONFIG);
  const closers: (() => unknown)[] = [];
  bridge = await startTestBridge((c) => closers.push(c), { staticDir });
  return async () => {
    while (closers.length > 0) await closers.pop()?.();
    rmSync(parent, { recursive: true, force: true });
  };
});

const get = (path: string, extra: Partial<RawRequest> = {}): Promise<HttpResult> => rawHttp(bridge.port, { path, host: `127.0.0.1:${bridge.port}`, ...extra });

function expectNoSecrets(res: HttpResult): void {
  expect(res.body).not.toContain(OUTSIDE);
  expect(res.body).not.toContain('DOTFILE-SECRET');
  expect(res.body).not.toContain('GIT-SECRET');
  expect(res.body).not.toContain('root:');
}

function expectSecurityHeaders(res: HttpResult): void {
  const csp = String(res.headers['content-security-policy']);
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('connect-src')).toEqual(["'self'", `ws://127.0.0.1:${bridge.port}`, `ws://localhost:${bridge.port}`]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  // Nothing the page may load from elsewhere: no wildcard, no other host, no inline script.
  expect(csp).not.toMatch(/\*|unsafe-inline|unsafe-eval|https?:/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
}

describe('14. static files: no traversal, no dotfiles', () => {
  it('the static dir itself is served (the refusals below are about the path alone)', async () => {
    expect((await get('/')).body).toBe(INDEX_HTML);
    expect((await get('/assets/app.js')).body).toBe(APP_JS);
    expect((await get('/assets/app.js')).headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%252e%252e/secret.txt',
    '/%252e%252e%252fsecret.txt',
    '/..%252fsecret.txt',
    '/..\\secret.txt',
    '/assets\\..\\..\\secret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/.%2e/secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/..%00/secret.txt',
    '/secret.txt%00.html',
    '//secret.txt',
    '/static/../secret.txt',
    '/../../../../../../etc/passwd',
    '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/.env',
    '/%2eenv',
    '/.%65nv',
    '/assets/.env',
    '/assets/../.env',
    '/.git/config',
    '/.git/',
    '/.git',
    '/%2egit/config',
    '/.git%2fconfig',
    '/assets',
    '/assets/',
  ])('%s is not served', async (path) => {
    const res = await get(path);
    expect([400, 403, 404]).toContain(res.status);
    expectNoSecrets(res);
    // Never a redirect built from the request path (an open redirect or a probe of the layout).
    expect(res.headers.location).toBeUndefined();
    expectSecurityHeaders(res);
  });

  it('the absolute path of a file outside the static dir is not served', async () => {
    const res = await get(`${parent}/secret.txt`);
    expect([400, 403, 404]).toContain(res.status);
    expectNoSecrets(res);
  });

  it('a malformed escape gets a plain 400, not an error page with a stack trace', async () => {
    const res = await get('/%E0%A4%A');
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toMatch(/at |node_modules|\.ts:|\.js:/);
    expectSecurityHeaders(res);
  });
});

describe('14. security headers on every response', () => {
  const port = () => bridge.port;
  it.each<[string, () => RawRequest]>([
    ['the page', () => ({ path: '/' })],
    ['index.html', () => ({ path: '/index.html' })],
    ['an asset', () => ({ path: '/assets/app.js' })],
    ['the health API', () => ({ path: '/api/health' })],
    ['a 404', () => ({ path: '/no-such-file' })],
    ['/ws over plain HTTP', () => ({ path: '/ws' })],
    ['HEAD of the page', () => ({ path: '/', method: 'HEAD' })],
    ['a 403 for a foreign Host', () => ({ path: '/', host: `attacker.example:${port()}` })],
    ['a 403 for a cross-site request', () => ({ path: '/api/health', headers: { origin: 'http://evil.example' } })],
    ['a 405', () => ({ path: '/', method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })],
    ['a 413', () => ({ path: '/', method: 'POST', declaredLength: MAX_REQUEST_BODY_BYTES + 1, headers: { 'content-type': 'application/json' } })],
  ])('%s', async (_name, request) => {
    const res = await rawHttp(bridge.port, { host: `127.0.0.1:${bridge.port}`, ...request() });
    expectSecurityHeaders(res);
  });
});

describe('15. requests that would change something', () => {
  const PATHS = ['/', '/index.html', '/assets/app.js', '/api/health', '/ws', '/no-such-file', '/.env'];
  const METHODS = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

  function snapshot(): string {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    return JSON.stringify({ files: files(parent).sort().map((f) => [f, readFileSync(f, 'utf8')]), lastSeq: bridge.session.log.lastSeq, state: bridge.session.state });
  }

  const cases: [string, Partial<RawRequest>, number][] = [
    ['Origin http://evil.example', { headers: { origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{}' }, 403],
    ['Origin null', { headers: { origin: 'null', 'content-type': 'application/json' }, body: '{}' }, 403],
    ['Sec-Fetch-Site: cross-site', { headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, body: '{}' }, 403],
    ['Sec-Fetch-Site: same-site', { headers: { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }, body: '{}' }, 403],
    ['no Origin, a form (urlencoded)', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' }, 403],
    ['no Origin, a form (multipart)', { headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--\r\n' }, 403],
    ['no Origin, text/plain', { headers: { 'content-type': 'Text/Plain;charset=utf-8' }, body: '{"type":"x"}' }, 403],
    ['same origin, body over the limit', { headers: { origin: 'ORIGIN', 'content-type': 'application/json' }, body: 'x'.repeat(MAX_REQUEST_BODY_BYTES + 1) }, 413],
    ['same origin, huge declared length', { headers: { origin: 'ORIGIN', 'content-type': 'application/json' }, declaredLength: 1024 * 1024 * 1024 }, 413],
    ['same origin, small JSON body', { headers: { origin: 'ORIGIN', 'content-type': 'application/json' }, body: '{}' }, 405],
    ['no Origin, no body', {}, 405],
  ];

  it.each(cases)('%s: every method on every path is refused, without side effects', async (_name, request, status) => {
    const before = snapshot();
    const origin = `http://127.0.0.1:${bridge.port}`;
    for (const path of PATHS) {
      for (const method of METHODS) {
        const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k, v === 'ORIGIN' ? origin : v]));
        const res = await get(path, { ...request, headers, method });
        expect(`${method} ${path} → ${res.status}`).toBe(`${method} ${path} → ${status}`);
        if (status === 405) expect(res.headers.allow).toBe('GET, HEAD');
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        expect(res.headers['access-control-allow-methods']).toBeUndefined();
        expectNoSecrets(res);
      }
    }
    expect(snapshot()).toBe(before);
  });

  it('a cross-site subresource GET (script include, fetch) is refused; a top-level navigation is not', async () => {
    const include = await get('/assets/app.js', { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' } });
    expect(include.status).toBe(403);
    expect(include.body).not.toContain('asset from the static dir');
    const api = await get('/api/health', { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', origin: 'http://evil.example' } });
    expect(api.status).toBe(403);
    const frame = await get('/', { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' } });
    expect(frame.status).toBe(403);
    const link = await get('/', { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } });
    expect(link.status).toBe(200);
    expect(link.body).toBe(INDEX_HTML);
    const own = await get('/assets/app.js', { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'script' } });
    expect(own.status).toBe(200);
  });
});
