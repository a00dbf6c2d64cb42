import { expect, test, type Page } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from './bridge-process.ts';

/**
 * 简体中文 on the Who can connect tab: the address inspector's facts, the drawing's tooltips,
 * the notes' explanations and the model's story for a cell are Chinese, and English again after
 * switching back. Each step is photographed for a look.
 */
test.describe('简体中文: Who can connect', () => {
  test.setTimeout(90_000);
  let bridge: BridgeProcess;
  test.beforeAll(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterAll(async () => {
    await bridge.stop();
  });

  async function openLabInChinese(page: Page): Promise<void> {
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await page.getByTestId('lang-switch').locator('[data-lang="zh"]').click();
    await expect(page.getByTestId('connection-status')).toContainText('已连接');
    await page.getByTestId('tab-lab').click();
    await expect(page.getByTestId('lab-pane')).toContainText('每个客户端 × 每个地址');
  }

  test('the address inspector explains addresses in Chinese', async ({ page }, testInfo) => {
    await openLabInChinese(page);
    const inspector = page.getByTestId('address-inspector');
    const input = page.getByTestId('inspect-input');
    const result = page.getByTestId('inspect-result');
    await expect(inspector).toContainText('地址检查器');

    const cases: [string, RegExp[]][] = [
      ['192.168.0.1', [/C 类/, /私有地址（RFC 1918）/, /NAT（网络地址转换）/, /192\.168\.0\.0\/16/]],
      ['10.1.2.3', [/A 类/, /私有地址/, /这台主机没有带 10\.1\.2\.3 的网卡：bind\(\) 以 EADDRNOTAVAIL 失败/]],
      ['127.0.0.1', [/回环/, /网络号 127，主机号任意/, /只有同一台主机上的程序能连接/]],
      ['0.0.0.0', [/不指定地址/, /网络号和主机号全为 0/, /监听本机的每一个 IPv4 地址/]],
      ['224.0.0.1', [/D 类：组播/, /TCP 服务器不能监听组播组/]],
      ['255.255.255.255', [/受限广播/, /全为 1：广播给本局域网上的每一台主机/, /可用作目的地址/]],
      ['192.168.0.255', [/主机号全为 1：广播给网络 192\.168\.0\.0\/24 的每一台主机/, /广播地址/, /路由器默认丢弃定向广播/]],
      ['::1', [/::1 是 IPv6 回环/, /只有同一台主机上的程序能通过 IPv6 连接/]],
      ['::ffff:192.168.0.2', [/IPv4 映射|写成 IPv6 形式的 IPv4 地址/, /这个地址代表 192\.168\.0\.2/]],
    ];
    for (const [address, expected] of cases) {
      await input.fill(address);
      for (const re of expected) await expect(result).toContainText(re);
      await expect(result).not.toContainText(/\b(the|network|host|only|class)\b/);
    }
    await input.fill('192.168.0.1');
    await inspector.scrollIntoViewIfNeeded();
    await inspector.screenshot({ path: testInfo.outputPath('zh-inspector.png') });

    await input.fill('0x7f.1');
    await expect(result).toContainText('拒绝：');
    await expect(result).toContainText('不是四个 0–255 的十进制数');
    await input.fill('10.0.0.1/40');
    await expect(result).toContainText('前缀长度必须是 0–32 的整数');
    await input.fill('224.0.0.1');
    await inspector.screenshot({ path: testInfo.outputPath('zh-inspector-multicast.png') });

    // Back to English: the same facts in English.
    await page.getByTestId('lang-switch').locator('[data-lang="en"]').click();
    await expect(inspector).toContainText('Address inspector');
    await expect(result).toContainText('class D: multicast');
    await expect(result).toContainText('A TCP server cannot listen on a multicast group');
  });

  test('the drawing, the notes and a cell of a run in Chinese', async ({ page }, testInfo) => {
    await openLabInChinese(page);
    const topology = page.getByTestId('topology');
    const pc1 = topology.locator('[data-testid="topology-host"][data-host="pc1"]');
    await pc1.locator('.topo-host-name').hover();
    await expect(pc1.locator(':scope > title')).toHaveText(/^pc1：.*服务器 \+ 客户端$/);
    await expect(pc1).toContainText('服务器 + 客户端');
    await expect(topology.locator('[data-testid="topology-lan"] > title').first()).toHaveText(/^局域网 /);
    await expect(topology.locator('[data-testid="topology-listener"] title').first()).toHaveText('服务器将在这里监听');
    await expect(topology.locator('.topo-client').first()).toContainText('客户端');

    // The notes' wrong claim for 192.168.0.1, explained in Chinese.
    await page.getByTestId('netlab-start').click();
    await expect(page.getByTestId('netlab-status')).toContainText(/命名空间|模拟/, { timeout: 15_000 });
    await page.locator('[data-testid="bind-option"][data-bind="192.168.0.1"]').click();
    const notes = page.getByTestId('notes-claims');
    await expect(notes).toContainText('笔记把 0.0.0.0 当作“我的任一地址”');
    await expect(page.getByTestId('matrix-listener').first()).toHaveAttribute('title', '只绑定到 192.168.0.1。');
    await page.getByTestId('matrix-run').click();
    await expect(page.getByTestId('matrix-caption')).toContainText('连上', { timeout: 15_000 });
    // After the run the chip shows the real port and keeps the explanation the model foresaw.
    await expect(page.getByTestId('matrix-listener').first()).toContainText(/:\d+/);
    await expect(page.getByTestId('matrix-listener').first()).toHaveAttribute('title', '只绑定到 192.168.0.1。');
    await expect(topology.locator('[data-testid="topology-listener"] title').first()).toHaveText(/上次运行在这里监听|正在监听/);

    // A cell's short line and the model's story.
    const cell = page.locator('[data-testid="matrix-cell"][data-client="pc2"][data-target="10.10.152.8"] button');
    await expect(cell).toContainText(/[\u4e00-\u9fff]/);
    await cell.click();
    const details = page.getByTestId('cell-details');
    await expect(details).toContainText('SYN 经由');
    await expect(details).toContainText('内核回了 RST');
    await expect(details).toContainText('依据规则');
    await expect(details).not.toContainText(/\b(the|arrives|listens|kernel)\b/);
    await details.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('zh-cell.png'), fullPage: true });

    const zero = page.locator('[data-testid="matrix-cell"][data-client="pc1"][data-target="0.0.0.0"] button');
    await zero.click();
    await expect(details).toContainText('Linux 把 connect 到 0.0.0.0 当作 connect 到 127.0.0.1');
    await notes.scrollIntoViewIfNeeded();
    await notes.screenshot({ path: testInfo.outputPath('zh-notes.png') });
    await topology.screenshot({ path: testInfo.outputPath('zh-topology.png') });

    // Back to English.
    await page.getByTestId('lang-switch').locator('[data-lang="en"]').click();
    await expect(details).toContainText('Linux treats a connect to 0.0.0.0 as a connect to 127.0.0.1');
    await expect(notes).toContainText('They treat 0.0.0.0 as "any of my addresses"');
    await expect(pc1.locator(':scope > title')).toHaveText(/^pc1: .*server \+ client$/);
  });
});
