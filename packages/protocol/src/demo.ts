import { z } from 'zod';
import { Id, ReqId } from './common.ts';
import { LIMITS } from './limits.ts';

/**
 * Demonstrations of the bytes lesson, each run for real on one lab host (loopback, port 0): a
 * server and clients the agent opens for the run and closes after. Their calls stream as ordinary
 * lab events (the timeline shows them); the reply summarises what was measured.
 */
/** Most sends or recvs one demonstration may make (the page keeps 100,000 events in all). */
export const MAX_DEMO_CALLS = 20_000;
/** Longest a blocking server may take serving the many-clients demonstration (clients × hold). */
export const MAX_DEMO_SERIAL_MS = 60_000;

const Bufsize = z.number().int().min(LIMITS.minRecvBufsize).max(LIMITS.maxRecvBufsize);

export const DemoSpec = z.discriminatedUnion('demo', [
  /** A message larger than recv's bufsize arrives in several recvs. */
  z.object({
    demo: z.literal('recv-bufsize'),
    messageBytes: z.number().int().min(1).max(1024 * 1024).default(5000),
    bufsize: Bufsize.default(1024),
  }),
  /** Several small sends land in one recv; one large send arrives in several. */
  z.object({
    demo: z.literal('byte-stream'),
    smallSends: z.array(z.string().min(1).max(64)).min(2).max(8).default(['one ', 'two ', 'three']),
    largeBytes: z.number().int().min(1).max(4 * 1024 * 1024).default(100_000),
    bufsize: Bufsize.default(4096),
  }),
  /** A sender writes far more than the reader reads: buffers fill, backpressure, then it drains. */
  z.object({
    demo: z.literal('sendall'),
    totalBytes: z.number().int().min(64 * 1024).max(64 * 1024 * 1024).default(16 * 1024 * 1024),
    chunkBytes: z.number().int().min(1024).max(1024 * 1024).default(64 * 1024),
    /** How long the reader sleeps before it starts reading. */
    readerPauseMs: z.number().int().min(0).max(10_000).default(1500),
  }),
  /** N clients against a one-at-a-time server and against an event-loop server. */
  z.object({
    demo: z.literal('many-clients'),
    clients: z.number().int().min(1).max(1000).default(50),
    /** How long each client holds its connection before it sends (its "work"). */
    holdMs: z.number().int().min(0).max(1000).default(20),
    servers: z.array(z.enum(['blocking', 'event-loop'])).min(1).max(2).default(['blocking', 'event-loop']),
  }),
  /** UDP for contrast: no connection, each datagram arrives whole or not at all, nothing is sent again. */
  z.object({
    demo: z.literal('udp'),
    datagrams: z.array(z.string().min(1).max(64)).min(2).max(8).default(['one ', 'two ', 'three']),
  }),
  /** A server that does not accept yet, a small backlog, more clients than it holds. */
  z.object({
    demo: z.literal('backlog'),
    backlog: z.number().int().min(0).max(16).default(1),
    clients: z.number().int().min(1).max(16).default(4),
    /** How long the clients wait before the server starts accepting. */
    waitMs: z.number().int().min(100).max(10_000).default(1500),
  }),
]);
export type DemoSpec = z.infer<typeof DemoSpec>;
export type DemoName = DemoSpec['demo'];

export const DemoRun = z.object({
  reqId: ReqId,
  labHost: z.string().min(1).max(32).default('local'),
  type: z.literal('demo.run'),
  spec: DemoSpec,
});

/** A kernel queue sample of the sendall demonstration. */
export const QueueSample = z.object({
  /** Milliseconds since the demonstration started. */
  t: z.number().min(0),
  /** Bytes written by the app that Node still holds (its own write queue). */
  appQueued: z.number().int().min(0),
  /** The sender's kernel send queue (not yet acknowledged); null where the OS cannot tell. */
  sendQueue: z.number().int().min(0).nullable(),
  /** The reader's kernel receive queue (arrived, not yet read); null where the OS cannot tell. */
  recvQueue: z.number().int().min(0).nullable(),
  /** Bytes the reader has read. */
  read: z.number().int().min(0),
});
export type QueueSample = z.infer<typeof QueueSample>;

const Sizes = z.array(z.number().int().min(0));
const common = { demoId: Id, durationMs: z.number().min(0), port: z.number().int() };

export const DemoSummary = z.discriminatedUnion('demo', [
  z.object({ ...common, demo: z.literal('recv-bufsize'), bufsize: z.number().int(), messageBytes: z.number().int(), recvSizes: Sizes, serverRecvSizes: Sizes }),
  z.object({
    ...common,
    demo: z.literal('byte-stream'),
    smallSendSizes: Sizes,
    /** What the reader's recvs returned for the small sends (one recv when they queued up first). */
    smallRecvSizes: Sizes,
    largeBytes: z.number().int(),
    largeRecvSizes: Sizes,
    bufsize: z.number().int(),
    /** How the demonstration made the outcome certain rather than luck. */
    how: z.string(),
  }),
  z.object({
    ...common,
    demo: z.literal('sendall'),
    totalBytes: z.number().int(),
    writes: z.number().int(),
    /** write() calls that returned false: Node asked the app to wait for 'drain'. */
    backpressured: z.number().int(),
    maxAppQueued: z.number().int(),
    maxSendQueue: z.number().int().nullable(),
    maxRecvQueue: z.number().int().nullable(),
    readerStartedMs: z.number(),
    samples: z.array(QueueSample),
  }),
  z.object({
    ...common,
    demo: z.literal('many-clients'),
    runs: z.array(
      z.object({
        server: z.enum(['blocking', 'event-loop']),
        clients: z.number().int(),
        completed: z.number().int(),
        failed: z.number().int(),
        totalMs: z.number(),
        /** Most clients being served at the same moment (1 for the blocking server). */
        maxConcurrent: z.number().int(),
        /** Per client, ms from the start of the run until it got its echo back. */
        doneMs: z.array(z.number()),
        port: z.number().int(),
      }),
    ),
  }),
  z.object({
    ...common,
    demo: z.literal('udp'),
    /** Sent while no socket was bound to the port: the kernel dropped it and nobody sends it again. */
    lostBytes: z.number().int(),
    /** Whether it ever arrived (it must not: UDP does not retransmit). */
    lostArrived: z.boolean(),
    sentSizes: Sizes,
    /** One recv per datagram: the sizes match the sends one to one. */
    recvSizes: Sizes,
  }),
  z.object({
    ...common,
    demo: z.literal('backlog'),
    backlog: z.number().int(),
    /** The system's cap on any backlog (net.core.somaxconn); null where it cannot be read. */
    somaxconn: z.number().int().nullable(),
    clients: z.number().int(),
    /** Clients whose connect() had completed before the server accepted anyone. */
    connectedBeforeAccept: z.number().int(),
    /** The kernel's accept queue at that moment (null where the OS cannot tell). */
    acceptQueue: z.number().int().nullable(),
    /** Clients that got their echo once the server accepted. */
    served: z.number().int(),
    failed: z.number().int(),
  }),
]);
export type DemoSummary = z.infer<typeof DemoSummary>;
