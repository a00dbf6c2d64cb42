import { readFileSync } from 'node:fs';
import { startBridgeProcess } from './bridge-process.ts';
import { expect, test } from '@playwright/test';

const isRoot = process.getuid?.() === 0;
const unprivilegedStart = Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));

// EACCES is only real for an ordinary user: as root, the bridge runs as "nobody" for this test.
test.skip(unprivilegedStart <= 80, 'this kernel lets every user bind port 80');

test('a privileged port is refused with EACCES and explained', async ({ page }) => {
  const bridge = await startBridgeProcess(isRoot ? { uid: 65534 } : {});
  try {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('server-port').fill('80');
    await page.getByTestId('server-start').click();
    const notice = page.getByTestId('error-notice').filter({ hasText: 'Permission denied' }).first();
    await expect(notice).toContainText('EACCES');
    await expect(notice).toContainText('below 1024');
  } finally {
    await bridge.stop();
  }
});
