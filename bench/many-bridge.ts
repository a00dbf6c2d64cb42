/**
 * The bridge of the many-connections benchmark, in its own process so that its RSS is the
 * bridge's alone (not the benchmark's, nor Playwright's). Starts the real bridge on 127.0.0.1
 * serving the built page, and the lab's echo server; then answers over IPC:
 *   → { type: 'ready', port, token, echoPort }   once both are up
 *   ← 'sample'  → { type: 'sample', rss, heapUsed, connections, lastSeq, eldMaxMs }
 *   ← 'stop'    → closes everything and exits 0
 * Exits by itself after MAX_SECONDS whatever happens. Loopback only.
 *
 *   node --import tsx bench/many-bridge.ts STATIC_DIR MAX_SECONDS
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LabCommand } from '@socket-playground/protocol';
import { startBridge } from '../apps/bridge/src/bridge.ts';

const [staticDir = '', maxSeconds = '120'] = process.argv.slice(2);
if (!staticDir || !process.send) {
  process.stderr.write('usage (with an IPC channel): many-bridge.ts STATIC_DIR MAX_SECONDS\n');
  process.exit(2);
}
setTimeout(() => process.exit(3), Number(maxSeconds) * 1000).unref();

const token = `many${Math.random().toString(16).slice(2)}`;
const bridge = await startBridge({ port: 0, token, staticDir, log: () => {} });
const started = await bridge.session.runFromPage({ type: 'server.start', reqId: 'many1', labHost: 'local', host: '127.0.0.1', port: 0, backlog: 4096, exposeConfirmed: false } as LabCommand);
if (!started.ok || started.result.kind !== 'server.started') {
  process.stderr.write(`echo server did not start: ${JSON.stringify(started)}\n`);
  await bridge.close();
  process.exit(1);
}
const eld = monitorEventLoopDelay({ resolution: 5 });
eld.enable();
process.send({ type: 'ready', port: bridge.port, token, echoPort: started.result.listening.port });
process.on('message', (m) => {
  if (m === 'sample') {
    const mem = process.memoryUsage();
    const state = bridge.session.state;
    process.send?.({
      type: 'sample',
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      connections: state.servers.reduce((n, s) => n + s.connections, 0),
      lastSeq: bridge.session.log.lastSeq,
      eldMaxMs: eld.max / 1e6,
      eldP99Ms: eld.percentile(99) / 1e6,
    });
    eld.reset();
  } else if (m === 'stop') {
    void bridge.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => void bridge.close().then(() => process.exit(0)));
