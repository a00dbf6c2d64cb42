import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from './bridge-process.ts';
import { startServerInPage } from './learner.ts';

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

  /**
   * "See it on the byte timeline": the Bytes tab shows the demonstration on its own — its
   * connections only, the window fitted from its first event to its last, not following.
   * Returns the focus note's demonstration id.
   */
  async function openOnTimeline(page: Page, testInfo: TestInfo, result: Locator, demo: string, conns: number): Promise<string> {
    await page.setViewportSize({ width: 1280, height: 900 });
    await result.getByTestId('demo-open-bytes').click();
    await expect(page.getByTestId('tab-bytes')).toHaveAttribute('aria-selected', 'true');
    const note = page.getByTestId('bytes-demo-focus');
    await expect(note).toHaveAttribute('data-demo', demo);
    await expect(note).toHaveAttribute('data-held', 'all');
    await expect(note).toHaveAttribute('data-conns', String(conns));
    const id = (await note.getAttribute('data-demo-id')) ?? '';
    expect(id).toMatch(/^demo\d+$/);
    const timeline = page.getByTestId('bytes-timeline');
    await expect(page.getByTestId('bytes-follow')).toHaveAttribute('aria-pressed', 'false');
    // The window holds the demonstration's first to last event, and not much more.
    const first = Number(await note.getAttribute('data-first'));
    const last = Number(await note.getAttribute('data-last'));
    const start = Number(await timeline.getAttribute('data-view-start'));
    const span = Number(await timeline.getAttribute('data-view-span'));
    expect(start).toBeLessThanOrEqual(first);
    expect(start + span).toBeGreaterThanOrEqual(last);
    expect(span).toBeLessThanOrEqual(Math.max(10, (last - first) * 1.2));
    await page.waitForTimeout(200);
    await page.screenshot({ path: testInfo.outputPath(`bytes-${demo}.png`) });
    return id;
  }

  /** A demonstration of one conversation: its connection, and nothing else, picked. */
  async function expectOneConnection(page: Page, id: string): Promise<void> {
    const primary = (await page.getByTestId('bytes-demo-focus').getAttribute('data-primary')) ?? '';
    expect(primary).toMatch(/^c\d+$/);
    await expect(page.getByTestId('bytes-timeline')).toHaveAttribute('data-connections', '1');
    const rows = page.getByTestId('bytes-connection');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-conn', primary);
    await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
    await expect(rows.first()).toContainText(id);
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

    // Its calls are real events: the timeline button leads to exactly them.
    const id = await openOnTimeline(page, testInfo, result, 'recv-bufsize', 1);
    await expectOneConnection(page, id);
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
    // A connection of its own before the demonstration (not only earlier tests'): "show all" must show more than the demo's.
    const { port } = await startServerInPage(page);
    await page.getByTestId('client-port').fill(String(port));
    await page.getByTestId('client-run').click();
    await expect(page.getByTestId('client-result')).toContainText('Hello, world');
    // More than this kernel's buffers hold while the reader sleeps (the send queue grows to 4 MiB,
    // the receive queue to a few MiB here): 4 MiB sometimes fitted entirely, with no backpressure.
    await setParams(page, 'sendall', { totalMiB: '16', readerPauseMs: '300' });
    const result = await run(page, 'sendall');
    await expect(result).toContainText(/write\(\) calls for 16 MiB: [1-9]\d* of them returned false/);
    // It slept 300 ms, so it woke no sooner; how much later depends on the machine's load.
    const woke = /reader woke after ([\d.]+) (ms|s)\b/.exec((await result.textContent()) ?? '');
    expect(woke, 'the sentence saying when the reader woke').not.toBeNull();
    expect(Number(woke![1]) * (woke![2] === 's' ? 1000 : 1)).toBeGreaterThanOrEqual(300);
    await expect(result.locator('[data-testid="demo-chart"][data-chart="queues"]')).toBeVisible();
    await photograph(page, testInfo, 'sendall');

    // On the timeline: the writer's one connection, among the earlier tests' connections.
    const id = await openOnTimeline(page, testInfo, result, 'sendall', 1);
    await expectOneConnection(page, id);
    // Back to everything: the note goes, every connection is listed again.
    await page.getByTestId('bytes-demo-leave').click();
    await expect(page.getByTestId('bytes-demo-focus')).toHaveCount(0);
    await expect(page.getByTestId('bytes-connection-all')).toHaveAttribute('aria-selected', 'true');
    await expect.poll(async () => Number(await page.getByTestId('bytes-timeline').getAttribute('data-connections'))).toBeGreaterThan(1);
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

    // On the timeline: all 40 clients' connections, none picked, and no one else's.
    const id = await openOnTimeline(page, testInfo, result, 'many-clients', 40);
    await expect(page.getByTestId('bytes-timeline')).toHaveAttribute('data-connections', '40');
    const all = page.getByTestId('bytes-connection-all');
    await expect(all).toHaveAttribute('aria-selected', 'true');
    await expect(all).toContainText(`All of ${id}`);
    await expect(all).toContainText('40');
    for (const row of await page.getByTestId('bytes-connection').all()) await expect(row).toContainText(new RegExp(`${id}-[be]\\d+ ⇄`));
  });

  test('backlog: backlog + 1 connect before accept, the rest get in later', async ({ page }, testInfo) => {
    await openDemos(page);
    await setParams(page, 'backlog', { waitMs: '600' });
    const result = await run(page, 'backlog', 30_000);
    if (process.platform === 'linux') await expect(result).toContainText('2 of 4 clients were connected before the server called accept()');
    await expect(result).toContainText('4 of 4 clients got their echo');
    await photograph(page, testInfo, 'backlog');
  });

  test('a demonstration whose bridge restarted: the timeline says its bytes are gone', async ({ page }, testInfo) => {
    // A bridge of its own: this test restarts it (a new bridge starts a new event log).
    let own = await startBridgeProcess();
    try {
      await openDemos(page, own.url);
      const result = await run(page, 'recv-bufsize');
      const { port, token } = own;
      expect(await own.stop()).toBe(0);
      own = await startBridgeProcess({ port, token });
      await expect(page.getByTestId('connection-status')).toContainText('Connected', { timeout: 15_000 });
      await result.getByTestId('demo-open-bytes').click();
      await expect(page.getByTestId('tab-bytes')).toHaveAttribute('aria-selected', 'true');
      const note = page.getByTestId('bytes-demo-focus');
      await expect(note).toHaveAttribute('data-held', 'none');
      await expect(note).toContainText(/The bytes of demonstration demo\d+ \(recv\(bufsize\)\) are no longer held/);
      await page.screenshot({ path: testInfo.outputPath('bytes-gone.png') });
      await note.getByRole('button', { name: 'Dismiss' }).click();
      await expect(note).toHaveCount(0);
    } finally {
      await own.stop();
    }
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
