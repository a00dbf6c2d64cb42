import type { DemoSummary } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { bytesText, demoFacts, expectedQueue, msText, ownersText, pyList, ratioText, sizesText } from '../src/demos/demo-sentences.ts';

type Of<D extends DemoSummary['demo']> = Extract<DemoSummary, { demo: D }>;

// Summaries as the lab replied on Linux (numbers from a real run, samples shortened).
const RECV: Of<'recv-bufsize'> = { demo: 'recv-bufsize', demoId: 'demo1', port: 41999, durationMs: 6.8, bufsize: 1024, messageBytes: 5000, recvSizes: [1024, 1024, 1024, 1024, 904], serverRecvSizes: [5000] };
const STREAM: Of<'byte-stream'> = {
  demo: 'byte-stream',
  demoId: 'demo2',
  port: 39247,
  durationMs: 33,
  smallSendSizes: [4, 4, 5],
  smallRecvSizes: [13],
  largeBytes: 100_000,
  largeRecvSizes: [...Array<number>(24).fill(4096), 1696],
  bufsize: 4096,
  how: 'the client read only once its kernel receive queue held all 13 bytes (measured in /proc/net/tcp)',
};
const SENDALL: Of<'sendall'> = {
  demo: 'sendall',
  demoId: 'demo3',
  port: 37113,
  durationMs: 1565,
  totalBytes: 16 * 1024 * 1024,
  writes: 256,
  backpressured: 197,
  maxAppQueued: 12_910_592,
  maxSendQueue: 4_190_912,
  maxRecvQueue: 327_415,
  readerStartedMs: 1501.5,
  samples: [],
};
const run = (server: 'blocking' | 'event-loop', totalMs: number, maxConcurrent: number, doneMs: number[]) => ({ server, clients: 20, completed: 20, failed: 0, totalMs, maxConcurrent, doneMs, port: 1 });
const MANY: Of<'many-clients'> = {
  demo: 'many-clients',
  demoId: 'demo4',
  port: 37115,
  durationMs: 447,
  runs: [run('blocking', 420.2, 1, [3.9, 25.2, 399.6]), run('event-loop', 26.5, 20, [2.8, 5.1])],
};
const BACKLOG: Of<'backlog'> = { demo: 'backlog', demoId: 'demo5', port: 35201, durationMs: 1321, backlog: 1, somaxconn: 4096, clients: 4, connectedBeforeAccept: 2, acceptQueue: 2, served: 4, failed: 0 };

describe('numbers in words', () => {
  it('writes bytes, times and ratios for people', () => {
    expect([bytesText(1), bytesText(904), bytesText(327_415), bytesText(12_910_592), bytesText(4 * 1024 * 1024)]).toEqual(['1 byte', '904 bytes', '320 KiB', '12.3 MiB', '4 MiB']);
    expect([msText(0.42), msText(26.46), msText(1501.5), msText(20_000)]).toEqual(['0.4 ms', '26 ms', '1.5 s', '20 s']);
    expect([ratioText(420, 26.5), ratioText(3, 2), ratioText(1, 0)]).toEqual(['16×', '1.5×', null]);
  });

  it('keeps a list of sizes short: all of few, equal neighbours grouped, the middle of many left out', () => {
    expect(sizesText([1024, 1024, 904])).toBe('1024, 1024, 904');
    expect(pyList([13])).toBe('[13]');
    expect(sizesText([...Array<number>(24).fill(4096), 1696])).toBe('4096 × 24, 1696');
    const varied = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(sizesText(varied)).toBe('1, 2, 3, 4, 5, 6, … , 39, 40');
  });
});

