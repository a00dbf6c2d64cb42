import { existsSync } from 'node:fs';

/** Debian's Chromium when installed (CI, offline machines); otherwise Playwright's own browser. */
export const SYSTEM_CHROMIUM = process.env.SOCKET_PLAYGROUND_CHROMIUM ?? '/usr/bin/chromium';
export const executablePath = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

/** No outside DNS lookups or background traffic: only 127.0.0.1 and localhost resolve. */
export const CHROMIUM_ARGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
