import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Request checks shared by HTTP and WebSocket. All comparisons are exact on parsed values:
 * no prefix, suffix or regex matching (the bypasses Vite, webpack-dev-server and the Node
 * inspector suffered came from looser checks).
 */

/** Host header must name this bridge on loopback: 127.0.0.1:PORT or localhost:PORT, nothing else. */
export function hostAllowed(hostHeader: string | undefined, allowedHosts: ReadonlySet<string>): boolean {
  if (!hostHeader) return false;
  return allowedHosts.has(hostHeader.toLowerCase());
}

export function allowedHostsFor(port: number, extra: readonly string[] = []): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, ...extra.map((h) => h.toLowerCase())]);
}

/** Canonical "scheme://host:port" of an Origin header, or undefined when it is not a plain http(s) origin. */
export function parseOrigin(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
  // URL normalises case and default ports; compare that form against the allowed list.
  if (url.origin !== origin.toLowerCase().replace(/\/$/, '')) return undefined;
  return url.origin;
}

export function originAllowed(originHeader: string | undefined, allowedOrigins: ReadonlySet<string>): boolean {
  if (originHeader === undefined) return false;
  const parsed = parseOrigin(originHeader);
  return parsed !== undefined && allowedOrigins.has(parsed);
}

export function allowedOriginsFor(port: number, extra: readonly string[] = []): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...extra]);
}

/** Constant-time token check; hashing first makes lengths equal, so length leaks nothing either. */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The bridge serves loopback peers only (it listens on 127.0.0.1, this is belt and braces). */
export function peerIsLoopback(remoteAddress: string | undefined): boolean {
  if (!remoteAddress) return false;
  const address = remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
  if (isIP(address) === 4) return address.startsWith('127.');
  return address === '::1';
}
