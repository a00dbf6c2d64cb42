import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { freePort, startBridgeProcess, type BridgeProcess } from './bridge-process.ts';
import { startServerInPage } from './learner.ts';

/**
 * Accessibility: axe on every main view (welcome, lesson panel, event list, call flow, bytes, who
 * can connect, demonstrations, protocol) in the light theme and in the dark one, with real content in each
 * (the drawings too). Every violation is listed in the report (a11y-<view>.json, a11y-<view>-dark.json)
 * and fails the test.
 */
test.describe('accessibility', () => {
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

  interface Found {
    id: string;
    impact: string | null | undefined;
    help: string;
    targets: string[];
  }

  async function audit(page: Page, testInfo: TestInfo, view: string): Promise<Found[]> {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const found = results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 15).map((n) => `${n.target.join(' ')} ${(n.any[0]?.message ?? n.all[0]?.message ?? '').slice(0, 120)}`) }));
    await testInfo.attach(`a11y-${view}.json`, { body: JSON.stringify(found, null, 2), contentType: 'application/json' });
    if (found.length > 0) console.log(`axe: ${view}:\n${found.map((f) => `  ${f.id} (${f.impact}): ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n')}`);
    return found;
  }

  /** Every main view, with real traffic so the event list, the call flow and the byte timeline have content. */
  async function auditViews(page: Page, testInfo: TestInfo, suffix: string): Promise<string[]> {
    const all: Record<string, Found[]> = {};
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await expect(page.getByTestId('welcome')).toBeVisible();
    all.welcome = await audit(page, testInfo, `welcome${suffix}`);

    await page.getByTestId('welcome-start').click();
    await expect(page.getByTestId('lesson-step')).toBeVisible();
    await page.getByTestId('lesson-hint-next').click();
    all.lesson = await audit(page, testInfo, `lesson${suffix}`);

    // Some real traffic, so the views have something to show.
    const { port } = await startServerInPage(page, await freePort());
    await page.getByTestId('client-port').fill(String(port));
    await page.getByTestId('client-run').click();
    await expect(page.getByTestId('client-result')).toContainText('Hello, world');
    await page.locator('[data-testid="event-row"][data-call="recv"]').first().click();
    all.list = await audit(page, testInfo, `event-list${suffix}`);

    await page.getByTestId('tab-flow').click();
    await expect(page.getByTestId('flow-diagram')).toBeVisible();
    await expect(page.locator('.flow-item').first()).toBeVisible();
    all.flow = await audit(page, testInfo, `call-flow${suffix}`);

    await page.getByTestId('tab-bytes').click();
    await expect(page.getByTestId('bytes-pane')).toBeVisible();
    await expect(page.getByTestId('bytes-timeline')).toHaveAttribute('data-connections', /[1-9]/);
    await page.getByTestId('bytes-connection').first().click();
    all.bytes = await audit(page, testInfo, `bytes${suffix}`);

    await page.getByTestId('tab-lab').click();
    await page.getByTestId('netlab-start').click();
    await expect(page.getByTestId('netlab-status')).toContainText(/namespace|modelled/i, { timeout: 20_000 });
    await expect(page.locator('[data-testid="matrix-cell"]').first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('topology')).toBeVisible();
    all.lab = await audit(page, testInfo, `who-can-connect${suffix}`);
    await page.getByTestId('netlab-stop').click();

    await page.getByTestId('tab-demos').click();
    await expect(page.getByTestId('demos-pane')).toBeVisible();
    all.demos = await audit(page, testInfo, `demonstrations${suffix}`);

    // The Protocol tab after a request cut inside its protoheader: the form, the result, the frames.
    await page.getByTestId('tab-app').click();
    await page.getByTestId('app-server-port').fill('0');
    await page.getByTestId('app-server-start').click();
    await page.getByTestId('app-chunking-protoheader').check();
    await page.getByTestId('app-send').click();
    await expect(page.getByTestId('app-frames')).toBeVisible();
    await page.locator('[data-testid="frame-view"][data-dir="0"]').getByTestId('frame-prev').click();
    all.app = await audit(page, testInfo, `protocol${suffix}`);

    return Object.entries(all).flatMap(([view, found]) => found.map((f) => `${view}: ${f.id}`));
  }

  test('every main view passes axe in the light theme', async ({ page }, testInfo) => {
    expect(await auditViews(page, testInfo, '')).toEqual([]);
  });

  test('every main view passes axe in the dark theme, drawings included', async ({ page }, testInfo) => {
    await page.addInitScript(() => window.localStorage.setItem('socket-playground.theme', 'dark'));
    expect(await auditViews(page, testInfo, '-dark')).toEqual([]);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('who can connect passes axe in single-host mode (modelled cells, the real-cards consent)', async ({ page }, testInfo) => {
    const single = await startBridgeProcess({ args: ['--lab', 'single-host', '--cards', 'fake0=127.0.2.1/24'] });
    try {
      await page.goto(single.url);
      await expect(page.getByTestId('connection-status')).toContainText('Connected');
      await page.getByTestId('welcome-explore').click();
      await page.getByTestId('tab-lab').click();
      await page.getByTestId('netlab-start').click();
      await expect(page.getByTestId('netlab-status')).toContainText(/modelled/i, { timeout: 20_000 });
      await expect(page.locator('[data-testid="matrix-cell"]').first()).toBeVisible({ timeout: 20_000 });
      await page.locator('[data-testid="matrix-cell"]').first().click();
      const found = await audit(page, testInfo, 'who-can-connect-single-host');
      expect(found.map((f) => f.id)).toEqual([]);
    } finally {
      await single.stop();
    }
  });
});
