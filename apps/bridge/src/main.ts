/**
 * `npm start`: the bridge on 127.0.0.1, serving the built page, printing one URL to open.
 * Options: --port N (default 6464, 0 = any free port), --token T, --token-file PATH,
 * --lab auto|single-host (single-host: never build namespaces), --cards (see stand-in-cards.ts).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBridge } from './bridge.ts';
import { parseStandInCards } from './stand-in-cards.ts';
import { DEFAULT_TOKEN_FILE, loadOrCreateToken } from './token.ts';

const DEFAULT_PORT = 6464;
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SOCKET_PLAYGROUND_PORT ?? String(DEFAULT_PORT) },
    token: { type: 'string', default: process.env.SOCKET_PLAYGROUND_TOKEN },
    'token-file': { type: 'string', default: DEFAULT_TOKEN_FILE },
    'static-dir': { type: 'string', default: fileURLToPath(new URL('../../../dist/web', import.meta.url)) },
    'extra-origin': { type: 'string', multiple: true, default: [] },
    'extra-host': { type: 'string', multiple: true, default: [] },
    lab: { type: 'string', default: process.env.SOCKET_PLAYGROUND_LAB ?? 'auto' },
    cards: { type: 'string', default: process.env.SOCKET_PLAYGROUND_CARDS },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}\n`);
  process.exit(2);
}
const token = values.token ?? loadOrCreateToken(values['token-file']);
if (values.lab !== 'auto' && values.lab !== 'single-host') {
  process.stderr.write(`--lab must be auto or single-host, got ${JSON.stringify(values.lab)}\n`);
  process.exit(2);
}
const cards = values.cards === undefined ? undefined : parseStandInCards(values.cards);
if (cards && !cards.ok) {
  process.stderr.write(`--cards: ${cards.why}\n`);
  process.exit(2);
}
const singleHostWhy = 'single-host mode was asked for (--lab single-host)';

try {
  const bridge = await startBridge({
    port,
    token,
    staticDir: values['static-dir'],
    extraOrigins: values['extra-origin'],
    extraHosts: values['extra-host'],
    netlab: {
      ...(values.lab === 'single-host' ? { support: () => ({ ok: false as const, why: singleHostWhy, code: 'asked' as const }) } : {}),
      ...(cards?.ok ? { interfaces: () => cards.interfaces } : {}),
    },
  });
  process.stdout.write(`Socket Playground is running. Open this link in your browser:\n\n  ${bridge.url}\n\nPress Ctrl-C to stop; every socket it opened is closed.\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: closing every socket and stopping…\n`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void bridge.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') {
    process.stderr.write(`Port ${port} on 127.0.0.1 is already in use (is the playground already running?). Use --port to choose another.\n`);
  } else {
    process.stderr.write(`The bridge could not start: ${e.message}\n`);
  }
  process.exit(1);
}
