import { expect, test, type Page } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from './bridge-process.ts';

/**
 * Who can connect: a learner starts the lab (pc1, pc2 as real network namespaces when the bridge
 * can make them), toggles the server's bind, sees the matrix change, predicts, and inspects addresses.
 */
test.describe('who can connect', () => {
  test.setTimeout(60_000);
  let bridge: BridgeProcess;
  test.beforeEach(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterEach(async () => {
    await bridge.stop();
  });

  const cell = (page: Page, client: string, target: string) =>
    page.locator(`[data-testid="matrix-cell"][data-client="${client}"][data-target="${target}"]`);

  async function openLab(page: Page): Promise<void> {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('tab-lab').click();
    await page.getByTestId('netlab-start').click();
    await expect(page.getByTestId('netlab-status')).toContainText(/namespace|modelled/i, { timeout: 15_000 });
  }

  test('toggling the bind changes who can connect', async ({ page }, testInfo) => {
    await openLab(page);
    const real = !/modelled/i.test((await page.getByTestId('netlab-status').textContent()) ?? '');

    await page.locator('[data-testid="bind-option"][data-bind="127.0.0.1"]').click();
    await page.getByTestId('matrix-run').click();
    await expect(cell(page, 'pc1', '127.0.0.1')).toHaveAttribute('data-outcome', 'connected');
    await expect(cell(page, 'pc2', '192.168.0.1')).toHaveAttribute('data-outcome', 'ECONNREFUSED');

    await page.locator('[data-testid="bind-option"][data-bind="0.0.0.0"]').click();
    await expect(cell(page, 'pc2', '192.168.0.1')).toHaveAttribute('data-outcome', 'connected');
    // The weak host model: pc2 reaches pc1's other card through its default route.
    await expect(cell(page, 'pc2', '10.10.152.8')).toHaveAttribute('data-outcome', 'connected');
    // The README's picture (docs/who-can-connect.png): the wildcard bind, the notes beside it.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.screenshot({ path: testInfo.outputPath('who-can-connect-wildcard.png') });

    await page.locator('[data-testid="bind-option"][data-bind="192.168.0.1"]').click();
    // Linux sends connect() to 0.0.0.0 to 127.0.0.1, where nothing listens now: the notes disagree.
    await expect(cell(page, 'pc1', '0.0.0.0')).toHaveAttribute('data-outcome', 'ECONNREFUSED');
    await expect(page.getByTestId('notes-claims')).toContainText('0.0.0.0');
    if (real) await expect(page.locator('[data-testid="matrix-cell"][data-modelled="true"]')).toHaveCount(0);
    await expect(page.locator('[data-testid="matrix-cell"][data-disagree="true"]')).toHaveCount(0);
    await expect(page.getByTestId('topology')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('who-can-connect.png') });

    await page.getByTestId('netlab-stop').click();
  });

  test('predict first, then run and get a score', async ({ page }) => {
    await openLab(page);
    await page.locator('[data-testid="bind-option"][data-bind="127.0.0.1"]').click();
    await page.getByTestId('predict-toggle').click();
    await expect(page.getByTestId('predict-score')).toHaveCount(0);
    await page.getByTestId('matrix-run').click();
    await expect(page.getByTestId('predict-score')).toContainText(/of/);
  });

  test('the address inspector explains an address and refuses odd spellings', async ({ page }) => {
    await page.goto(bridge.url);
    await page.getByTestId('tab-lab').click();
    const input = page.getByTestId('inspect-input');
    const result = page.getByTestId('inspect-result');
    await input.fill('10.10.152.8');
    await expect(result).toContainText(/class A/i);
    await expect(result).toContainText(/private/i);
    await input.fill('0x7f.1');
    await expect(result).toContainText(/not|refuse|invalid/i);
  });
});
