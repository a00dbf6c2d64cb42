import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startBridgeProcess } from './bridge-process.ts';
import { rows, startServerInPage } from './learner.ts';

/**
 * A recorded session replays from its events alone: scrub it, save it to a file, and load the
 * file into a page whose bridge is gone.
 */
test('save a session, then replay it from the file with no bridge running', async ({ page }, testInfo) => {
  const bridge = await startBridgeProcess();
  try {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    const { port } = await startServerInPage(page);
    await page.getByTestId('client-port').fill(String(port));
    await page.getByTestId('client-run').click();
    await expect(page.getByTestId('client-result')).toContainText('Hello, world');
    // The reply can come before the server side's close: count once both ends have closed.
    await expect(page.locator('[data-testid="event-row"][data-call="close"]')).toHaveCount(2);
    const liveRows = await page.getByTestId('event-row').count();
    const newestSeq = Number(await page.getByTestId('event-row').last().getAttribute('data-seq'));

    // Scrub back in the call flow: the last items disappear, "Live" brings them back.
    await page.getByTestId('tab-flow').click();
    const items = page.getByTestId('flow-item');
    const liveItems = await items.count();
    await page.getByTestId('replay-prev').click();
    await page.getByTestId('replay-prev').click();
    await expect(items).toHaveCount(liveItems - 2);
    // The byte timeline stands at the same moment: a line there, the later calls veiled, said in words.
    await page.getByTestId('tab-bytes').click();
    const note = page.getByTestId('bytes-replay-cursor');
    await expect(note).toHaveAttribute('data-seq', String(newestSeq - 2));
    await expect(page.getByTestId('bytes-timeline')).toHaveAttribute('data-cursor-t', /^\d+(\.\d+)?$/);
    // Further back, before the echo's last bytes: the list greys the blocks that came later.
    await page.getByTestId('tab-flow').click();
    for (let i = 0; i < 4; i++) await page.getByTestId('replay-prev').click();
    await page.getByTestId('tab-bytes').click();
    await expect(note).toHaveAttribute('data-seq', String(newestSeq - 6));
    const blocks = await page.getByTestId('bytes-block').evaluateAll((els) => els.map((e) => [Number((e as HTMLElement).dataset.seq), e.classList.contains('bytes-row-later')] as const));
    expect(blocks.some(([, later]) => later)).toBe(true);
    for (const [seq, later] of blocks) expect(later, `block #${seq}`).toBe(seq > newestSeq - 6);
    // The connection's counters stand at that moment too: the request read, the echo not yet sent, still open.
    await expect(page.getByTestId('bytes-counters-at')).toContainText(`#${newestSeq - 6}`);
    await expect(page.getByTestId('bytes-conn-state')).toHaveText('open');
    await expect(page.locator('[data-testid="bytes-counters"] tr[data-dir="0"] td').nth(1)).toHaveText(/12 B/);
    await expect(page.locator('[data-testid="bytes-counters"] tr[data-dir="1"] td').first()).toHaveText('0 B');
    await expect(page.locator('[data-testid="bytes-connection"]').first()).toContainText('open');
    await expect(page.getByTestId('bytes-pane')).toContainText('1 connection · 2 sends/recvs');
    await page.screenshot({ path: testInfo.outputPath('bytes-replay-cursor.png') });
    // Back between the request's send and its recv: the send's bytes are not read yet there, and the
    // inspector keeps the recv that read them later apart; a call after the position says so.
    const [sendSeq, recvSeq] = blocks.map(([seq]) => seq).sort((a, b) => a - b);
    for (let i = 0; i < 8 && Number(await note.getAttribute('data-seq')) >= recvSeq!; i++) {
      await page.getByTestId('tab-flow').click();
      await page.getByTestId('replay-prev').click();
      await page.getByTestId('tab-bytes').click();
    }
    expect(Number(await note.getAttribute('data-seq'))).toBeGreaterThanOrEqual(sendSeq!);
    await page.locator(`[data-testid="bytes-block"][data-seq="${sendSeq}"]`).click();
    await expect(page.getByTestId('bytes-matches')).toContainText('12 bytes not read yet at the replay position (read later, by one recv)');
    await expect(page.locator(`[data-testid="bytes-match"][data-seq="${recvSeq}"]`)).toHaveAttribute('data-later', 'true');
    await page.getByTestId('bytes-matches').screenshot({ path: testInfo.outputPath('bytes-block-at-cursor.png') });
    await page.locator(`[data-testid="bytes-block"][data-seq="${recvSeq}"]`).click();
    await expect(page.getByTestId('bytes-block-after-cursor')).toBeVisible();
    await expect(page.getByTestId('bytes-matches')).toContainText('These 12 bytes came from one send');
    // The whole conversation at that position: the echo back is hatched as later.
    await page.getByTestId('bytes-follow-stream').click();
    await expect(page.locator('[data-testid="bytes-chunk"][data-later="true"]')).toHaveCount(1);
    await expect(page.getByTestId('bytes-stream-later-note')).toBeVisible();
    await page.getByTestId('bytes-stream').screenshot({ path: testInfo.outputPath('bytes-stream-at-cursor.png') });
    // "Show every call" there lets go of the replay's position everywhere.
    await page.getByTestId('bytes-replay-show-all').click();
    await expect(note).toHaveCount(0);
    await expect(page.getByTestId('bytes-timeline')).not.toHaveAttribute('data-cursor-t', /./);
    await page.getByTestId('tab-flow').click();
    await expect(items).toHaveCount(liveItems);
    await page.getByTestId('replay-prev').click();
    await expect(items).toHaveCount(liveItems - 1);
    await page.getByTestId('replay-live').click();
    await expect(items).toHaveCount(liveItems);

    const download = page.waitForEvent('download');
    await page.getByTestId('replay-save').click();
    const file = testInfo.outputPath('session.json');
    await (await download).saveAs(file);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { format: string; events: unknown[] };
    expect(saved.format).toBe('socket-playground-session');
    expect(saved.events).toHaveLength(liveRows);
  } finally {
    await bridge.stop();
  }

  // The bridge is gone (the page stays open, trying to reconnect), yet the file replays.
  await expect(page.getByTestId('connection-status')).not.toContainText('Connected');
  await page.getByTestId('tab-flow').click(); // the replay bar sits above the call flow
  await page.getByTestId('replay-load').setInputFiles(testInfo.outputPath('session.json'));
  await expect(page.getByTestId('replay-banner')).toBeVisible();
  // The reading progress is gone once the file is in.
  await expect(page.getByTestId('replay-reading')).toHaveCount(0);
  await expect(page.locator('[data-testid="flow-item"][data-call="accept"]').first()).toBeAttached();
  await page.getByTestId('tab-list').click();
  await expect(rows(page, 'recv').filter({ hasText: 'Hello, world' }).first()).toBeVisible();

  // A file that is not a session is refused with a clear error.
  const bad = testInfo.outputPath('not-a-session.json');
  writeFileSync(bad, '{"hello": "world"}');
  await page.getByTestId('tab-flow').click();
  await page.getByTestId('replay-load').setInputFiles(bad);
  await expect(page.getByTestId('error-notice').first()).toContainText(/session/i);
});
