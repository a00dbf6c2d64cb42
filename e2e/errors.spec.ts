import { connect } from 'node:net';
import type { Page } from '@playwright/test';
import { freePort } from './bridge-process.ts';
import { startServerInPage } from './learner.ts';
import { expect, test } from './fixtures.ts';

test.describe('bad input and failures are explained in the page', () => {
  test.beforeEach(async ({ page, bridge }) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
  });

  const notice = (page: Page, text: string | RegExp) =>
    page.getByTestId('error-notice').filter({ hasText: text }).first();

  test('port in use: EADDRINUSE from bind, in plain words', async ({ page }) => {
    const { port, row } = await startServerInPage(page);
    await page.getByTestId('server-start').click(); // the same port again
    await expect(notice(page, `Address already in use: 127.0.0.1 port ${port}`)).toContainText('EADDRINUSE');
    await expect(page.locator('[data-testid="event-row"][data-call="error"]').filter({ hasText: 'EADDRINUSE' }).first()).toBeVisible();
    await row.getByTestId('server-stop').click();
  });

  for (const bad of ['abc', '70000', '-1', '1.5']) {
    test(`invalid port ${bad}`, async ({ page }) => {
      await page.getByTestId('server-port').fill(bad);
      await page.getByTestId('server-start').click();
      await expect(notice(page, 'Not a valid port')).toBeVisible();
      await expect(page.getByTestId('server-row').filter({ hasText: `:${bad}` })).toHaveCount(0);
    });
  }

  test('malformed address', async ({ page }) => {
    await page.getByTestId('server-host').fill('999.1.1.1');
    await page.getByTestId('server-start').click();
    await expect(notice(page, 'Not a valid address')).toBeVisible();
  });

  test('address not on this machine needs confirmation, then EADDRNOTAVAIL', async ({ page }) => {
    await page.getByTestId('server-host').fill('192.0.2.1');
    await page.getByTestId('server-port').fill('0');
    await expect(page.getByTestId('server-expose')).toBeVisible();
    await page.getByTestId('server-start').click();
    await expect(notice(page, 'needs your confirmation')).toBeVisible();
    await page.getByTestId('server-expose').check();
    await page.getByTestId('server-start').click();
    await expect(notice(page, 'Address not available')).toContainText('EADDRNOTAVAIL');
  });

  test('nobody listening: ECONNREFUSED', async ({ page }) => {
    await page.getByTestId('client-port').fill(String(await freePort()));
    await page.getByTestId('client-run').click();
    await expect(notice(page, 'Connection refused')).toContainText('ECONNREFUSED');
    await expect(page.getByTestId('client-result')).toContainText('refused');
  });

  test('a destination beyond loopback is refused and no socket is opened', async ({ page }) => {
    // The bridge replays earlier tests' events after the welcome: count once they are all shown.
    await expect(page.locator('.events-pane')).toHaveAttribute('data-history-loaded', 'true');
    const before = await page.locator('[data-testid="event-row"][data-call="socket"]').count();
    await page.getByTestId('client-host').fill('192.0.2.1');
    await page.getByTestId('client-run').click();
    await expect(notice(page, 'does not connect to 192.0.2.1')).toBeVisible();
    await expect(page.locator('[data-testid="event-row"][data-call="socket"]')).toHaveCount(before);
  });

  test('peer reset: ECONNRESET on the server side', async ({ page }) => {
    const { port, row } = await startServerInPage(page);
    const peer = connect(port, '127.0.0.1');
    await new Promise((r) => peer.once('connect', r));
    peer.write('then reset');
    await new Promise((r) => peer.once('data', r));
    peer.resetAndDestroy();
    await expect(page.locator('[data-testid="event-row"][data-call="error"]').filter({ hasText: 'reset' }).first()).toBeVisible();
    await expect(page.locator('[data-testid="event-row"][data-call="close"]').filter({ hasText: /reset/i }).first()).toBeVisible();
    await row.getByTestId('server-stop').click();
  });

  test('a message over the bridge size limit: explained, and the page reconnects', async ({ page }) => {
    await page.getByTestId('client-message').fill('x'.repeat(70_000));
    await page.getByTestId('client-run').click();
    await expect(notice(page, 'too big')).toBeVisible();
    await expect(page.getByTestId('connection-status')).toContainText('Connected', { timeout: 10_000 });
  });
});
