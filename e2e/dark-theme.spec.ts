import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { freePort, startBridgeProcess, type BridgeProcess } from './bridge-process.ts';
import { startServerInPage } from './learner.ts';

/**
 * The three drawings (call flow, byte timeline, topology) in both themes: in the dark theme
 * their ground is dark (no light islands left), in the light theme it stays white. Screenshots
 * of each are attached (dark-flow.png, light-flow.png…) to be looked at.
 */

/** Relative luminance (WCAG) of "rgb(r, g, b)" / "rgba(r, g, b, a)" or [r, g, b]. */
function luminance(color: string | number[]): number {
  const parts = typeof color === 'string' ? (color.match(/[\d.]+/g) ?? []).map(Number) : color;
  const [r = 0, g = 0, b = 0] = parts.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The first non-transparent background colour from `selector` up through its ancestors. */
async function groundOf(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((el) => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
    }
    return 'rgb(255, 255, 255)';
  });
}

/** A pixel of the byte timeline's canvas: the axis strip at the right edge, and a lane's plot area. */
async function canvasPixels(page: Page): Promise<{ axis: number[]; lane: number[] }> {
  return page.getByTestId('bytes-timeline').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const ctx = c.getContext('2d')!;
    const dpr = c.width / c.clientWidth;
    const at = (x: number, y: number) => Array.from(ctx.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data);
    // The axis is 24px tall; the first lane of the first connection starts at 24 + 20 (its header).
    return { axis: at(c.clientWidth - 3, 4), lane: at(c.clientWidth - 3, 24 + 20 + 4) };
  });
}

async function produceEvents(page: Page): Promise<void> {
  const { port } = await startServerInPage(page, await freePort());
  await page.getByTestId('client-port').fill(String(port));
  await page.getByTestId('client-run').click();
  await expect(page.getByTestId('client-result')).toContainText('Hello, world');
}