describe('what each demonstration measured, in words', () => {
  it('recv(bufsize): the recvs of the echo', () => {
    const facts = demoFacts(RECV);
    expect(facts.headline).toBe('The 5,000-byte echo came back in 5 recvs: 1024, 1024, 1024, 1024, 904');
    expect(facts.lines).toContain('No recv(1024) returned more than 1024 bytes.');
    expect(facts.lines.join(' ')).toMatch(/would get just the first 1,024 bytes/);
    expect(demoFacts({ ...RECV, recvSizes: [5000], bufsize: 8192 }).headline).toBe('The 5,000-byte echo came back in 1 recv: 5000');
  });

  it('byte stream: sends against recvs, and why it is certain', () => {
    const facts = demoFacts(STREAM);
    expect(facts.headline).toBe('3 small sends of [4, 4, 5] bytes came out of 1 recv: [13]');
    expect(facts.lines).toContain('Not luck: the client read only once its kernel receive queue held all 13 bytes (measured in /proc/net/tcp).');
    expect(facts.lines).toContain('One send of 100,000 bytes came out of 25 recvs of at most 4096 bytes: 4096 × 24, 1696.');
  });

  it('sendall: writes, backpressure and the queues', () => {
    const facts = demoFacts(SENDALL);
    expect(facts.headline).toBe('256 write() calls for 16 MiB: 197 of them returned false (backpressure)');
    expect(facts.lines[0]).toBe('While the reader slept, the kernel held up to 4 MiB in the sender’s send queue and 320 KiB in the reader’s receive queue; Node kept up to 12.3 MiB more in its own write queue.');
    expect(facts.lines[1]).toBe('The reader woke after 1.5 s; the last byte was read 1.6 s after the start.');
  });

  it('sendall where the kernel cannot be read, and without backpressure', () => {
    const facts = demoFacts({ ...SENDALL, maxSendQueue: null, maxRecvQueue: null, backpressured: 0 });
    expect(facts.lines[0]).toMatch(/does not show the kernel’s queues/);
    expect(facts.lines[2]).toMatch(/buffers never filled/);
  });

  it('many clients: one at a time against all at once', () => {
    const facts = demoFacts(MANY);
    expect(facts.headline).toBe('The blocking server served 1 client at a time and took 420 ms; the event loop served up to 20 at once and took 27 ms (16× faster)');
    expect(facts.lines[0]).toBe('Blocking server: 20 of 20 clients served in 420 ms, at most 1 at once.');
    expect(facts.lines[1]).toBe('Event loop: 20 of 20 clients served in 27 ms, at most 20 at once.');
    expect(facts.lines[2]).toMatch(/after 400 ms from the blocking server and after 5 ms from the event loop/);
    expect(demoFacts({ ...MANY, runs: [run('event-loop', 26.5, 20, [5])] }).headline).toBe('Event loop: 27 ms');
  });

  it('backlog: backlog + 1 before accept, the rest retried', () => {
    const facts = demoFacts(BACKLOG);
    expect(facts.headline).toBe('2 of 4 clients were connected before the server called accept()');
    expect(facts.lines[0]).toBe('With listen(1) Linux’s accept queue holds backlog + 1 = 2; that is what happened.');
    expect(facts.lines.join(' ')).toMatch(/The other 2 clients’ SYNs were dropped, not refused/);
    expect(facts.lines).toContain('4 of 4 clients got their echo.');
    expect(demoFacts({ ...BACKLOG, clients: 3 }).lines.join(' ')).toMatch(/The other client’s SYN was dropped/);
  });

  it('backlog where the OS tells no queue: only what was measured', () => {
    const facts = demoFacts({ ...BACKLOG, somaxconn: null, acceptQueue: null, connectedBeforeAccept: 4, failed: 1, served: 3 });
    expect(facts.lines.join(' ')).not.toMatch(/Linux|somaxconn|proc/);
    expect(facts.lines).toContain('3 of 4 clients got their echo; 1 gave up.');
  });

  it('the accept queue Linux promises: backlog + 1, capped by somaxconn', () => {
    expect(expectedQueue(1, 4096)).toBe(2);
    expect(expectedQueue(0, 4096)).toBe(1);
    expect(expectedQueue(16, 8)).toBe(9);
    expect(expectedQueue(1, null)).toBeNull();
  });

  it('says where the calls are in the event list', () => {
    expect(ownersText(RECV)).toBe('Every call is in the event list: the client is demo1, the server listens on port 41999.');
    expect(ownersText(MANY)).toMatch(/demo4-b1…20 and demo4-e1…20/);
    expect(ownersText(BACKLOG)).toMatch(/demo5-c1…4/);
  });
});
