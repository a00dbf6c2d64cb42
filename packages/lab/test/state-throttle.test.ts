import { connect, type Socket } from 'node:net';
import type { AgentMessage, LabState } from '@socket-playground/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_CONNECTIONS, STATE_INTERVAL_LARGE_MS, STATE_INTERVAL_MS, STATE_SMALL_CONNECTIONS } from '../src/host-agent.ts';
import { AgentHarness } from './harness.ts';

/** State snapshots the agent sent, with when (performance.now()). */
function statesOf(h: AgentHarness, at: number[]): Array<{ state: LabState; at: number }> {
  return h.messages.flatMap((m: AgentMessage, i) => (m.type === 'state' ? [{ state: m.state, at: at[i]! }] : []));
}

/** A harness that also notes when each message was sent. */
function timedHarness(): { h: AgentHarness; at: number[] } {
  const h = new AgentHarness();
  const at: number[] = [];
  const push = h.messages.push.bind(h.messages);
  h.messages.push = (...items: AgentMessage[]) => {
    items.forEach(() => at.push(performance.now()));
    return push(...items);
  };
  return { h, at };
}

async function until<T>(check: () => T | undefined, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const open: Socket[] = [];
const harnesses: AgentHarness[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) s.destroy();
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

function dial(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    open.push(s);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

describe('lab state snapshots under a stream of changes', () => {
  it('after a quiet spell a change is reported on the next tick, not after an interval', async () => {
    const { h, at } = timedHarness();
    harnesses.push(h);
    const { listening } = await h.startServer();
    await until(() => statesOf(h, at).find((s) => s.state.servers.length === 1), 'the server in a state');
    await new Promise((r) => setTimeout(r, STATE_INTERVAL_MS * 3));
    const before = statesOf(h, at).length;
    const t0 = performance.now();
    await dial(listening.port);
    const s = await until(() => statesOf(h, at).slice(before).find((x) => x.state.connections.length === 1), 'the connection in a state');
    // Next tick: far less than an interval (generous for a loaded machine).
    expect(s.at - t0).toBeLessThan(STATE_INTERVAL_LARGE_MS);
  });

  it('many changes make few snapshots, at most one per interval, and the last one is exact', async () => {
    const { h, at } = timedHarness();
    harnesses.push(h);
    const { listening } = await h.startServer();
    const sockets = await Promise.all(Array.from({ length: 10 }, () => dial(listening.port)));
    await until(() => statesOf(h, at).find((s) => s.state.connections.length === 10), 'ten connections');
    const before = statesOf(h, at).length;
    const t0 = performance.now();
    // 300 writes over about 150 ms: each recv and each echo is a change.
    let sent = 0;
    for (let round = 0; round < 30; round++) {
      for (const s of sockets) {
        s.write('x');
        sent++;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const received = () => statesOf(h, at).at(-1)!.state.connections.reduce((n, c) => n + c.bytesReceived, 0);
    await until(() => (received() === sent ? true : undefined), 'the byte counts of the last state to be exact');
    const during = statesOf(h, at).slice(before);
    const elapsed = performance.now() - t0;
    // Throttled: far fewer snapshots than changes (600), and spaced by the interval (first one may be immediate).
    expect(during.length).toBeLessThanOrEqual(Math.ceil(elapsed / STATE_INTERVAL_MS) + 2);
    for (let i = 2; i < during.length; i++) expect(during[i]!.at - during[i - 1]!.at).toBeGreaterThanOrEqual(STATE_INTERVAL_MS - 2);
    expect(statesOf(h, at).at(-1)!.state.connections.every((c) => c.bytesSent === c.bytesReceived && c.bytesReceived === 30)).toBe(true);
  });

  it(`with more than ${STATE_SMALL_CONNECTIONS} connections, snapshots are at least ${STATE_INTERVAL_LARGE_MS} ms apart; beyond ${SNAPSHOT_CONNECTIONS} they list that many and count them all`, async () => {
    const { h, at } = timedHarness();
    harnesses.push(h);
    const reply = await h.run({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 1024 });
    if (!reply.ok || reply.result.kind !== 'server.started') throw new Error('no server');
    const port = reply.result.listening.port;
    const n = SNAPSHOT_CONNECTIONS + 50;
    const sockets: Socket[] = [];
    for (let i = 0; i < n; i += 50) sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => dial(port)))));
    const full = await until(() => statesOf(h, at).find((s) => s.state.connectionCount === n), 'every connection counted', 10_000);
    expect(full.state.connections).toHaveLength(SNAPSHOT_CONNECTIONS);
    expect(full.state.servers[0]!.connections).toBe(n);
    expect(new Set(full.state.connections.map((c) => c.socketId)).size).toBe(SNAPSHOT_CONNECTIONS);
    // A stream of changes now: one write per connection.
    const before = statesOf(h, at).length;
    for (const s of sockets) s.write('y');
    await until(() => (statesOf(h, at).at(-1)!.state.connections.every((c) => c.bytesReceived === 1) ? true : undefined), 'the recvs counted', 10_000);
    const after = statesOf(h, at).slice(before);
    for (let i = 1; i < after.length; i++) expect(after[i]!.at - after[i - 1]!.at).toBeGreaterThanOrEqual(STATE_INTERVAL_LARGE_MS - 2);
    // Closing: the last snapshot, however delayed, says they are gone.
    for (const s of sockets) s.destroy();
    await until(() => (statesOf(h, at).at(-1)!.state.connections.length === 0 ? true : undefined), 'the connections gone from the state', 10_000);
    const last = statesOf(h, at).at(-1)!.state;
    expect(last.servers[0]!.connections).toBe(0);
    expect(last).not.toHaveProperty('connectionCount');
  }, 30_000);
});
