import { expect, test, type Page } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from './bridge-process.ts';

/**
 * Who can connect where no second host can be made: the bridge runs in single-host mode with a
 * stand-in card on loopback (127.0.2.1/24, never the machine's real cards). The learner sees what
 * ran for real and what is modelled, and agrees before anything listens on a card.
 */
const CARD = '127.0.2.1';

test.describe('who can connect on a single host', () => {
  test.setTimeout(60_000);
  let bridge: BridgeProcess;
  test.beforeEach(async () => {
    bridge = await startBridgeProcess({ args: ['--lab', 'single-host', '--cards', `fake0=${CARD}/24`] });
  });
  test.afterEach(async () => {
    await bridge.stop();
  });

  const cell = (page: Page, client: string, target: string) =>
    page.locator(`[data-testid="matrix-cell"][data-client="${client}"][data-target="${target}"]`);

  test('a card bind runs for real only after the learner agrees', async ({ page }, testInfo) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('tab-lab').click();
    await page.getByTestId('netlab-start').click();
    const status = page.getByTestId('netlab-status');
    await expect(status).toHaveAttribute('data-mode', 'single-host');
    await expect(status).toContainText('--lab single-host');
    await expect(page.locator('[data-testid="topology-host"][data-host="pc1"]')).toContainText('this computer');
    await expect(page.locator('[data-testid="topology-host"][data-host="pc2"]')).toContainText('modelled');

    // Loopback: this computer's loopback cells are measured; the neighbour is modelled.
    await page.locator('[data-testid="bind-option"][data-bind="127.0.0.1"]').click();
    await page.getByTestId('matrix-run').click();
    await expect(cell(page, 'pc1', '127.0.0.1')).toHaveAttribute('data-outcome', 'connected');
    await expect(cell(page, 'pc1', '127.0.0.1')).toHaveAttribute('data-modelled', 'false');
    await expect(cell(page, 'pc2', CARD)).toHaveAttribute('data-modelled', 'true');

    // A card: modelled until the box is ticked.
    await page.locator(`[data-testid="bind-option"][data-bind="${CARD}"]`).click();
    await expect(page.getByTestId('matrix-note')).toContainText('other machines on your network');
    await expect(cell(page, 'pc1', CARD)).toHaveAttribute('data-modelled', 'true');
    await page.getByTestId('real-cards-toggle').check();
    await expect(cell(page, 'pc1', CARD)).toHaveAttribute('data-modelled', 'false');
    await expect(cell(page, 'pc1', CARD)).toHaveAttribute('data-outcome', 'connected');
    // Measured: connect() to 0.0.0.0 goes to 127.0.0.1, where nothing listens.
    await expect(cell(page, 'pc1', '0.0.0.0')).toHaveAttribute('data-outcome', 'ECONNREFUSED');
    await expect(cell(page, 'pc1', '0.0.0.0')).toHaveAttribute('data-modelled', 'false');
    await expect(page.getByTestId('matrix-note')).toHaveCount(0);
    await expect(page.locator('[data-testid="matrix-cell"][data-disagree="true"]')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('single-host.png'), fullPage: true });
    await page.getByTestId('netlab-stop').click();
  });
});
