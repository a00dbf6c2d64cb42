/**
 * The bytes demonstrations on real loopback sockets: each test asserts the kernel behaviour the
 * demonstration is there to show, read from the real events and the reply.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoSummary, LabCommandDraft, LabEvent } from '@socket-playground/protocol';
import { readKernelSockets } from '../src/step/kernel-probe.ts';
import { AgentHarness } from './harness.ts';

let harness: AgentHarness;
afterEach(async () => {
  await harness.close();
});

async function demo<D extends DemoSummary['demo']>(spec: Extract<LabCommandDraft, { type: 'demo.run' }>['spec'] & { demo: D }): Promise<Extract<DemoSummary, { demo: D }>> {
  harness = new AgentHarness();
  const reply = await harness.run({ type: 'demo.run', spec });
  if (!reply.ok || reply.result.kind !== 'demo') throw new Error(`demo failed: ${JSON.stringify(reply)}`);
  expect(reply.result.summary.demo).toBe(spec.demo);
  return reply.result.summary as Extract<DemoSummary, { demo: D }>;
}

const recvsOf = (events: LabEvent[], owner: string) => events.filter((e): e is Extract<LabEvent, { call: 'recv' }> => e.call === 'recv' && e.owner === owner && !e.eof);

/** Sockets with a socket() or accept() event and no close event yet. */
function stillOpen(events: LabEvent[]): string[] {
  const opened = new Set(events.filter((e) => e.call === 'socket').map((e) => e.socketId));
  for (const e of events) if (e.call === 'accept') opened.add(e.newSocketId);
  const closed = new Set(events.filter((e) => e.call === 'close').map((e) => e.socketId));
  return [...opened].filter((id) => !closed.has(id));
}

/** Every socket the demonstration opened is closed again (close events come a tick after the reply). */
async function expectAllClosed(events: LabEvent[]): Promise<void> {
  await harness.waitFor((all) => stillOpen(all).length === 0, 2000).catch(() => {});
  expect(stillOpen(harness.events), `open after ${events.length} events`).toEqual([]);
}

describe('recv has a size limit', () => {
  it('a 5,000-byte echo read with recv(1024) takes several recvs of at most 1024 bytes', async () => {
    const s = await demo({ demo: 'recv-bufsize', messageBytes: 5000, bufsize: 1024 });
    expect(s.recvSizes.length).toBeGreaterThan(1);
    expect(Math.max(...s.recvSizes)).toBeLessThanOrEqual(1024);
    expect(s.recvSizes.reduce((a, b) => a + b, 0)).toBe(5000);
    const recvs = recvsOf(harness.events, s.demoId);
    expect(recvs.map((r) => r.bytes)).toEqual(s.recvSizes);
    expect(recvs.every((r) => r.bufsize === 1024)).toBe(true);
    // Offsets are contiguous: the recvs tile the stream.
    expect(recvs.map((r) => r.offset)).toEqual(s.recvSizes.map((_, i) => s.recvSizes.slice(0, i).reduce((a, b) => a + b, 0)));
    await expectAllClosed(harness.events);
  });

  it('a bigger bufsize needs fewer recvs', async () => {
    const s = await demo({ demo: 'recv-bufsize', messageBytes: 5000, bufsize: 8192 });
    expect(s.recvSizes.length).toBeLessThan(5);
    expect(s.recvSizes.reduce((a, b) => a + b, 0)).toBe(5000);
  });
});

describe('TCP is a byte stream', () => {
  it('three small sends arrive in one recv; one large send arrives in several', async () => {
    const s = await demo({ demo: 'byte-stream', smallSends: ['one ', 'two ', 'three'], largeBytes: 100_000, bufsize: 4096 });
    expect(s.smallSendSizes).toEqual([4, 4, 5]);
    expect(s.smallRecvSizes).toEqual([13]);
    expect(s.largeRecvSizes.length).toBeGreaterThanOrEqual(Math.ceil(100_000 / 4096));
    expect(s.largeRecvSizes.reduce((a, b) => a + b, 0)).toBe(100_000);
    if (readKernelSockets()) expect(s.how).toMatch(/proc\/net\/tcp/);
    // The server really made three separate sends, then one.
    const sends = harness.events.filter((e) => e.call === 'send' && e.role === 'accepted');
    expect(sends.map((e) => (e.call === 'send' ? e.bytes : 0))).toEqual([4, 4, 5, 100_000]);
    await expectAllClosed(harness.events);
  });
});

