/**
 * `npm run dev`: the bridge plus Vite's dev server with hot reload. Vite serves the page on
 * 127.0.0.1:5173 and proxies /ws to the bridge, which allows that one extra origin and host.
 */
import { createServer } from 'vite';
import { startBridge } from './bridge.ts';
import { DEFAULT_TOKEN_FILE, loadOrCreateToken } from './token.ts';

const VITE_PORT = 5173;
const devOrigin = `http://127.0.0.1:${VITE_PORT}`;
const token = process.env.SOCKET_PLAYGROUND_TOKEN ?? loadOrCreateToken(DEFAULT_TOKEN_FILE);

const bridge = await startBridge({
  port: Number(process.env.SOCKET_PLAYGROUND_PORT ?? 6464),
  token,
  staticDir: '/nonexistent',
  extraOrigins: [devOrigin],
  extraHosts: [`127.0.0.1:${VITE_PORT}`],
});
process.env.SOCKET_PLAYGROUND_BRIDGE_PORT = String(bridge.port);
const vite = await createServer({ configFile: new URL('../../../vite.config.ts', import.meta.url).pathname, server: { port: VITE_PORT } });
await vite.listen();
process.stdout.write(`Socket Playground (development) is running:\n\n  ${devOrigin}/#token=${token}\n\n`);

const stop = () => void Promise.all([vite.close(), bridge.close()]).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
