import { connect } from 'node:net';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { freePort, startBridgeProcess, type BridgeProcess } from './bridge-process.ts';

/**
 * A learner steps the notes' blocking echo server through a whole exchange with two stepped
 * clients, the second waiting in the kernel's accept queue, while the call flow and the code follow.
 */
test.describe('step mode', () => {
  test.setTimeout(60_000);
  // A bridge of its own: the diagram assertions count lanes and connections of this session only.
  let bridge: BridgeProcess;
  test.beforeEach(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterEach(async () => {
    await bridge.stop();
  });

  async function step(button: Locator, label: string | RegExp): Promise<void> {
    await expect(button).toHaveText(label);
    await expect(button).toBeEnabled();
    await button.click();
  }

  async function addClient(page: Page, port: number): Promise<Locator> {
    const before = await page.getByTestId('step-client').count();
    await page.getByTestId('step-client-port').fill(String(port));
    await page.getByTestId('step-client-create').click();
    await expect(page.getByTestId('step-client')).toHaveCount(before + 1);
    return page.getByTestId('step-client').nth(before);
  }

  test('one call at a time, two clients, one waiting in the backlog', async ({ page }, testInfo) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    const port = await freePort();
    const panel = page.getByTestId('step-panel');
    await panel.getByTestId('step-server-port').fill(String(port));
    await panel.getByTestId('step-server-backlog').fill('1');
    await panel.getByTestId('step-server-create').click();
    const next = panel.getByTestId('step-server-next');
    await step(next, /listen\(\)/);
    await expect(next).toHaveText(/accept\(\)/);

    await page.getByTestId('tab-flow').click();
    await expect(page.getByTestId('flow-diagram')).toBeVisible();

    // Client 1 connects and sends before the server accepts: the kernel queues both.
    const c1 = await addClient(page, port);
    await step(c1.getByTestId('step-client-next'), /connect\(\)/);
    await step(c1.getByTestId('step-client-next'), /sendall/);
    const kernel = panel.getByTestId('kernel-view');
    await expect(kernel.getByTestId('accept-queue-item')).toHaveCount(1);
    await expect(kernel.getByTestId('accept-queue-item').first()).toContainText('12 bytes');

    // Client 2 does the same: two queued connections (backlog 1 lets Linux queue 2).
    const c2 = await addClient(page, port);
    await step(c2.getByTestId('step-client-next'), /connect\(\)/);
    await step(c2.getByTestId('step-client-next'), /sendall/);
    await expect(kernel.getByTestId('accept-queue-item')).toHaveCount(2);
    // The README's picture (docs/step-mode.png): both clients queued in the kernel, none accepted yet.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await kernel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('step-mode-backlog.png') });

    // The server takes client 1; the code shows the line that did it.
    await step(next, /accept\(\)/);
    await expect(kernel.getByTestId('accept-queue-item')).toHaveCount(1);
    await expect(page.getByTestId('code-line-active')).toContainText('accept');
    await expect(kernel.getByTestId('recv-queue')).toContainText('12 bytes');
    await step(next, /recv\(1024\)/);
    await expect(page.getByTestId('code-line-active')).toContainText('recv');
    await step(next, /sendall/);
    await step(c1.getByTestId('step-client-next'), /recv\(1024\)/);
    await expect(c1).toContainText("b'Hello, world'");
    await step(c1.getByTestId('step-client-next'), /close\(\)/);
    await step(next, /recv\(1024\)/); // returns 0 bytes: client 1 closed
    await step(next, /close\(\)/);

    // Client 2's bytes were waiting in the kernel all along.
    await expect(kernel.getByTestId('accept-queue-item').first()).toContainText('12 bytes');
    await step(next, /accept\(\)/);
    await expect(kernel.getByTestId('accept-queue-item')).toHaveCount(0);
    await step(next, /recv\(1024\)/);
    await step(next, /sendall/);
    await step(c2.getByTestId('step-client-next'), /recv\(1024\)/);
    await expect(c2).toContainText("b'Hello, world'");

    // The diagram shows every call, the handshakes and the data arrows.
    const diagram = page.getByTestId('flow-diagram');
    for (const call of ['listen', 'accept', 'connect', 'send', 'recv', 'close']) {
      await expect(diagram.locator(`[data-testid="flow-item"][data-call="${call}"]`).first()).toBeAttached();
    }
    await expect(diagram.getByTestId('flow-connection')).toHaveCount(2);
    await expect(diagram.getByTestId('flow-arrow').first()).toBeAttached();
    await expect(diagram.getByTestId('flow-lane')).toHaveCount(3);
    await page.screenshot({ path: testInfo.outputPath('step-mode-diagram.png'), fullPage: false });

    // TypeScript shows the same calls as Node really makes them.
    await page.getByTestId('code-lang-typescript').click();
    await expect(page.getByTestId('code-panel')).toContainText('net.');
    await panel.getByTestId('step-server-reset').click();
    await expect(panel.getByTestId('step-server')).toHaveCount(0);
  });

  test('accept() really blocks until a client comes, and recv(4) returns 4 bytes', async ({ page }) => {
    await page.goto(bridge.url);
    const port = await freePort();
    const panel = page.getByTestId('step-panel');
    await panel.getByTestId('step-server-port').fill(String(port));
    await panel.getByTestId('step-server-create').click();
    const next = panel.getByTestId('step-server-next');
    await step(next, /listen\(\)/);
    await step(next, /accept\(\)/);
    await expect(panel.getByTestId('step-server-status')).toContainText('Blocked in accept()');
    await page.getByTestId('tab-flow').click();
    await expect(page.locator('[data-testid="flow-block"][data-open="true"]').first()).toBeAttached();

    // A client from outside (like nc) arrives: accept() returns by itself.
    const nc = connect(port, '127.0.0.1');
    await new Promise((r) => nc.once('connect', r));
    nc.write('abcdefgh');
    await expect(next).toHaveText(/recv\(1024\)/);
    await panel.getByTestId('step-bufsize').fill('4');
    await expect(next).toHaveText(/recv\(4\)/);
    await next.click();
    await expect(next).toHaveText(/sendall/);
    const echoed = new Promise<string>((resolve) => nc.once('data', (d) => resolve(d.toString())));
    await next.click();
    expect(await echoed).toBe('abcd');
    nc.destroy();
    await panel.getByTestId('step-server-reset').click();
  });
});