describe('send vs sendall', () => {
  it('a sleeping reader fills the kernel buffers, Node queues the rest, then it all drains', async () => {
    // More than the kernel's buffers hold here (send queue up to 4 MiB, receive queue a few MiB).
    const s = await demo({ demo: 'sendall', totalBytes: 16 * 1024 * 1024, chunkBytes: 64 * 1024, readerPauseMs: 400 });
    expect(s.writes).toBe(256);
    expect(s.backpressured).toBeGreaterThan(0);
    // More was handed over than the kernel could hold: Node's own queue grew.
    expect(s.maxAppQueued).toBeGreaterThan(1024 * 1024);
    if (s.maxRecvQueue !== null) {
      expect(s.maxRecvQueue).toBeGreaterThan(0);
      expect(s.maxSendQueue).toBeGreaterThan(0);
    }
    expect(s.readerStartedMs).toBeGreaterThanOrEqual(390);
    // Nothing was read while the reader slept; everything was read in the end.
    expect(s.samples.filter((x) => x.t < s.readerStartedMs - 5).every((x) => x.read === 0)).toBe(true);
    expect(s.samples.at(-1)?.read).toBe(16 * 1024 * 1024);
    await expectAllClosed(harness.events);
  });
});

describe('many connections', () => {
  it('the blocking server serves one client at a time; the event loop serves them together', async () => {
    const s = await demo({ demo: 'many-clients', clients: 20, holdMs: 30, servers: ['blocking', 'event-loop'] });
    const [blocking, loop] = s.runs;
    expect(blocking).toMatchObject({ server: 'blocking', completed: 20, failed: 0, maxConcurrent: 1 });
    expect(loop).toMatchObject({ server: 'event-loop', completed: 20, failed: 0 });
    expect(loop?.maxConcurrent).toBeGreaterThan(1);
    // One after another: at least 19 holds in a row. Together: far less.
    expect(blocking?.totalMs).toBeGreaterThanOrEqual(19 * 30);
    expect(loop?.totalMs).toBeLessThan(blocking?.totalMs ?? 0);
    await expectAllClosed(harness.events);
  });

  it('refuses a run that would take too long, with a clear error', async () => {
    harness = new AgentHarness();
    const reply = await harness.run({ type: 'demo.run', spec: { demo: 'many-clients', clients: 1000, holdMs: 1000 } });
    expect(reply.ok ? '' : reply.error.code).toBe('DEMO_TOO_LONG');
  });
});

describe('listen backlog', () => {
  it('with backlog 1 the kernel completes 2 connections before accept; the rest wait, then all are served', { timeout: 20_000 }, async () => {
    const s = await demo({ demo: 'backlog', backlog: 1, clients: 4, waitMs: 600 });
    expect(s.connectedBeforeAccept).toBe(2); // Linux: the accept queue holds backlog + 1
    if (s.acceptQueue !== null) expect(s.acceptQueue).toBe(2);
    expect(s.somaxconn === null || s.somaxconn >= 1).toBe(true);
    expect(s.served).toBe(4);
    await expectAllClosed(harness.events);
  });
});

describe('UDP for contrast', () => {
  it('a datagram sent before anyone bound is lost for good; each later datagram is one recv', async () => {
    const s = await demo({ demo: 'udp', datagrams: ['one ', 'two ', 'three'] });
    expect(s.lostArrived).toBe(false);
    expect(s.lostBytes).toBeGreaterThan(0);
    expect(s.sentSizes).toEqual([4, 4, 5]);
    expect(s.recvSizes).toEqual([4, 4, 5]); // boundaries kept, unlike TCP's [13]
    const udp = harness.events.filter((e) => e.transport === 'udp');
    expect(udp.some((e) => e.call === 'connect' || e.call === 'accept')).toBe(false);
    expect(udp.filter((e) => e.call === 'recv').map((e) => (e.call === 'recv' ? e.bytes : 0))).toEqual([4, 4, 5]);
    await expectAllClosed(harness.events);
  });
});

describe('demonstration limits', () => {
  it('refuses a run that would make more than 20,000 recvs, before opening anything', async () => {
    harness = new AgentHarness();
    const reply = await harness.run({ type: 'demo.run', spec: { demo: 'recv-bufsize', messageBytes: 1024 * 1024, bufsize: 1 } });
    expect(reply.ok ? '' : reply.error.code).toBe('DEMO_TOO_BIG');
    expect(harness.events.filter((e) => e.call === 'socket')).toEqual([]);
  });
});
