import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from './bridge-process.ts';

/**
 * Demonstrations: a learner opens the tab and runs each preset for real on loopback (small
 * parameters to stay quick), reads the measured effect in words, and finds the calls in the
 * event list. Each result is photographed for a look.
 */
test.describe('demonstrations', () => {
  test.setTimeout(60_000);
  let bridge: BridgeProcess;
  test.beforeAll(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterAll(async () => {
    await bridge.stop();
  });

  const card = (page: Page, demo: string): Locator => page.locator(`[data-testid="demo-card"][data-demo="${demo}"]`);

  async function openDemos(page: Page, url = bridge.url): Promise<void> {
    await page.goto(url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('tab-demos').click();
    await expect(page.getByTestId('demos-pane')).toBeVisible();
  }

  async function setParams(page: Page, demo: string, params: Record<string, string>): Promise<void> {
    for (const [key, value] of Object.entries(params)) await card(page, demo).getByTestId(`demo-param-${key}`).fill(value);
  }

  /** Run one preset and wait for its result; returns the result panel. */
  async function run(page: Page, demo: string, timeout = 20_000): Promise<Locator> {
    const c = card(page, demo);
    await c.scrollIntoViewIfNeeded();
    await c.locator(`[data-testid="demo-run"][data-demo="${demo}"]`).click();
    const result = c.locator(`[data-testid="demo-result"][data-demo="${demo}"]`);
    await expect(result).toBeVisible({ timeout });
    await expect(c.getByTestId('demo-error')).toHaveCount(0);
    return result;
  }

  async function photograph(page: Page, testInfo: TestInfo, demo: string): Promise<void> {
    // Tall enough for the whole card, charts included (the tab scrolls inside the page).
    await page.setViewportSize({ width: 1280, height: 1350 });
    await card(page, demo).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: testInfo.outputPath(`demo-${demo}.png`) });
  }

  test('recv(bufsize): one echo, several recvs of at most bufsize', async ({ page }, testInfo) => {
    await openDemos(page);
    const result = await run(page, 'recv-bufsize');
    await expect(result).toContainText('The 5,000-byte echo came back in 5 recvs: 1024, 1024, 1024, 1024, 904');
    await expect(result).toContainText('No recv(1024) returned more than 1024 bytes');
    await photograph(page, testInfo, 'recv-bufsize');

    // Its calls are real events: the timeline button leads to them.
    await result.getByTestId('demo-open-bytes').click();
    await expect(page.getByTestId('tab-bytes')).toHaveAttribute('aria-selected', 'true');
    // Inspect a block: the client's second recv(1024) took bytes 1024–2047 of the echo.
    const recv = page.locator('[data-testid="bytes-block"][data-call="recv"][data-offset="1024"][data-bytes="1024"]').first();
    await recv.scrollIntoViewIfNeeded();
    await recv.click();
    const inspector = page.getByTestId('bytes-inspector');
    await expect(inspector).toContainText('1,024 bytes at stream offset 1,024–2,047');
    await expect(inspector.getByTestId('bytes-hex')).not.toBeEmpty();
    // Where those bytes came from: the server's one send of the whole echo.
    await expect(inspector.getByTestId('bytes-matches')).toContainText('These 1,024 bytes came from one send');
    await page.screenshot({ path: testInfo.outputPath('bytes-inspect.png') });
    await page.getByTestId('tab-list').click();
    await expect(page.getByTestId('event-row').filter({ hasText: 'recv' }).first()).toBeVisible();
    // Back on the tab, the result is still there.
    await page.getByTestId('tab-demos').click();
    await expect(card(page, 'recv-bufsize').getByTestId('demo-result')).toBeVisible();
  });

  test('byte stream: three small sends come out of one recv', async ({ page }, testInfo) => {
    await openDemos(page);
    const result = await run(page, 'byte-stream');
    await expect(result).toContainText('3 small sends of [4, 4, 5] bytes came out of 1 recv: [13]');
    await expect(result).toContainText(/One send of 100,000 bytes came out of \d+ recvs/);
    await photograph(page, testInfo, 'byte-stream');
  });

  test('UDP: the datagram sent too early is gone; each datagram is one recv', async ({ page }, testInfo) => {
    await openDemos(page);
    const result = await run(page, 'udp');
    await expect(result).toContainText('3 datagrams of [4, 4, 5] bytes came out of 3 recvs: [4, 4, 5]');
    await expect(result).toContainText('never arrived');
    await photograph(page, testInfo, 'udp');
  });

  test('sendall: the buffers fill while the reader sleeps, write() says false', async ({ page }, testInfo) => {
    await openDemos(page);
    // More than this kernel's buffers hold while the reader sleeps (the send queue grows to 4 MiB,
    // the receive queue to a few MiB here): 4 MiB sometimes fitted entirely, with no backpressure.
    await setParams(page, 'sendall', { totalMiB: '16', readerPauseMs: '300' });
    const result = await run(page, 'sendall');
    await expect(result).toContainText(/write\(\) calls for 16 MiB: [1-9]\d* of them returned false/);
    await expect(result).toContainText(/reader woke after 3\d\d ms/);
    await expect(result.locator('[data-testid="demo-chart"][data-chart="queues"]')).toBeVisible();
    await photograph(page, testInfo, 'sendall');
  });

  test('many clients: one at a time against an event loop', async ({ page }, testInfo) => {
    await openDemos(page);
    await setParams(page, 'many-clients', { clients: '20', holdMs: '20' });
    const result = await run(page, 'many-clients');
    await expect(result).toContainText('Blocking server: 20 of 20 clients served');
    await expect(result).toContainText('at most 1 at once');
    await expect(result).toContainText('Event loop: 20 of 20 clients served');
    const blocking = result.locator('[data-testid="demo-chart"][data-server="blocking"]');
    await expect(blocking.getByTestId('demo-run-numbers')).toContainText('at most 1 at once');
    await expect(result.locator('[data-testid="demo-chart"][data-server="event-loop"]').getByTestId('demo-run-numbers')).not.toContainText('at most 1 at once');
    await photograph(page, testInfo, 'many-clients');
  });

  test('backlog: backlog + 1 connect before accept, the rest get in later', async ({ page }, testInfo) => {
    await openDemos(page);
    await setParams(page, 'backlog', { waitMs: '600' });
    const result = await run(page, 'backlog', 30_000);
    if (process.platform === 'linux') await expect(result).toContainText('2 of 4 clients were connected before the server called accept()');
    await expect(result).toContainText('4 of 4 clients got their echo');
    await photograph(page, testInfo, 'backlog');
  });

  test('a bad value is refused before anything runs', async ({ page }, testInfo) => {
    await openDemos(page);
    await setParams(page, 'recv-bufsize', { bufsize: '0' });
    await card(page, 'recv-bufsize').getByTestId('demo-run').click();
    await expect(card(page, 'recv-bufsize').getByTestId('demo-problem')).toContainText('The recv bufsize must be from 1 to 65,536 bytes');
    await page.screenshot({ path: testInfo.outputPath('demo-problem.png') });
    await expect(card(page, 'recv-bufsize').getByTestId('demo-result')).toHaveCount(0);
    await setParams(page, 'many-clients', { clients: '1000', holdMs: '500' });
    await card(page, 'many-clients').getByTestId('demo-run').click();
    await expect(card(page, 'many-clients').getByTestId('demo-problem')).toContainText('one client after another');
  });

  test('while it runs the card is busy; without a bridge it says why in plain words', async ({ page }, testInfo) => {
    // A bridge of its own: this test stops it.
    const own = await startBridgeProcess();
    await openDemos(page, own.url);
    const c = card(page, 'sendall');
    await setParams(page, 'sendall', { totalMiB: '8', readerPauseMs: '1500' });
    await c.getByTestId('demo-run').click();
    await expect(c.getByTestId('demo-busy')).toContainText('Running for real on 127.0.0.1');
    await expect(card(page, 'backlog').getByTestId('demo-run')).toBeDisabled();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await c.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: testInfo.outputPath('demo-busy.png') });
    await expect(c.getByTestId('demo-result')).toBeVisible({ timeout: 20_000 });

    await own.stop();
    await expect(page.getByTestId('demos-offline')).toBeVisible({ timeout: 10_000 });
    const r = card(page, 'recv-bufsize');
    await r.getByTestId('demo-run').click();
    await expect(r.getByTestId('demo-error')).toContainText('Not connected to the bridge');
    await r.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: testInfo.outputPath('demo-error.png') });
  });
});
