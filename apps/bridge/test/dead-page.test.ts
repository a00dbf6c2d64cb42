/**
 * Item 13, a dead page: a raw TCP client that completes the WebSocket upgrade, says hello, starts
 * servers, answers pings for a while, then goes silent without a close frame (a laptop lid shut).
 * The heartbeat drops it within two intervals. Servers belong to the session, not to the page:
 * the loopback one stays; the one reachable from the network is stopped after the grace period,
 * unless a page comes back within it.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@socket-playground/protocol';
import { PageClient, probe, startTestBridge, trackResources, until, type TestBridge } from './helpers.ts';

const defer = trackResources();

interface RawReply {
  ok: boolean;
  result?: { serverId?: string; listening?: { port: number } };
}

/** A WebSocket client written by hand on a TCP socket, so it can die exactly as a dead peer does. */
class RawPage {
  readonly texts: string[] = [];
  pings = 0;
  /** Silent: reads but answers nothing, sends nothing, no close frame. */
  dead = false;
  closedAt: number | undefined;
  private buffer = Buffer.alloc(0);
  private upgraded = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => (this.closedAt = performance.now()));
    socket.on('error', () => undefined);
  }

  static async open(bridge: TestBridge): Promise<RawPage> {
    const socket = connect({ host: '127.0.0.1', port: bridge.port });
    defer(() => socket.destroy());
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const page = new RawPage(socket);
    socket.write(
      `GET /ws?token=${bridge.token} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nOrigin: http://127.0.0.1:${bridge.port}\r\n` +
        `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
    );
    await until(() => (page.upgraded ? true : undefined), 'the upgrade');
    return page;
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (!this.upgraded) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!this.buffer.subarray(0, end).toString('latin1').startsWith('HTTP/1.1 101')) throw new Error('upgrade refused');
      this.upgraded = true;
      this.buffer = this.buffer.subarray(end + 4);
    }
    // Server frames are unmasked: FIN/opcode, then a 7-, 16- or 64-bit length.
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0]! & 0x0f;
      let len = this.buffer[1]! & 0x7f;
      let at = 2;
      if (len === 126) {
        if (this.buffer.length < 4) return;
        len = this.buffer.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (this.buffer.length < 10) return;
        len = Number(this.buffer.readBigUInt64BE(2));
        at = 10;
      }
      if (this.buffer.length < at + len) return;
      const payload = this.buffer.subarray(at, at + len);
      this.buffer = this.buffer.subarray(at + len);
      if (opcode === 0x1) this.texts.push(payload.toString('utf8'));
      if (opcode === 0x9) {
        this.pings++;
        if (!this.dead) this.frame(0xa, payload);
      }
    }
  }

  /** A client frame: always masked (RFC 6455 §5.3). */
  private frame(opcode: number, payload: Buffer): void {
    const mask = randomBytes(4);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    const head = payload.length < 126 ? Buffer.from([0x80 | opcode, 0x80 | payload.length]) : Buffer.from([0x80 | opcode, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    this.socket.write(Buffer.concat([head, mask, masked]));
  }

  send(value: unknown): void {
    this.frame(0x1, Buffer.from(JSON.stringify(value)));
  }

  async request(command: Record<string, unknown>): Promise<RawReply> {
    const reqId = `raw${this.texts.length}-${Math.random()}`;
    this.send({ ...command, reqId });
    return until(() => {
      for (const t of this.texts) {
        const m = JSON.parse(t) as RawReply & { type: string; reqId?: string };
        if (m.type === 'reply' && m.reqId === reqId) return m;
      }
      return undefined;
    }, `reply ${reqId}`);
  }
}

const HEARTBEAT_MS = 200;

/** A raw page that says hello, starts a 0.0.0.0 server and a loopback one, lives a few heartbeats, then goes silent. */
async function deadPageWithServers(bridge: TestBridge) {
  const raw = await RawPage.open(bridge);
  raw.send({ type: 'hello', protocol: PROTOCOL_VERSION });
  await until(() => (raw.texts.some((t) => t.includes('"welcome"')) ? true : undefined), 'welcome');
  const exposed = await raw.request({ type: 'server.start', host: '0.0.0.0', port: 0, backlog: 5, exposeConfirmed: true });
  const loopback = await raw.request({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 });
  expect([exposed.ok, loopback.ok]).toEqual([true, true]);
  // Alive: it answers pings, and the heartbeat keeps it.
  await until(() => (raw.pings >= 3 ? true : undefined), 'three pings answered');
  expect(raw.closedAt).toBeUndefined();
  expect(bridge.session.pageCount).toBe(1);
  const diedAt = performance.now();
  raw.dead = true;
  return { raw, diedAt, exposed: exposed.result!, loopback: loopback.result! };
}

describe('a page that dies without a close frame', () => {
  it('is dropped by the heartbeat within two intervals; gone for good, its exposed server is stopped after the grace period', { timeout: 20_000 }, async () => {
    const grace = 400;
    const bridge = await startTestBridge(defer, { heartbeatMs: HEARTBEAT_MS, exposedGraceMs: grace });
    const { raw, diedAt, exposed, loopback } = await deadPageWithServers(bridge);

    await until(() => (bridge.session.pageCount === 0 ? true : undefined), 'the bridge to drop the dead page', 5 * HEARTBEAT_MS);
    const detectedMs = performance.now() - diedAt;
    await until(() => raw.closedAt, 'the dead page socket closed');
    console.log(`dead page: dropped ${detectedMs.toFixed(0)} ms after it went silent (heartbeat ${HEARTBEAT_MS} ms)`);
    // Two intervals, plus a little for timers firing late on a busy machine.
    expect(detectedMs).toBeLessThanOrEqual(2 * HEARTBEAT_MS + 100);

    // Within the grace period nothing is stopped…
    await new Promise((r) => setTimeout(r, grace / 2));
    expect(bridge.session.state.servers.map((s) => s.serverId)).toContain(exposed.serverId);
    // …after it, the server other machines could reach is closed; the loopback one stays.
    await until(() => (bridge.session.state.servers.some((s) => s.serverId === exposed.serverId) ? undefined : true), 'the exposed server stopped', 5000);
    expect(performance.now() - diedAt).toBeGreaterThanOrEqual(grace);
    expect(bridge.session.state.servers.map((s) => s.serverId)).toEqual([loopback.serverId]);
    expect(await probe(exposed.listening!.port)).toBe('ECONNREFUSED');
    expect(await probe(loopback.listening!.port)).toBe('connected');
    expect(bridge.logLines).toContain('stopped 1 server(s) reachable from the network: no page is open');
  });

  it('a page that comes back within the grace period keeps the exposed server', { timeout: 20_000 }, async () => {
    const grace = 800;
    const bridge = await startTestBridge(defer, { heartbeatMs: HEARTBEAT_MS, exposedGraceMs: grace });
    const { exposed } = await deadPageWithServers(bridge);
    await until(() => (bridge.session.pageCount === 0 ? true : undefined), 'the bridge to drop the dead page', 5 * HEARTBEAT_MS);

    // The learner's machine wakes up: the page reconnects and resumes.
    const back = await PageClient.connect(bridge, defer);
    const welcome = await back.hello();
    expect(welcome.state.servers.map((s) => s.serverId)).toContain(exposed.serverId);
    await new Promise((r) => setTimeout(r, grace + 400));
    expect(bridge.session.state.servers.map((s) => s.serverId)).toContain(exposed.serverId);
    expect(await probe(exposed.listening!.port)).toBe('connected');
    expect(bridge.logLines.filter((l) => l.startsWith('stopped'))).toEqual([]);
    // The reconnected page is alive: the heartbeat keeps it.
    expect(back.ws.readyState).toBe(back.ws.OPEN);
  });
});
