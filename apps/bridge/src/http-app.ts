import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { PROTOCOL_VERSION } from '@socket-playground/protocol';
import { hostAllowed, originAllowed, peerIsLoopback } from './guards.ts';

export interface HttpAppOptions {
  allowedHosts: ReadonlySet<string>;
  /** Origins whose requests are same-site to the bridge (its own page, the Vite dev server). */
  allowedOrigins?: ReadonlySet<string>;
  /** Built web app (dist/web); when missing, the page explains how to build it. */
  staticDir: string;
}

/** Largest request body the bridge would ever accept; anything bigger is refused with 413. */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024;

/** The only methods the bridge answers: it has no route that changes anything over HTTP. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Content types a cross-site page can send without a CORS preflight (an HTML form, or a
 * no-cors fetch). A request carrying one is treated as cross-site even without an Origin.
 */
const FORM_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * The page may load only its own files, and talk only to its own bridge: the WebSocket is on
 * the same origin, spelled out because older browsers do not match ws: against 'self'.
 * data: images are for the inline favicon. The page may not be framed anywhere.
 */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.socket.localPort ?? 0));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  // Another site may neither embed these responses (script/img includes) nor keep a handle on the page.
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

/**
 * Why a request looks like it comes from another site, or undefined. Fetch metadata
 * (Sec-Fetch-Site) is trusted when present; Origin is checked exactly when present; a form
 * content type is enough on its own. A top-level navigation to the page (a learner following
 * a link) is the one cross-site request allowed through.
 */
function crossSiteReason(req: IncomingMessage, allowedOrigins: ReadonlySet<string> | undefined): string | undefined {
  const site = req.headers['sec-fetch-site'];
  const navigation = req.method === 'GET' && req.headers['sec-fetch-mode'] === 'navigate' && req.headers['sec-fetch-dest'] === 'document';
  if ((site === 'cross-site' || site === 'same-site') && !navigation) return `Sec-Fetch-Site: ${site}`;
  const origin = req.headers.origin;
  if (origin !== undefined && !(allowedOrigins && originAllowed(origin, allowedOrigins))) return 'Origin not allowed';
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!SAFE_METHODS.has(req.method ?? '') && FORM_CONTENT_TYPES.has(type)) return 'form content type';
  return undefined;
}

function bodyTooLarge(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length === undefined) return false;
  const n = Number(length);
  return !Number.isSafeInteger(n) || n > MAX_REQUEST_BODY_BYTES;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  // The request body (if any) is never read: close instead of keeping the connection alive.
  res.setHeader('Connection', 'close');
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(`${text}\n`);
}

/**
 * Serves the page and a health endpoint. Every request, static files included, must carry an
 * allowed Host header (DNS rebinding defence), come from a loopback peer, not come from
 * another site, and use GET or HEAD. Every response carries the security headers.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req, res, next) => {
    setSecurityHeaders(req, res);
    if (!peerIsLoopback(req.socket.remoteAddress) || !hostAllowed(req.headers.host, options.allowedHosts)) {
      refuse(res, 403, 'Forbidden: this bridge only answers http://127.0.0.1 and http://localhost on its own port.');
      return;
    }
    const crossSite = crossSiteReason(req, options.allowedOrigins);
    if (crossSite) {
      refuse(res, 403, `Forbidden: cross-site request (${crossSite}).`);
      return;
    }
    if (bodyTooLarge(req)) {
      refuse(res, 413, `Request body too large (limit ${MAX_REQUEST_BODY_BYTES} bytes).`);
      return;
    }
    if (!SAFE_METHODS.has(req.method)) {
      res.setHeader('Allow', 'GET, HEAD');
      refuse(res, 405, 'Method not allowed.');
      return;
    }
    next();
  });

  app.get('/api/health', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ok: true, protocol: PROTOCOL_VERSION });
  });

  const index = join(options.staticDir, 'index.html');
  if (existsSync(index)) {
    // dotfiles are never served (.env, .git); no directory redirects (no Location built from the URL).
    app.use(express.static(options.staticDir, { index: 'index.html', fallthrough: true, dotfiles: 'ignore', redirect: false }));
  } else {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The web app is not built yet. Run `npm start` (it builds first) or `npm run build`.\n');
    });
  }
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found\n');
  });
  // Express's default error page shows a stack trace (file paths) outside production; never do.
  app.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    res.status(status).type('text/plain').send(status === 500 ? 'Internal error\n' : 'Bad request\n');
  });
  return app;
}
