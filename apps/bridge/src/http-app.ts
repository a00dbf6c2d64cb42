import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { PROTOCOL_VERSION } from '@socket-playground/protocol';
import { hostAllowed, peerIsLoopback } from './guards.ts';

export interface HttpAppOptions {
  allowedHosts: ReadonlySet<string>;
  /** Built web app (dist/web); when missing, the page explains how to build it. */
  staticDir: string;
}

/**
 * Serves the page and a health endpoint. Every request, static files included, must carry an
 * allowed Host header (DNS rebinding defence) and come from a loopback peer.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req, res, next) => {
    if (!peerIsLoopback(req.socket.remoteAddress) || !hostAllowed(req.headers.host, options.allowedHosts)) {
      res.status(403).type('text/plain').send('Forbidden: this bridge only answers http://127.0.0.1 and http://localhost on its own port.\n');
      return;
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });

  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, protocol: PROTOCOL_VERSION });
  });

  const index = join(options.staticDir, 'index.html');
  if (existsSync(index)) {
    app.use(express.static(options.staticDir, { index: 'index.html', fallthrough: true }));
  } else {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The web app is not built yet. Run `npm start` (it builds first) or `npm run build`.\n');
    });
  }
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found\n');
  });
  return app;
}
