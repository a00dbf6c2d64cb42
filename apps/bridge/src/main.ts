/**
 * `npm start`: the bridge on 127.0.0.1, serving the built page, printing one URL to open.
 * Options: --port N (default 6464, 0 = any free port), --token T, --token-file PATH,
 * --lab auto|single-host (single-host: never build namespaces), --cards (see stand-in-cards.ts).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AGENT_MAIN, removeLeftovers } from '@socket-playground/lab';
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
const log = (line: string) => process.stderr.write(`${line}\n`);

// A run that was killed (kill -9, a crash) could not clean up: its namespaces, the processes
// still inside them and their veth pairs are removed now. Only names with the project's prefix
// whose owning process is gone; a bridge still running keeps its lab.
if (values.lab !== 'single-host' && process.platform === 'linux' && process.getuid?.() === 0) {
  try {
    const report = await removeLeftovers({ log, agentMain: AGENT_MAIN });
    if (report.namespaces.length === 0 && report.orphans.length === 0) log('start: no leftovers of an earlier run');
  } catch (err) {
    log(`start: could not look for leftovers of an earlier run: ${err instanceof Error ? err.message : String(err)}`);
  }
}

try {
  const bridge = await startBridge({
    port,
    token,
    staticDir: values['static-dir'],
    log,
    extraOrigins: values['extra-origin'],
    extraHosts: values['extra-host'],
    netlab: {
      ...(values.lab === 'single-host' ? { support: () => ({ ok: false as const, why: singleHostWhy, code: 'asked' as const }) } : {}),
      ...(cards?.ok ? { interfaces: () => cards.interfaces } : {}),
    },
  });
  process.stdout.write(`Socket Playground is running. Open this link in your browser:\n\n  ${bridge.url}\n\nPress Ctrl-C to stop; every socket it opened is closed.\n`);
  let stopping = false;
  /** Ctrl-C, kill, a closed terminal: close every socket, stop the lab (agents, namespaces), exit. */
  const stop = (why: string, code: number) => {
    if (stopping) {
      // A second Ctrl-C: do not wait any longer; what is left is removed at the next start.
      process.stdout.write(`${why} again: exiting now\n`);
      process.exit(130);
    }
    stopping = true;
    process.stdout.write(`\n${why}: closing every socket and stopping…\n`);
    const force = setTimeout(() => {
      log('stopping took longer than 4 s: exiting anyway (leftovers are removed at the next start)');
      process.exit(1);
    }, 4000);
    force.unref();
    void bridge.close().then(
      () => process.exit(code),
      (err: unknown) => {
        log(`stopping failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT', 0));
  process.on('SIGTERM', () => stop('SIGTERM', 0));
  process.on('SIGHUP', () => stop('SIGHUP', 0));
  // A bug must not leave namespaces and agents behind: report it, clean up, exit non-zero.
  process.on('uncaughtException', (err) => {
    log(`the bridge crashed: ${err.stack ?? err.message}`);
    stop('crash', 1);
  });
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') {
    process.stderr.write(`Port ${port} on 127.0.0.1 is already in use (is the playground already running?). Use --port to choose another.\n`);
  } else {
    process.stderr.write(`The bridge could not start: ${e.message}\n`);
  }
  process.exit(1);
}
