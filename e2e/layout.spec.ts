import { expect, test } from '@playwright/test';
import { startBridgeProcess } from './bridge-process.ts';

/** The lesson-and-tools column is resizable, by mouse and by keyboard, and keeps its width. */
test('the divider resizes the left column and remembers it', async ({ page }) => {
  const bridge = await startBridgeProcess();
  try {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    const divider = page.getByTestId('side-divider');
    const controls = page.locator('aside.controls');
    await expect(divider).toHaveAttribute('aria-valuenow', '400');
    const before = (await controls.boundingBox())!.width;

    await divider.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(divider).toHaveAttribute('aria-valuenow', '448');
    expect((await controls.boundingBox())!.width).toBeCloseTo(before + 48, 0);

    // Drag it 100 px further with the mouse.
    const box = (await divider.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 100, box.y + 200, { steps: 5 });
    await page.mouse.up();
    await expect(divider).toHaveAttribute('aria-valuenow', '548');

    await page.reload();
    await expect(page.getByTestId('side-divider')).toHaveAttribute('aria-valuenow', '548');
    await page.keyboard.press('Tab'); // the page works as before
  } finally {
    await bridge.stop();
  }
});
