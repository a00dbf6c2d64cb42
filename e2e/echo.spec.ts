import { connect } from 'node:net';
import { startServerInPage } from './learner.ts';
import { expect, test } from './fixtures.ts';

test.describe('a learner runs the echo server and client', () => {
  test('starts a server, runs the client and sees Hello, world come back', async ({ page, bridge }) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    // The defaults are the notes' own: 127.0.0.1, port 65432, "Hello, world".
    await expect(page.getByTestId('server-host')).toHaveValue('127.0.0.1');
    await expect(page.getByTestId('server-port')).toHaveValue('65432');
    await expect(page.getByTestId('client-message')).toHaveValue('Hello, world');

    const { port, row } = await startServerInPage(page);

    await page.getByTestId('client-port').fill(String(port));
    await page.getByTestId('client-run').click();
    await expect(page.getByTestId('client-result')).toContainText('Hello, world');

    const events = page.getByTestId('event-list');
    for (const call of ['socket', 'bind', 'listen', 'accept', 'connect', 'send', 'recv', 'close']) {
      await expect(events.locator(`[data-testid="event-row"][data-call="${call}"]`).first()).toBeVisible();
    }
    await expect(events.locator('[data-testid="event-row"][data-call="recv"]').filter({ hasText: 'Hello, world' }).first()).toBeVisible();
    await expect(events.getByText('server.listen()').first()).toBeVisible();

    // The details of a recv show its bytes as hex: "Hello" is 48 65 6c 6c 6f.
    await events.locator('[data-testid="event-row"][data-call="recv"]').filter({ hasText: 'Hello, world' }).first().click();
    await expect(page.getByTestId('event-details')).toContainText('48 65 6c 6c 6f');
    // The mapping from Node's API onto the Berkeley call is said, not hidden.
    await events.locator('[data-testid="event-row"][data-call="accept"]').first().click();
    await expect(page.getByTestId('event-details')).toContainText("'connection' event");

    await row.getByTestId('server-stop').click();
    await expect(row).toHaveCount(0);
  });

  test('a client from outside the playground (like nc) shows up live', async ({ page, bridge }) => {
    await page.goto(bridge.url);
    const { port, row } = await startServerInPage(page);

    const nc = connect(port, '127.0.0.1');
    const echoed = await new Promise<string>((resolve) => {
      nc.on('connect', () => nc.write('typed in nc\n'));
      nc.on('data', (d) => resolve(d.toString()));
    });
    expect(echoed).toBe('typed in nc\n');
    const recv = page.locator('[data-testid="event-row"][data-call="recv"]').filter({ hasText: 'typed in nc' });
    await expect(recv.first()).toBeVisible();
    await expect(page.locator('[data-testid="event-row"][data-call="accept"]').filter({ hasText: String(nc.localPort) }).first()).toBeVisible();
    nc.end();
    await row.getByTestId('server-stop').click();
  });

  test('a long message: the event carries a preview, the rest is loaded on request', async ({ page, bridge }) => {
    await page.goto(bridge.url);
    const { port, row } = await startServerInPage(page);
    const message = `${'a'.repeat(597)}END`;
    await page.getByTestId('client-port').fill(String(port));
    await page.getByTestId('client-message').fill(message);
    await page.getByTestId('client-run').click();
    await expect(page.getByTestId('client-result')).toContainText('600 bytes');

    const send = page.locator('[data-testid="event-row"][data-call="send"]').filter({ hasText: '600 bytes' }).first();
    await send.click();
    const details = page.getByTestId('event-details');
    await expect(details).toContainText('First 256 bytes of 600 bytes');
    await expect(details).not.toContainText('END');
    await details.getByTestId('load-bytes').click();
    await expect(details).toContainText('All 600 bytes');
    await expect(details).toContainText('END');
    await row.getByTestId('server-stop').click();
  });
});
