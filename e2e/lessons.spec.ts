import { createServer } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { freePort, startBridgeProcess, type BridgeProcess } from './bridge-process.ts';
import { startServerInPage } from './learner.ts';

/** Whether nothing listens on 127.0.0.1:port right now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A newcomer: the welcome, lesson 1, then the echo lesson done for real — its first step by hand
 * with the server card, its second with "Show me" —, a hint, then 中文, and a reload that keeps
 * the language and the progress.
 */
test.describe('lessons', () => {
  test.setTimeout(60_000);
  let bridge: BridgeProcess;
  test.beforeEach(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterEach(async () => {
    await bridge.stop();
  });

  const goal = (page: Page) => page.getByTestId('lesson-goal');
  const step = (page: Page) => page.getByTestId('lesson-step');
  const han = /[\u4e00-\u9fff]/;

  async function openLesson(page: Page, id: string): Promise<void> {
    const list = page.getByTestId('lesson-list');
    if ((await list.getAttribute('open')) === null) await page.getByTestId('lesson-list-toggle').click();
    await list.locator(`[data-testid="lesson-item"][data-lesson="${id}"]`).click();
  }

  test('a newcomer completes the echo lesson, then switches to 中文', async ({ page }, testInfo) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await expect(page.getByTestId('welcome')).toBeVisible();
    // The welcome sits above the tools: they stay usable.
    await expect(page.getByTestId('server-start')).toBeEnabled();

    await page.getByTestId('welcome-start').click();
    await expect(page.getByTestId('welcome')).toHaveCount(0);
    await expect(page.getByTestId('lesson-panel')).toBeVisible();
    await expect(page.getByTestId('lesson-title')).toContainText('1.');
    await expect(page).toHaveURL(/#\/lesson\/[^/]+\/[^/]+$/);

    // Lesson "echo" (lesson 3 of the curriculum), step 1 by hand.
    await openLesson(page, 'echo');
    await expect(page).toHaveURL(/#\/lesson\/echo\/server$/);
    await expect(step(page)).toHaveAttribute('data-step', 'server');
    await expect(page.getByTestId('lesson-body')).toContainText('listen');
    await expect(page.getByTestId('lesson-body').locator('code').first()).toBeVisible();
    await expect(goal(page)).toHaveAttribute('data-met', 'false');
    await expect(page.getByTestId('lesson-hint')).toHaveCount(0);
    await page.getByTestId('lesson-hint-next').click();
    await expect(page.getByTestId('lesson-hint')).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('lessons-en.png') });

    await startServerInPage(page, await freePort());
    await expect(goal(page)).toHaveAttribute('data-met', 'true');
    await page.getByTestId('lesson-next').click();

    // Step 2 with "Show me": the page runs the server and the client for real.
    await expect(step(page)).toHaveAttribute('data-step', 'client');
    await expect(page).toHaveURL(/#\/lesson\/echo\/client$/);
    await expect(goal(page)).toHaveAttribute('data-met', 'false');
    // The show-me starts the notes' server on 65432: where another program holds that port, do it by hand.
    if (await portFree(65432)) {
      await page.getByTestId('lesson-show-me').click();
    } else {
      testInfo.annotations.push({ type: 'note', description: '65432 is taken on this machine: step 2 done by hand' });
      await page.getByTestId('client-port').fill(await page.getByTestId('server-port').inputValue());
      await page.getByTestId('client-run').click();
    }
    await expect(goal(page)).toHaveAttribute('data-met', 'true', { timeout: 15_000 });
    await expect(page.locator('[data-testid="event-row"][data-call="recv"]').filter({ hasText: 'Hello, world' }).first()).toBeVisible();

    // Any further steps of the lesson (it grows): "Show me" each, until the lesson is complete.
    for (let i = 0; i < 10 && (await page.getByTestId('lesson-finished').count()) === 0; i++) {
      const next = page.getByTestId('lesson-next');
      if ((await next.textContent()) !== 'Next step') break;
      await next.click();
      await expect(goal(page)).toHaveAttribute('data-met', 'false');
      await page.getByTestId('lesson-show-me').click();
      await expect(goal(page)).toHaveAttribute('data-met', 'true', { timeout: 15_000 });
    }
    const lastStep = await step(page).getAttribute('data-step');
    await page.getByTestId('lesson-list-toggle').click();
    await expect(page.locator('[data-testid="lesson-item"][data-lesson="echo"]')).toContainText('✓');
    await page.screenshot({ path: testInfo.outputPath('lessons-done-en.png') });

    // 中文: the lesson's text and the page's own words switch, API names stay.
    await expect(page.getByTestId('lesson-body')).not.toContainText(han);
    await page.getByTestId('lang-switch').locator('[data-lang="zh"]').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('lesson-body')).toContainText(han);
    // API names keep their names in code.
    await expect(page.getByTestId('lesson-body').locator('code').first()).toHaveText(/^[\x20-\x7e]+$/);
    await expect(page.getByTestId('tab-list')).toHaveText('事件列表');
    await expect(page.getByTestId('server-start')).toHaveText('启动服务器');
    await expect(page.getByTestId('connection-status')).toContainText('已连接');
    // The event list's own words too: a close row in Chinese.
    await expect(page.locator('[data-testid="event-row"][data-call="close"]').first()).toContainText('正常关闭');
    await page.screenshot({ path: testInfo.outputPath('lessons-zh.png') });

    // A reload keeps the language, the step (its link) and the progress.
    await page.reload();
    await expect(page.getByTestId('connection-status')).toContainText('已连接');
    await expect(page.getByTestId('welcome')).toHaveCount(0);
    await expect(step(page)).toHaveAttribute('data-step', lastStep ?? '');
    await expect(page.getByTestId('tab-list')).toHaveText('事件列表');
    await expect(page.getByTestId('lesson-body')).toContainText(han);
    await page.getByTestId('lesson-list-toggle').click();
    await expect(page.locator('[data-testid="lesson-item"][data-lesson="echo"]')).toContainText('✓');

    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.screenshot({ path: testInfo.outputPath('lessons-dark.png') });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('a step has its own link; reset and sandbox', async ({ page }) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await expect(page.getByTestId('welcome')).toBeVisible();
    // The token left the address bar; a lesson link on the same page opens that step.
    await page.evaluate(() => (window.location.hash = '#/lesson/echo/client'));
    await expect(step(page)).toHaveAttribute('data-step', 'client');
    await expect(page.getByTestId('welcome')).toHaveCount(0);

    await page.getByTestId('lesson-reset').click();
    await expect(step(page)).toHaveAttribute('data-step', 'server');
    await expect(page).toHaveURL(/#\/lesson\/echo\/server$/);

    // The panel folds to one line and back.
    await page.getByTestId('lesson-collapse').click();
    await expect(step(page)).toHaveCount(0);
    await expect(page.getByTestId('lesson-title')).toBeVisible();
    await page.getByTestId('lesson-collapse').click();
    await expect(step(page)).toHaveAttribute('data-step', 'server');

    await page.getByTestId('lesson-sandbox').click();
    await expect(page.getByTestId('lesson-step')).toHaveCount(0);
    await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-sandbox', 'true');
    await expect(page.getByTestId('client-run')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-sandbox', 'true');
    await page.getByTestId('lesson-sandbox').click();
    await expect(step(page)).toHaveAttribute('data-step', 'server');
  });

  test('explore on my own: the sandbox, and the browser language picks 中文', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('已连接');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByTestId('welcome-explore').click();
    await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-sandbox', 'true');
    await page.getByTestId('lang-switch').locator('[data-lang="en"]').click();
    await expect(page.getByTestId('tab-list')).toHaveText('Event list');
    await context.close();
  });
});
