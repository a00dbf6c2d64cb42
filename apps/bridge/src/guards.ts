import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Request checks shared by HTTP and WebSocket. All comparisons are exact on parsed values:
 * no prefix, suffix or regex matching (the bypasses Vite, webpack-dev-server and the Node
 * inspector suffered came from looser checks: `startsWith('127.')`, hosts that merely
 * *contain* an allowed name, odd IP spellings such as `127.1` or `0x7f.1`).
 */

/**
 * Host header must name this bridge on loopback: 127.0.0.1:PORT or localhost:PORT, nothing
 * else. Host names are case-insensitive, so the header is lower-cased and then compared
 * exactly against the set: `127.1:PORT`, `127.0.0.1.:PORT`, `[::]:PORT`, `0.0.0.0:PORT`,
 * `localhost6:PORT` and every DNS name (rebinding) are simply not in it.
 */
export function hostAllowed(hostHeader: string | undefined, allowedHosts: ReadonlySet<string>): boolean {
  if (!hostHeader) return false;
  return allowedHosts.has(hostHeader.toLowerCase());
}

export function allowedHostsFor(port: number, extra: readonly string[] = []): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, ...extra.map((h) => h.toLowerCase())]);
}

/**
 * Canonical "scheme://host:port" of an Origin header, or undefined when it is not a plain
 * http(s) origin written exactly as a browser serialises it (lower case, no trailing slash, no
 * default port, no path, no credentials). Browsers never send anything else, so any other
 * spelling (`HTTP://LOCALHOST:PORT`, `http://127.0.0.1:PORT/`) is refused rather than normalised.
 */
export function parseOrigin(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
  if (url.origin !== origin) return undefined;
  return url.origin;
}

export function originAllowed(originHeader: string | undefined, allowedOrigins: ReadonlySet<string>): boolean {
  if (originHeader === undefined) return false;
  const parsed = parseOrigin(originHeader);
  return parsed !== undefined && allowedOrigins.has(parsed);
}

/**
 * The page's own origins plus extra ones (the Vite dev server). Extras are written in the
 * browser's serialisation (`http://127.0.0.1:5173/` → `http://127.0.0.1:5173`) so that the
 * exact comparison can match them; one that is not a plain http(s) origin is a setup error.
 */
export function allowedOriginsFor(port: number, extra: readonly string[] = []): Set<string> {
  const extras = extra.map((o) => {
    const url = URL.canParse(o) ? new URL(o) : undefined;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
      throw new Error(`not an http(s) origin: ${JSON.stringify(o)}`);
    }
    return url.origin;
  });
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...extras]);
}

/** Both sides of the token comparison are hashed to this many bytes before they are compared. */
export const TOKEN_DIGEST_BYTES = 32;

/**
 * Constant-time token check. Hashing first makes both sides 32 bytes whatever was given, so a
 * wrong token of any length takes the same path (hash, then timingSafeEqual) as one of the
 * right length, and neither the length nor a matching prefix leaks through timing.
 */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (!given || !expected) return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * The bridge serves loopback peers only (it listens on 127.0.0.1; this is belt and braces).
 * Node reports peers in canonical form, so anything that is not a strict IP literal (`127.1`,
 * `localhost`, `0x7f.0.0.1`) is refused. IPv6 goes through the WHATWG URL parser, which
 * serialises it canonically (`0:0:0:0:0:0:0:1` → `::1`, `::ffff:127.0.0.1` → `::ffff:7f00:1`);
 * then only ::1 and IPv4-mapped 127.0.0.0/8 are loopback.
 */
export function peerIsLoopback(remoteAddress: string | undefined): boolean {
  if (!remoteAddress) return false;
  const version = isIP(remoteAddress);
  if (version === 4) return remoteAddress.split('.')[0] === '127';
  if (version !== 6) return false;
  let canonical: string;
  try {
    canonical = new URL(`http://[${remoteAddress}]/`).hostname;
  } catch {
    return false;
  }
  return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical);
}
