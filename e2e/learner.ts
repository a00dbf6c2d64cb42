import { expect, type Locator, type Page } from '@playwright/test';
import { freePort } from './bridge-process.ts';

/** What a learner does often: start an echo server on a free port through the page. */
export async function startServerInPage(page: Page, port?: number): Promise<{ port: number; row: Locator }> {
  const chosen = port ?? (await freePort()); // 65432 may be taken on a developer's machine
  await page.getByTestId('server-port').fill(String(chosen));
  await page.getByTestId('server-start').click();
  const row = page.getByTestId('server-row').filter({ hasText: `:${chosen}` });
  await expect(row).toBeVisible();
  return { port: chosen, row };
}

/** Event rows of one Berkeley call, e.g. rows(page, 'recv'). */
export function rows(page: Page, call: string): Locator {
  return page.locator(`[data-testid="event-row"][data-call="${call}"]`);
}
