import { expect, test, type Page } from '@playwright/test';
import { freePort, startBridgeProcess, type BridgeProcess } from './bridge-process.ts';
import { startServerInPage } from './learner.ts';

/**
 * 简体中文 in the call views: the call-flow diagram, its tooltip, the event details and the code
 * panel speak Chinese after the switch (API names stay), and English again after switching back.
 */
test.describe('简体中文: the call flow, its tooltip, the details and the code', () => {
  test.setTimeout(60_000);
  let bridge: BridgeProcess;
  test.beforeAll(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterAll(async () => {
    await bridge.stop();
  });

  async function switchTo(page: Page, lang: 'en' | 'zh'): Promise<void> {
    await page.getByTestId('lang-switch').locator(`[data-lang="${lang}"]`).click();
    await expect(page.getByTestId('connection-status')).toContainText(lang === 'zh' ? '已连接' : 'Connected');
  }

  test('an echo session in the call flow, in Chinese and back in English', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await switchTo(page, 'zh');

    // Empty: the diagram says so in Chinese.
    await page.getByTestId('tab-flow').click();
    const diagram = page.getByTestId('flow-diagram');
    await expect(diagram).toContainText('还没有调用');
    await expect(page.getByTestId('code-caption')).toContainText('在图中选择一个调用');

    const { port, row } = await startServerInPage(page);
    await page.getByTestId('client-port').fill(String(port));
    await page.getByTestId('client-run').click();
    await expect(page.getByTestId('client-result')).toContainText('Hello, world');

    // The diagram: lane names, kinds, the group around server.listen(), the legend and the counts.
    await expect(page.locator('[data-testid="flow-item"][data-call="accept"]').first()).toBeVisible();
    const lanes = page.getByTestId('flow-lane');
    await expect(lanes.filter({ hasText: 'Echo 服务器' }).first()).toBeVisible();
    await expect(lanes.filter({ hasText: 'Echo 客户端' }).first()).toBeVisible();
    await expect(diagram).toContainText('在 server.listen() 内');
    await expect(diagram).toContainText(/握手/);
    await expect(page.getByTestId('flow-legend')).toContainText('阻塞在内核中');
    await expect(page.getByTestId('flow-counts')).toContainText(/\d+ 条泳道 · 1 个连接/);
    // API names stay as they are.
    await expect(page.locator('[data-testid="flow-item"][data-call="listen"]').first()).toContainText('listen(');

    // The tooltip of a call, of the bytes and of the connection.
    await page.locator('[data-testid="flow-item"][data-call="accept"]').first().hover();
    const tooltip = page.getByTestId('flow-tooltip');
    await expect(tooltip).toContainText('点击查看详情和字节');
    await expect(tooltip).toContainText(/在 socket \S+ 上/);
    await page.screenshot({ path: testInfo.outputPath('zh-flow-tooltip-item.png') });
    await page.locator('[data-testid="flow-arrow"][data-kind="data"]').first().hover();
    await expect(tooltip).toContainText('send');
    await expect(tooltip).toContainText(/字节流|接收缓冲区/);
    await page.screenshot({ path: testInfo.outputPath('zh-flow-tooltip-arrow.png') });
    await page.getByTestId('flow-connection').first().locator('line.handshake').first().hover({ force: true });
    await expect(tooltip).toContainText('三次握手');
    await expect(tooltip).toContainText('accept()');
    await page.screenshot({ path: testInfo.outputPath('zh-flow.png') });

    // Select a close: the details name their fields in Chinese, and the code says which line.
    await page.mouse.move(0, 0);
    await page.locator('[data-testid="flow-item"][data-call="close"]').first().click();
    const details = page.getByTestId('event-details');
    await expect(details).toContainText('所属程序');
    await expect(details).toContainText('原因');
    await expect(details).toContainText('在 Node 中');
    await expect(page.getByTestId('code-caption')).toContainText(/#\d+：(服务器|客户端)中的 close\(\)，第 \d+ 行。/);
    await page.screenshot({ path: testInfo.outputPath('zh-details.png'), fullPage: true });

    // A recv: its bytes, headed in Chinese.
    await page.locator('[data-testid="flow-item"][data-call="recv"]').first().click();
    await expect(details).toContainText('全部 12 字节');
    await expect(details).toContainText('字节数');

    // Back to English: the same views in English.
    await switchTo(page, 'en');
    await expect(details).toContainText('All 12 bytes');
    await expect(details).toContainText('stream offset');
    await expect(lanes.filter({ hasText: 'echo server' }).first()).toBeVisible();
    await expect(diagram).toContainText('inside server.listen()');
    await expect(page.getByTestId('flow-legend')).toContainText('blocked in the kernel');
    await expect(page.getByTestId('code-caption')).toContainText(/#\d+: recv\(\) in the (server|client), line \d+\./);
    await page.locator('[data-testid="flow-arrow"][data-kind="data"]').first().hover();
    await expect(page.getByTestId('flow-tooltip')).toContainText('TCP is a byte stream');
    await page.screenshot({ path: testInfo.outputPath('en-flow.png') });

    await row.getByTestId('server-stop').click();
  });

  test('a stepped server blocked in accept(), in Chinese', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await switchTo(page, 'zh');
    const port = await freePort();
    const panel = page.getByTestId('step-panel');
    await panel.getByTestId('step-server-port').fill(String(port));
    await panel.getByTestId('step-server-create').click();
    const next = panel.getByTestId('step-server-next');
    await expect(next).toHaveText(/listen\(\)/);
    await next.click();
    await expect(next).toHaveText(/accept\(\)/);
    await expect(next).toBeEnabled();
    await next.click();

    await page.getByTestId('tab-flow').click();
    const block = page.locator('[data-testid="flow-block"][data-open="true"]').first();
    await expect(block).toContainText('accept() 阻塞');
    await expect(page.getByTestId('flow-lane').filter({ hasText: '单步服务器' }).first()).toBeVisible();
    await expect(page.getByTestId('code-caption')).toContainText(/服务器正在 accept\(\) 中等待/);
    await block.locator('.flow-block-marker').hover();
    const tooltip = page.getByTestId('flow-tooltip');
    await expect(tooltip).toContainText('阻塞在 accept()：等待客户端');
    await expect(tooltip).toContainText('仍在等待');
    await page.mouse.move(0, 0);
    // The bar grows with the clock; once long enough it says what it waits for.
    await expect(block.locator('.flow-block-text')).toContainText('等待客户端', { timeout: 10_000 });
    await page.screenshot({ path: testInfo.outputPath('zh-flow-blocked.png') });
    await switchTo(page, 'en');
    await expect(block).toContainText('accept() blocks');
    await expect(block).toContainText('waiting for a client');
  });
});