async function shoot(page: Page, testInfo: TestInfo, theme: 'light' | 'dark'): Promise<Record<string, number>> {
  const grounds: Record<string, number> = {};
  await page.getByTestId('tab-flow').click();
  const flow = page.getByTestId('flow-diagram');
  await expect(flow).toBeVisible();
  await expect(flow.locator('.flow-item').first()).toBeVisible();
  await page.locator('.flow-wrap').screenshot({ path: testInfo.outputPath(`${theme}-flow.png`) });
  // A call's tooltip over the diagram.
  await flow.locator('.flow-item').nth(4).hover();
  await expect(page.locator('.flow-tooltip')).toBeVisible();
  await page.locator('.flow-wrap').screenshot({ path: testInfo.outputPath(`${theme}-flow-tooltip.png`) });
  await page.mouse.move(0, 0);
  grounds.flow = luminance(await groundOf(page, '.flow-scroll'));
  grounds.flowLanes = luminance(await groundOf(page, '.flow-lane'));

  await page.getByTestId('tab-bytes').click();
  await expect(page.getByTestId('bytes-pane')).toBeVisible();
  await expect(page.getByTestId('bytes-timeline')).toHaveAttribute('data-connections', /[1-9]/);
  await page.getByTestId('bytes-pane').screenshot({ path: testInfo.outputPath(`${theme}-bytes.png`) });
  const px = await canvasPixels(page);
  grounds.canvasAxis = luminance(px.axis);
  grounds.canvasLane = luminance(px.lane);
  grounds.canvasBox = luminance(await groundOf(page, '.bytes-timeline-box'));

  await page.getByTestId('tab-lab').click();
  await page.getByTestId('netlab-start').click();
  await expect(page.getByTestId('netlab-status')).toContainText(/namespace|modelled/i, { timeout: 20_000 });
  await expect(page.getByTestId('topology')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('topology').screenshot({ path: testInfo.outputPath(`${theme}-topology.png`) });
  grounds.topology = luminance(await groundOf(page, '.topology-svg'));
  await page.getByTestId('netlab-stop').click();
  return grounds;
}

/** Step mode: a server blocked in accept(), a client queued in the backlog, and a refused connect. */
async function blockedScene(page: Page, testInfo: TestInfo, theme: 'light' | 'dark'): Promise<void> {
  await page.setViewportSize({ width: 1600, height: 1200 });
  await page.getByTestId('tab-flow').click();
  const port = await freePort();
  const panel = page.getByTestId('step-panel');
  await panel.getByTestId('step-server-port').fill(String(port));
  await panel.getByTestId('step-server-backlog').fill('1');
  await panel.getByTestId('step-server-create').click();
  const next = panel.getByTestId('step-server-next');
  await expect(next).toHaveText(/listen\(\)/);
  await next.click();
  await expect(next).toHaveText(/accept\(\)/);
  await expect(next).toBeEnabled();
  // accept() with nobody connecting yet: the thread blocks in the kernel (an open bar on the lane).
  await next.click();
  await expect(page.locator('.flow-block').first()).toBeAttached();
  await page.getByTestId('step-client-port').fill(String(port));
  await page.getByTestId('step-client-create').click();
  const client = page.getByTestId('step-client').first();
  for (const label of [/connect\(\)/, /sendall/]) {
    await expect(client.getByTestId('step-client-next')).toHaveText(label);
    await expect(client.getByTestId('step-client-next')).toBeEnabled();
    await client.getByTestId('step-client-next').click();
  }
  await page.getByTestId('client-port').fill(String(await freePort()));
  await page.getByTestId('client-run').click();
  await expect(page.getByTestId('client-result')).toContainText('refused');
  await expect(page.locator('.fi-error').first()).toBeVisible();
  await page.locator('.flow-wrap').screenshot({ path: testInfo.outputPath(`${theme}-flow-step.png`) });
}

test.describe('the drawings follow the theme', () => {
  test.setTimeout(90_000);
  let bridge: BridgeProcess;
  test.beforeEach(async ({ page }) => {
    bridge = await startBridgeProcess();
    await page.addInitScript(() => {
      if (window.localStorage.getItem('socket-playground.theme') === null) window.localStorage.setItem('socket-playground.theme', 'light');
    });
  });
  test.afterEach(async () => {
    await bridge.stop();
  });

  test('dark: the call flow, the byte timeline and the topology are drawn on a dark ground', async ({ page }, testInfo) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('welcome-explore').click();
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await produceEvents(page);
    await page.getByTestId('tab-list').click();
    await page.screenshot({ path: testInfo.outputPath('dark-events.png') });
    const grounds = await shoot(page, testInfo, 'dark');
    await blockedScene(page, testInfo, 'dark');
    await testInfo.attach('dark-grounds.json', { body: JSON.stringify(grounds, null, 2), contentType: 'application/json' });
    for (const [what, l] of Object.entries(grounds)) expect(l, `${what} should be dark`).toBeLessThan(0.05);
  });

  test('dark after the fact: the timeline redraws when the theme changes', async ({ page }) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('welcome-explore').click();
    await produceEvents(page);
    await page.getByTestId('tab-bytes').click();
    await expect(page.getByTestId('bytes-timeline')).toHaveAttribute('data-connections', /[1-9]/);
    expect(luminance((await canvasPixels(page)).axis)).toBeGreaterThan(0.8);
    await page.getByTestId('theme-toggle').click();
    await expect.poll(async () => luminance((await canvasPixels(page)).axis)).toBeLessThan(0.05);
    await page.getByTestId('theme-toggle').click();
    await expect.poll(async () => luminance((await canvasPixels(page)).axis)).toBeGreaterThan(0.8);
  });

  test('dark, in Chinese: the summary and the canvas labels are translated', async ({ page }, testInfo) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('welcome-explore').click();
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('lang-switch').locator('[data-lang="zh"]').click();
    await expect(page.getByTestId('connection-status')).toContainText('已连接');
    await produceEvents(page);
    await page.getByTestId('tab-bytes').click();
    await expect(page.getByTestId('bytes-timeline')).toHaveAttribute('data-connections', /[1-9]/);
    await page.getByTestId('bytes-connection').first().click();
    const counters = page.getByTestId('bytes-counters');
    await expect(counters).toContainText('已发送');
    await expect(counters).toContainText('客户端 → 服务器');
    await expect(page.locator('.bytes-summary-head')).toContainText('客户端 cli1');
    await expect(page.getByTestId('bytes-timeline')).toHaveAttribute('aria-label', /字节时间线/);
    await page.getByTestId('bytes-pane').screenshot({ path: testInfo.outputPath('dark-bytes-zh.png') });
  });

  test('light: the drawings keep their white ground', async ({ page }, testInfo) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('welcome-explore').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await produceEvents(page);
    const grounds = await shoot(page, testInfo, 'light');
    await blockedScene(page, testInfo, 'light');
    await testInfo.attach('light-grounds.json', { body: JSON.stringify(grounds, null, 2), contentType: 'application/json' });
    for (const [what, l] of Object.entries(grounds)) expect(l, `${what} should be light`).toBeGreaterThan(0.8);
  });
});
