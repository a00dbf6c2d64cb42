import { expect, test, type Page } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from './bridge-process.ts';

/**
 * The application protocol, as a learner uses it: start the application server, send a search and
 * a binary request, read both messages in the frame view, step through a request cut inside its
 * protoheader, and send broken requests to see the server refuse them. Photographed for a look.
 */
test.describe('application protocol', () => {
  test.setTimeout(60_000);
  let bridge: BridgeProcess;
  test.beforeAll(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterAll(async () => {
    await bridge.stop();
  });

  async function openWithServer(page: Page): Promise<void> {
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message, e.stack));
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('tab-app').click();
    await expect(page.getByTestId('app-pane')).toBeVisible();
    // Port 0: the kernel picks a free port, and the client fills it in.
    // Servers of earlier tests on this bridge are still listed: the client takes the newest.
    const before = await page.getByTestId('app-server').count();
    await page.getByTestId('app-server-port').fill('0');
    await page.getByTestId('app-server-start').click();
    await expect(page.getByTestId('app-server')).toHaveCount(before + 1);
  }

  const request = (page: Page) => page.locator('[data-testid="frame-view"][data-dir="0"]');
  const response = (page: Page) => page.locator('[data-testid="frame-view"][data-dir="1"]');

  test('a search and a binary request, read frame by frame', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1400, height: 1100 });
    await openWithServer(page);
    await page.getByTestId('app-send').click();
    await expect(page.getByTestId('app-result-text')).toContainText("No match for 'morpheus'.");
    // The request as the server read it: 2 + 103 + 41 bytes, and the server's verdict.
    await expect(request(page).locator('[data-part="protoheader"]').first()).toContainText('2 bytes');
    await expect(request(page).getByTestId('frame-parts')).toContainText('says the header is 103 bytes');
    await expect(request(page).getByTestId('frame-parts')).toContainText('{"action": "search", "value": "morpheus"}');
    await expect(request(page).getByTestId('frame-verdict')).toContainText('1 whole message');
    await expect(response(page).getByTestId('frame-parts')).toContainText('{"result": "No match for \'morpheus\'."}');
    await page.setViewportSize({ width: 1400, height: 1700 });
    await page.screenshot({ path: testInfo.outputPath('app-search.png') });
    await page.getByTestId('app-frames').screenshot({ path: testInfo.outputPath('app-search-frames.png') });

    await page.getByTestId('app-action').fill('double');
    await page.getByTestId('app-value').fill('hello world');
    await page.getByTestId('app-send').click();
    await expect(page.getByTestId('app-result-text')).toContainText('First 10 bytes of request: doublehell');
    await expect(request(page).getByTestId('frame-parts')).toContainText('binary/custom-client-binary-type');

    // The same frames on the byte timeline: pick the last connection and open its Frames panel.
    await page.getByTestId('tab-bytes').click();
    await page.getByTestId('bytes-connection').last().click();
    await page.getByTestId('bytes-frames').click();
    const inspector = page.getByTestId('bytes-inspector');
    await expect(inspector.locator('[data-testid="frame-view"][data-dir="0"]').getByTestId('frame-parts')).toContainText('binary/custom-client-binary-type');
    await expect(inspector.locator('[data-testid="frame-view"][data-dir="1"]').getByTestId('frame-verdict')).toContainText('1 whole message');
    await page.screenshot({ path: testInfo.outputPath('bytes-frames.png') });
  });

  test('a request cut inside its protoheader, stepped recv by recv', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1400, height: 1100 });
    await openWithServer(page);
    await page.getByTestId('app-chunking-protoheader').check();
    await page.getByTestId('app-gap').fill('100');
    await page.getByTestId('app-send').click();
    await expect(page.getByTestId('app-result-text')).toContainText("No match for 'morpheus'.");
    const steps = request(page).getByTestId('frame-steps');
    await expect(steps.getByTestId('frame-reading')).toHaveCount(2);
    await steps.getByTestId('frame-prev').click();
    await expect(steps.getByTestId('frame-step-of')).toHaveText('recv 1 of 2');
    await expect(steps.locator('[data-phase="protoheader"]')).toHaveAttribute('aria-current', 'step');
    await expect(steps.getByTestId('frame-reading')).toContainText('still reading the protoheader: 1 of 2');
    await page.screenshot({ path: testInfo.outputPath('app-step-1.png'), fullPage: true });
    await steps.getByTestId('frame-next').click();
    await expect(steps.getByTestId('frame-step-of')).toHaveText('recv 2 of 2');
    await expect(steps).toContainText('message complete (146 bytes)');
  });

  for (const [preset, code, words] of [
    ['not-json', 'FRAME_HEADER_NOT_JSON', 'The header is not JSON'],
    ['missing-key', 'FRAME_MISSING_HEADER_KEY', 'The header has no "content-length"'],
    ['huge-protoheader', 'FRAME_HEADER_TOO_LONG', 'The protoheader announced a 65535-byte JSON header'],
    ['long-content', 'FRAME_TRUNCATED', 'The peer closed in the middle of the content'],
    ['close-in-header', 'FRAME_TRUNCATED', 'The peer closed in the middle of the header'],
  ] as const) {
    test(`a broken request: ${preset}`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width: 1400, height: 1100 });
      await openWithServer(page);
      await page.getByTestId('app-mode-crafted').click();
      await page.getByTestId(`app-broken-${preset}`).click();
      await page.getByTestId('app-send').click();
      await expect(page.getByTestId('app-result')).toHaveAttribute('data-code', 'APP_NO_REPLY');
      await expect(request(page).getByTestId('frame-verdict')).toHaveAttribute('data-code', code);
      await expect(request(page).getByTestId('frame-verdict')).toContainText(words);
      // The server said so in the event list too, as an error of its own protocol.
      await page.getByTestId('tab-list').click();
      await expect(page.getByTestId('event-row').filter({ hasText: code === 'FRAME_TRUNCATED' ? 'peer closed' : words.slice(0, 12) }).first()).toBeVisible();
      if (preset === 'not-json') {
        await page.getByTestId('tab-app').click();
        await page.screenshot({ path: testInfo.outputPath('app-broken.png'), fullPage: true });
      }
    });
  }
});

test.describe('应用协议 in Chinese', () => {
  test.setTimeout(60_000);
  let bridge: BridgeProcess;
  test.beforeAll(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterAll(async () => {
    await bridge.stop();
  });

  test('the tab, the frame view and a refusal read in Chinese', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1400, height: 1500 });
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('lang-switch').locator('[data-lang="zh"]').click();
    await page.getByTestId('tab-app').click();
    await expect(page.getByTestId('app-pane')).toContainText('应用协议');
    await page.getByTestId('app-server-port').fill('0');
    await page.getByTestId('app-server-start').click();
    await expect(page.getByTestId('app-server')).toContainText('正在监听');
    await page.getByTestId('app-mode-crafted').click();
    await page.getByTestId('app-broken-missing-key').click();
    await page.getByTestId('app-send').click();
    const verdict = page.locator('[data-testid="frame-view"][data-dir="0"]').getByTestId('frame-verdict');
    await expect(verdict).toContainText('头部缺少 "content-length"');
    await expect(page.getByTestId('app-result')).toContainText('服务器没有回答就关闭了连接');
    await page.screenshot({ path: testInfo.outputPath('zh-app.png') });
  });
});
