import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Builds the web app (apps/web) into dist/web, which the bridge serves.
 * In development (`npm run dev`) Vite serves the page and proxies the WebSocket to the bridge,
 * whose port arrives in SOCKET_PLAYGROUND_BRIDGE_PORT.
 */
const bridgePort = Number(process.env.SOCKET_PLAYGROUND_BRIDGE_PORT ?? 6464);

export default defineConfig({
  root: 'apps/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, target: 'es2022' },
  server: {
    host: '127.0.0.1',
    strictPort: true,
    proxy: { '/ws': { target: `ws://127.0.0.1:${bridgePort}`, ws: true } },
  },
  test: {
    // Unit and integration tests; browser tests live in e2e/ and run under Playwright.
    root: '.',
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'bench/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15000,
    hookTimeout: 15000,
  },
});
