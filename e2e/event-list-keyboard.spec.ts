import { connect, type Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from './bridge-process.ts';
import { startServerInPage } from './learner.ts';

/**
 * A keyboard learner reading the event list of a busy lab: the row they reach with Tab keeps its
 * event and stays on screen while new events pour in below (following stops), and "newest" takes
 * them back. And while the list follows, a row keeps its element as new ones arrive (the per-frame
 * work is then only the new rows'). Traffic: a client in this process talking to the page's echo
 * server on 127.0.0.1.
 */
test.describe('event list with the keyboard', () => {
  test.setTimeout(60_000);
  let bridge: BridgeProcess;
  const sockets: Socket[] = [];
  test.beforeEach(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await bridge.stop();
  });

  /** `count` echoes of one short line, `gapMs` apart (bounded: count × gapMs). */
  async function chatter(port: number, count: number, gapMs: number): Promise<void> {
    const socket = connect({ host: '127.0.0.1', port });
    sockets.push(socket);
    socket.on('data', () => {});
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    for (let i = 0; i < count; i++) {
      socket.write(`line ${i}\n`);
      await new Promise((r) => setTimeout(r, gapMs));
    }
  }

  test('a row reached with Tab keeps its event while new ones arrive; "newest" follows again', async ({ page }, testInfo) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    const { port } = await startServerInPage(page);
    const list = page.getByTestId('event-list');
    // The newest event with a row in the page (while following, rows are in the page in slot order, not event order).
    const newestRow = () => list.locator('[data-testid=event-row]').evaluateAll((rows) => Math.max(0, ...rows.map((r) => Number(r.getAttribute('data-seq')))));
    // Enough events for the windowed list (over 150 rows).
    await chatter(port, 100, 5);
    await expect.poll(newestRow).toBeGreaterThan(200);

    // Keyboard focus on the newest row (a Tab first, so the browser treats focus as keyboard focus).
    await page.keyboard.press('Tab');
    const row = list.locator(`[data-testid=event-row][data-seq="${await newestRow()}"]`);
    await row.focus();
    const seq = await page.evaluate(() => document.activeElement?.getAttribute('data-seq'));
    expect(Number(seq)).toBeGreaterThan(0);

    const more = chatter(port, 80, 10);
    await expect(page.locator('.jump-newest')).toBeVisible();
    await more;
    // Still the same event under focus, and still on screen.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-seq'))).toBe(seq);
    await expect(list.locator(`[data-testid=event-row][data-seq="${seq}"]`)).toBeInViewport();
    const newestHeld = await newestRow();
    await page.screenshot({ path: testInfo.outputPath('event-list-keyboard.png') });

    // Back to the newest: following again.
    await page.locator('.jump-newest').click();
    await expect(page.locator('.jump-newest')).toHaveCount(0);
    await expect.poll(newestRow).toBeGreaterThan(newestHeld);
  });

  test('while following, a row on screen keeps its element and its event as new rows come in', async ({ page }) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    const { port } = await startServerInPage(page);
    const list = page.getByTestId('event-list');
    await chatter(port, 100, 5);
    const newest = () => list.locator('[data-testid=event-row]').evaluateAll((rows) => Math.max(0, ...rows.map((r) => Number(r.getAttribute('data-seq')))));
    await expect.poll(newest).toBeGreaterThan(200);
    // Mark the element that shows the newest event; a few more events then come in below it.
    const marked = await newest();
    await list.locator(`[data-testid=event-row][data-seq="${marked}"]`).evaluate((el) => el.setAttribute('data-marked', ''));
    await chatter(port, 3, 20);
    await expect.poll(newest).toBeGreaterThan(marked + 3);
    // The same element still shows the same event (rows keyed by place on screen would have given it a newer one).
    await expect(list.locator('[data-marked]')).toHaveAttribute('data-seq', String(marked));
    await expect(list.locator('[data-marked]')).toBeInViewport();
  });
});
