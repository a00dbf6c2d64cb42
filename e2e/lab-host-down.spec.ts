import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from './bridge-process.ts';

/**
 * A lab host's agent dies while the lab is up (kill -9 of pc2's process inside its namespace):
 * the page says pc2 is down and why, and its Restart button brings every host back.
 * Needs root: the lab's hosts are network namespaces made with `ip netns`.
 */
const isRoot = process.getuid?.() === 0;

test.describe('a lab host that goes down', () => {
  test.skip(!isRoot, 'needs root: the lab makes network namespaces with `ip netns` (CI runs as root)');
  test.setTimeout(60_000);
  let bridge: BridgeProcess;
  test.beforeEach(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterEach(async () => {
    await bridge.stop();
  });

  test('pc2 is down: the reason, and Restart brings it back', async ({ page }, testInfo) => {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('tab-lab').click();
    await page.getByTestId('netlab-start').click();
    await expect(page.getByTestId('netlab-status')).toHaveAttribute('data-status', 'up', { timeout: 15_000 });
    await expect(page.getByTestId('netlab-status')).toHaveAttribute('data-mode', 'namespaces');

    const ns = `sockpg-${String(bridge.child.pid)}-pc2`;
    const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout.split('\n').map(Number).filter((n) => n > 0);
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, 'SIGKILL');

    const notice = page.getByTestId('netlab-host-down');
    await expect(notice).toContainText('pc2 is down', { timeout: 10_000 });
    await expect(notice).toContainText('SIGKILL');
    await expect(page.getByTestId('netlab-status')).toHaveAttribute('data-status', 'up');
    await page.getByTestId('netlab-host-down').screenshot({ path: testInfo.outputPath('host-down.png') });

    await page.getByTestId('netlab-restart').click();
    await expect(notice).toHaveCount(0, { timeout: 15_000 });
    // The lab stops and starts again: under load that takes a few seconds.
    await expect(page.getByTestId('netlab-status')).toHaveAttribute('data-status', 'up', { timeout: 20_000 });
    await expect(notice).toHaveCount(0);
    const again = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout.split('\n').map(Number).filter((n) => n > 0);
    expect(again.length).toBeGreaterThan(0);
    expect(again.some((pid) => pids.includes(pid))).toBe(false);
  });
});
