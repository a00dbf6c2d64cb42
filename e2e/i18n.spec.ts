import { expect, test, type Page } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from './bridge-process.ts';
import { startServerInPage } from './learner.ts';

/**
 * 简体中文: a learner switches the page to Chinese and finds each translated tab in Chinese,
 * with the measured results in Chinese too. Each tab is photographed for a look.
 */
test.describe('简体中文', () => {
  test.setTimeout(60_000);
  let bridge: BridgeProcess;
  test.beforeAll(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterAll(async () => {
    await bridge.stop();
  });

  async function openInChinese(page: Page): Promise<void> {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('lang-switch').locator('[data-lang="zh"]').click();
    await expect(page.getByTestId('connection-status')).toContainText('已连接');
  }

  test('the Demonstrations tab, results included', async ({ page }, testInfo) => {
    await openInChinese(page);
    await page.getByTestId('tab-demos').click();
    const pane = page.getByTestId('demos-pane');
    await expect(pane).toContainText('TCP 是字节流，不是一条条消息');
    const card = pane.locator('[data-testid="demo-card"][data-demo="recv-bufsize"]');
    await card.getByTestId('demo-run').click();
    await expect(card.getByTestId('demo-headline')).toContainText('5,000 字节的回显分 5 次 recv 收回');
    await page.setViewportSize({ width: 1280, height: 1350 });
    await page.screenshot({ path: testInfo.outputPath('zh-demos.png') });

    // A problem with a field is said in Chinese, and again in English after switching back.
    const stream = pane.locator('[data-testid="demo-card"][data-demo="byte-stream"]');
    await stream.getByTestId('demo-param-bufsize').fill('0');
    await stream.getByTestId('demo-run').click();
    await expect(stream.getByTestId('demo-problem')).toContainText('recv 的 bufsize 必须在');
    await stream.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: testInfo.outputPath('zh-demos-problem.png') });
    await page.getByTestId('lang-switch').locator('[data-lang="en"]').click();
    await expect(stream.getByTestId('demo-problem')).toContainText('The recv bufsize must be from');
  });

  test('the Who can connect tab, a run included', async ({ page }, testInfo) => {
    await openInChinese(page);
    await page.getByTestId('tab-lab').click();
    const pane = page.getByTestId('lab-pane');
    await expect(pane).toContainText('每个客户端 × 每个地址');
    await expect(pane).toContainText('笔记里没讲的');
    await page.getByTestId('netlab-start').click();
    await expect(page.getByTestId('netlab-status')).toContainText(/命名空间|模拟/, { timeout: 15_000 });
    await page.locator('[data-testid="bind-option"][data-bind="0.0.0.0"]').click();
    await page.getByTestId('matrix-run').click();
    await expect(page.getByTestId('matrix-caption')).toContainText('连上', { timeout: 15_000 });
    await page.locator('[data-testid="matrix-cell"][data-client="pc1"][data-target="127.0.0.1"] button').click();
    await expect(page.getByTestId('cell-details')).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.screenshot({ path: testInfo.outputPath('zh-lab.png'), fullPage: true });
  });

  test('the Bytes tab, a send and where it arrived', async ({ page }, testInfo) => {
    await openInChinese(page);
    const { port } = await startServerInPage(page);
    await page.getByTestId('client-port').fill(String(port));
    await page.getByTestId('client-run').click();
    await expect(page.getByTestId('client-result')).toContainText('Hello, world');
    await page.getByTestId('tab-bytes').click();
    const pane = page.getByTestId('bytes-pane');
    await expect(pane).toContainText('为什么 send 和 recv 不是一一对应的');
    await page.locator('[data-testid="bytes-block"][data-call="send"][data-offset="0"]').first().click();
    await expect(page.getByTestId('bytes-matches')).toContainText(/这 [\d,]+ 个字节由 1 次 recv 收到/);
    await page.screenshot({ path: testInfo.outputPath('zh-bytes.png'), fullPage: true });

    // The Call flow tab's replay bar.
    await page.getByTestId('tab-flow').click();
    await expect(page.getByTestId('replay-bar')).toContainText('保存会话');
    await page.screenshot({ path: testInfo.outputPath('zh-flow.png') });
  });
});
