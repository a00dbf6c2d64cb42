import { test as base } from '@playwright/test';
import { startBridgeProcess, type BridgeProcess } from './bridge-process.ts';

/** Each test file gets one real bridge process; it is stopped (SIGTERM) when the file is done. */
export const test = base.extend<object, { bridge: BridgeProcess }>({
  bridge: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument.
    async ({}, use) => {
      const bridge = await startBridgeProcess();
      await use(bridge);
      await bridge.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
