import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LabEvent, LIMITS } from '@socket-playground/protocol';
import { HOT_CALLS, MERGED_BYTES_KEPT } from '../src/tracked-socket.ts';
import { AgentHarness } from './harness.ts';

type DataEvent = Extract<LabEvent, { call: 'send' | 'recv' }>;

let harness: AgentHarness;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await harness.close();
});

async function client(port: number): Promise<Socket> {
  const s = await new Promise<Socket>((resolve, reject) => {
    const c = connect({ host: '127.0.0.1', port }, () => resolve(c));
    c.once('error', reject);
  });
  s.setNoDelay(true);
  sockets.push(s);
  return s;
}

/** Send each message and wait for its echo before the next (bounded by a deadline). */
async function pingPong(s: Socket, messages: Buffer[], gapMs = 0): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (const m of messages) {
    if (Date.now() > deadline) throw new Error('ping-pong took too long');
    await new Promise<void>((resolve, reject) => {
      let got = 0;
      const onData = (d: Buffer) => {
        got += d.length;
        if (got >= m.length) {
          s.off('data', onData);
          s.off('error', reject);
          resolve();
        }
      };
      s.on('data', onData);
      s.on('error', reject);
      s.write(m);
    });
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
  }
}

async function closeAndWait(s: Socket, socketId: () => string | undefined): Promise<void> {
  s.end();
  await harness.waitFor((events) => events.some((e) => e.socketId === socketId() && e.call === 'close'));
}

/** Every data event of one direction, in order: offsets contiguous, totals as the stream. */
function direction(events: LabEvent[], socketId: string, call: 'send' | 'recv'): DataEvent[] {
  return events.filter((e): e is DataEvent => e.socketId === socketId && e.call === call && !(e.call === 'recv' && e.eof));
}

function expectContiguous(events: DataEvent[], total: number): void {
  let offset = 0;
  for (const e of events) {
    expect(e.offset).toBe(offset);
    offset += e.bytes;
  }
  expect(offset).toBe(total);
}

async function bytesOf(e: DataEvent): Promise<Buffer> {
  if (e.bytes <= LIMITS.previewBytes) return Buffer.from(e.preview, 'base64');
  if (!e.dataId) throw new Error('no dataId');
  const reply = await harness.run({ type: 'bytes.get', dataId: e.dataId });
  if (!reply.ok || reply.result.kind !== 'bytes' || reply.result.data === null) throw new Error('bytes gone');
  return Buffer.from(reply.result.data, 'base64');
}

const accepted = () => harness.events.find((e) => e.call === 'accept');
const acceptedId = () => {
  const a = accepted();
  return a && a.call === 'accept' ? a.newSocketId : undefined;
};

describe('hot connections: many calls within milliseconds merge into one event per direction', () => {
  it('merges a fast ping-pong, with every call counted and offsets contiguous', async () => {
    harness = new AgentHarness();
    const server = await harness.startServer();
    const s = await client(server.listening.port);
    const messages = Array.from({ length: 400 }, (_, i) => Buffer.from(`ping ${String(i).padStart(4, '0')};`));
    const stream = Buffer.concat(messages);
    await pingPong(s, messages);
    await closeAndWait(s, acceptedId);
    const id = acceptedId()!;
    for (const e of harness.eventsOf(id)) LabEvent.parse(e);

    for (const call of ['recv', 'send'] as const) {
      const events = direction(harness.events, id, call);
      expectContiguous(events, stream.length);
      expect(events.reduce((n, e) => n + (e.calls ?? 1), 0)).toBe(400);
      const merged = events.filter((e) => e.calls !== undefined);
      expect(merged.length).toBeGreaterThan(0);
      expect(events.length).toBeLessThan(400);
      // The first calls, before the socket was known to be hot, are one event each.
      expect(events.slice(0, HOT_CALLS / 2).every((e) => e.calls === undefined)).toBe(true);
      for (const e of merged) {
        expect(e.calls).toBeGreaterThanOrEqual(2);
        // The preview and the kept bytes are the stream's own bytes at that offset.
        const want = stream.subarray(e.offset, e.offset + e.bytes);
        expect(Buffer.from(e.preview, 'base64')).toEqual(want.subarray(0, LIMITS.previewBytes));
        expect(await bytesOf(e)).toEqual(want);
      }
    }
    const close = harness.eventsOf(id).find((e) => e.call === 'close');
    expect(close).toMatchObject({ bytesSent: stream.length, bytesReceived: stream.length });
    // Nothing of this socket comes after its close.
    expect(harness.eventsOf(id).at(-1)?.call).toBe('close');
  });

  it('keeps one event per call on a slow connection', async () => {
    harness = new AgentHarness();
    const server = await harness.startServer();
    const s = await client(server.listening.port);
    const messages = Array.from({ length: 12 }, (_, i) => Buffer.from(`slow ${i}`));
    await pingPong(s, messages, 20);
    await closeAndWait(s, acceptedId);
    const id = acceptedId()!;
    const recvs = direction(harness.events, id, 'recv');
    expect(recvs.map((e) => Buffer.from(e.preview, 'base64').toString())).toEqual(messages.map(String));
    expect(recvs.every((e) => e.calls === undefined)).toBe(true);
    expect(direction(harness.events, id, 'send').every((e) => e.calls === undefined)).toBe(true);
  });

  it('goes back to one event per call once the connection slows down', async () => {
    harness = new AgentHarness();
    const server = await harness.startServer();
    const s = await client(server.listening.port);
    const fast = Array.from({ length: 200 }, (_, i) => Buffer.from(`fast ${i};`));
    await pingPong(s, fast);
    const slow = Array.from({ length: 5 }, (_, i) => Buffer.from(`slow ${i};`));
    await pingPong(s, slow, 40);
    await closeAndWait(s, acceptedId);
    const recvs = direction(harness.events, acceptedId()!, 'recv');
    expect(recvs.some((e) => e.calls !== undefined)).toBe(true);
    // The first slow call may still fall in the last hot window; the later ones are alone.
    const tail = recvs.slice(-4);
    expect(tail.map((e) => Buffer.from(e.preview, 'base64').toString())).toEqual(slow.slice(1).map(String));
    expect(tail.every((e) => e.calls === undefined)).toBe(true);
    expectContiguous(recvs, Buffer.concat([...fast, ...slow]).length);
  });

  it('merges a bulk transfer without keeping its bytes; the counts still add up', async () => {
    harness = new AgentHarness();
    const server = await harness.startServer();
    const s = await client(server.listening.port);
    const total = 8 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x62);
    let back = 0;
    const done = new Promise<void>((resolve) => s.on('data', (d: Buffer) => (back += d.length) >= total && resolve()));
    for (let sent = 0; sent < total; sent += chunk.length) s.write(chunk);
    await done;
    await closeAndWait(s, acceptedId);
    const id = acceptedId()!;
    const recvs = direction(harness.events, id, 'recv');
    expectContiguous(recvs, total);
    expectContiguous(direction(harness.events, id, 'send'), total);
    const merged = recvs.filter((e) => e.calls !== undefined);
    expect(merged.length).toBeGreaterThan(0);
    for (const e of merged) {
      expect(e.preview).toBe(Buffer.alloc(Math.min(e.bytes, LIMITS.previewBytes), 0x62).toString('base64'));
      if (e.bytes > MERGED_BYTES_KEPT) expect(e.dataId).toBeUndefined();
    }
  });
});
