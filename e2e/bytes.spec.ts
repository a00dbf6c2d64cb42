import { readFileSync, statSync } from 'node:fs';
import { parseSessionFile } from '../apps/web/src/replay/session-file.ts';
import { startServerInPage } from './learner.ts';
import { expect, test } from './fixtures.ts';

/**
 * The Bytes tab: a learner runs the echo client, opens the byte timeline, picks a send in the
 * list and sees its bytes, where they arrived, copies the hex dump and saves the session.
 */
test.describe('the Bytes tab', () => {
  test('a send, its hex, the recv it arrived in, the hex dump copied and the session saved', async ({ page, bridge }, testInfo) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(bridge.url).origin });
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    const { port, row } = await startServerInPage(page);
    await page.getByTestId('client-port').fill(String(port));
    await page.getByTestId('client-run').click();
    await expect(page.getByTestId('client-result')).toContainText('Hello, world');

    await page.getByTestId('tab-bytes').click();
    const pane = page.getByTestId('bytes-pane');
    await expect(pane).toBeVisible();
    // One connection: the client's socket and the server's accepted socket, paired.
    await expect(page.getByTestId('bytes-connection')).toHaveCount(1);
    const timeline = page.getByTestId('bytes-timeline');
    await expect(timeline).toHaveAttribute('data-connections', '1');
    // send + recv each way: "Hello, world" there and back.
    await expect(timeline).toHaveAttribute('data-blocks', '4');
    await expect(page.getByTestId('bytes-dropped')).toContainText('0 older events dropped');
    await expect(page.getByTestId('bytes-counters')).toContainText('12 B');

    // On the canvas, a hover names the block under the pointer and a click selects it (hit-testing).
    const box = (await timeline.boundingBox())!;
    const sendRowY = box.y + 24 + 20 + 46 / 2 - 5; // axis, header, the middle of the first lane, just above it
    let found = false;
    for (let x = box.x + 180; x < box.x + box.width && !found; x += 3) {
      await page.mouse.move(x, sendRowY);
      found = (await page.locator('.bytes-tip').count()) > 0;
    }
    expect(found).toBe(true);
    await expect(page.locator('.bytes-tip')).toContainText('send');
    await page.mouse.down();
    await page.mouse.up();
    await expect(page.getByTestId('bytes-inspector')).toContainText('12 bytes at stream offset 0–11');
    await page.mouse.move(0, 0);

    // The list beside the timeline: click the client's send without pixel coordinates.
    const send = page.locator('[data-testid="bytes-block"][data-call="send"][data-offset="0"]').first();
    await expect(send).toHaveAttribute('data-bytes', '12');
    await send.click();
    const inspector = page.getByTestId('bytes-inspector');
    // 16 bytes a line, or 8 where the inspector is narrow: "Hello, w" fits either way.
    await expect(inspector.getByTestId('bytes-hex')).toContainText('48 65 6c 6c 6f 2c 20 77');
    await expect(inspector.getByTestId('bytes-hex')).toContainText('Hello, w');
    const matches = inspector.getByTestId('bytes-matches');
    await expect(matches).toContainText('These 12 bytes arrived in one recv');
    await expect(matches).toContainText(/recv #\d+ \(12 B at offset 0\)/);
    // The matching recv is highlighted in the list too.
    await expect(page.locator('.bytes-row-match[data-call="recv"]')).toHaveCount(1);

    await inspector.getByTestId('bytes-copy-hex').click();
    await expect(inspector.getByTestId('bytes-copied')).toContainText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64');
    expect(copied).toContain('|Hello, world|');

    // Follow the matched recv: the inspector moves to it and names the send it came from.
    await matches.getByTestId('bytes-match').first().click();
    await expect(matches).toContainText('These 12 bytes came from one send');

    // Search as hex: every block holds "Hel".
    await page.getByTestId('bytes-search').fill('48 65 6c');
    await expect(pane.locator('#bytes-search-result')).toContainText('4 blocks');
    await expect(page.locator('.bytes-row-hit')).toHaveCount(4);

    // Zoom, pan by keyboard, follow live off and on: the timeline keeps its blocks.
    await page.getByTestId('bytes-zoom-in').click();
    await page.getByTestId('bytes-zoom-out').click();
    const follow = page.getByTestId('bytes-follow');
    await expect(follow).toHaveAttribute('aria-pressed', 'true');
    await follow.click();
    await expect(follow).toHaveAttribute('aria-pressed', 'false');
    await follow.click();
    await page.getByTestId('bytes-filter-direction').selectOption({ label: 'server → client' });
    await expect(timeline).toHaveAttribute('data-blocks', '2');
    await page.getByTestId('bytes-filter-direction').selectOption({ label: 'both directions' });
    await expect(page.getByTestId('bytes-filter-host')).toHaveValue('');

    // The whole conversation, both directions.
    await page.getByTestId('bytes-follow-stream').click();
    await expect(page.getByTestId('bytes-stream').locator('.bytes-chunk-0')).toHaveText('Hello, world');
    await expect(page.getByTestId('bytes-stream').locator('.bytes-chunk-1')).toHaveText('Hello, world');
    await page.getByTestId('bytes-search').fill('');
    await expect(page.locator('.bytes-row-hit')).toHaveCount(0);
    await send.click();

    await page.screenshot({ path: testInfo.outputPath('bytes.png') });

    // The session as JSON, in the replay format.
    const download = page.waitForEvent('download');
    await page.getByTestId('bytes-export-json').click();
    const file = testInfo.outputPath('session.json');
    await (await download).saveAs(file);
    const parsed = parseSessionFile(readFileSync(file, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.session.events.some((e) => e.event.call === 'send')).toBe(true);

    await row.getByTestId('server-stop').click();
  });

  test('a long message: all its bytes fetched, the streams saved as .bin files', async ({ page, bridge }, testInfo) => {
    await page.goto(bridge.url);
    const { port, row } = await startServerInPage(page);
    const message = `${'a'.repeat(597)}END`;
    await page.getByTestId('client-port').fill(String(port));
    await page.getByTestId('client-message').fill(message);
    await page.getByTestId('client-run').click();
    await expect(page.getByTestId('client-result')).toContainText('600 bytes');

    await page.getByTestId('tab-bytes').click();
    // Earlier tests' connections are in the session too: pick the newest.
    const conn = page.getByTestId('bytes-connection').last();
    await conn.click();
    await expect(conn).toHaveAttribute('aria-selected', 'true');
    const sends = page.locator('[data-testid="bytes-block"][data-call="send"]');
    await sends.first().click();
    const hex = page.getByTestId('bytes-hex');
    // The event carries 256 bytes; the inspector fetches the other 344 with bytes.get.
    await expect(page.getByTestId('bytes-inspector')).toContainText('All 600 bytes');
    await expect(hex).toContainText('END');
    await expect(page.getByTestId('bytes-counters')).toContainText('600 B');

    const download = page.waitForEvent('download');
    await page.locator('[data-testid="bytes-export-stream"][data-dir="0"]').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^c\d+-client-to-server\.bin$/);
    const file = testInfo.outputPath(saved.suggestedFilename());
    await saved.saveAs(file);
    expect(statSync(file).size).toBe(600);
    expect(readFileSync(file, 'latin1').endsWith('aEND')).toBe(true);
    await expect(page.getByTestId('bytes-export-note')).toContainText('the whole client → server stream');
    await row.getByTestId('server-stop').click();
  });
});
