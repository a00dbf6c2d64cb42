import { freePort, startBridgeProcess } from './bridge-process.ts';
import { expect, test } from './fixtures.ts';

test('the page reconnects after a reload and after a bridge restart', async ({ page }) => {
  // This test restarts its bridge, so it owns one rather than sharing the file's.
  let bridge = await startBridgeProcess();
  try {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    const port = await freePort();
    await page.getByTestId('server-port').fill(String(port));
    await page.getByTestId('server-start').click();
    await expect(page.getByTestId('server-row')).toHaveCount(1);
    await page.getByTestId('client-port').fill(String(port));
    await page.getByTestId('client-run').click();
    await expect(page.getByTestId('client-result')).toContainText('Hello, world');
    // The reply can come before the server side's close: count once both ends have closed.
    await expect(page.locator('[data-testid="event-row"][data-call="close"]')).toHaveCount(2);
    const rows = await page.getByTestId('event-row').count();

    // Reload: the token came from the URL once and is kept for the tab; state and events come back.
    await page.reload();
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await expect(page.getByTestId('server-row')).toHaveCount(1);
    await expect(page.getByTestId('event-row')).toHaveCount(rows);

    // Restart the bridge on the same port with the same token: every socket closed, the page comes back.
    const { port: bridgePort, token } = bridge;
    expect(await bridge.stop()).toBe(0);
    await expect(page.getByTestId('connection-status')).toContainText(/Reconnecting|Connecting/);
    bridge = await startBridgeProcess({ port: bridgePort, token });
    await expect(page.getByTestId('connection-status')).toContainText('Connected', { timeout: 15_000 });
    await expect(page.getByText(/bridge restarted/i).first()).toBeVisible();
    await expect(page.getByTestId('server-row')).toHaveCount(0);
  } finally {
    await bridge.stop();
  }
});
