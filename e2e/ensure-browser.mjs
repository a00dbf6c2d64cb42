// Before the browser tests: use Debian's Chromium when present; otherwise make sure Playwright's
// own Chromium is installed (downloads it once on a machine with internet). No third command.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const system = process.env.SOCKET_PLAYGROUND_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(system)) process.exit(0);

let bundled = '';
try {
  bundled = chromium.executablePath();
} catch {
  // Not resolvable: install below.
}
if (bundled && existsSync(bundled)) process.exit(0);

console.log(`No Chromium at ${system}; installing Playwright's Chromium (one-time download)…`);
const result = spawnSync(process.execPath, [new URL('../node_modules/@playwright/test/cli.js', import.meta.url).pathname, 'install', 'chromium'], {
  stdio: 'inherit',
});
if (result.status !== 0) {
  console.error('Could not install a browser for the tests. Install Chromium (Debian: apt-get install -y chromium) and run again.');
  process.exit(1);
}
