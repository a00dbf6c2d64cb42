import { performance } from 'node:perf_hooks';
import type { DemoSpec, DemoSummary, QueueSample } from '@socket-playground/protocol';
import type { AgentContext } from '../agent-context.ts';
import { readKernelSockets, sameEndpoint } from '../step/kernel-probe.ts';
import type { TrackedSocket } from '../tracked-socket.ts';
import { closed, connectDemoClient, patternBytes, startDemoServer } from './demo-socket.ts';
import type { DemoScope } from './demo-scope.ts';

type Spec = Extract<DemoSpec, { demo: 'sendall' }>;
type Summary = Extract<DemoSummary, { demo: 'sendall' }>;

const SAMPLE_MS = 20;
const MAX_SAMPLES = 500;

/**
 * send vs sendall: the client writes far more than the reader takes. The reader (the server) sleeps
 * first: the kernel's receive queue fills, then the sender's send queue, then Node's own write
 * queue grows and write() answers false (backpressure). When the reader wakes, it all drains.
 * Python's socket.send() would have returned a short count at the point Node starts queueing;
 * sendall() loops until the kernel has taken everything.
 */
export async function runSendall(ctx: AgentContext, demoId: string, spec: Spec, scope: DemoScope): Promise<Summary> {
  const t0 = performance.now();
  const at = () => performance.now() - t0;
  let reader: TrackedSocket | undefined;
  let readerStartedMs = 0;
  const server = scope.server(
    await startDemoServer(ctx, (conn) => {
      reader = conn;
      conn.socket.pause();
      const timer = setTimeout(() => {
        readerStartedMs = at();
        conn.socket.resume();
      }, spec.readerPauseMs);
      scope.onClose(() => clearTimeout(timer));
      conn.onPeerEnd = () => conn.end();
    }),
  );
  const writer = scope.client(await connectDemoClient(ctx, demoId, server.listening.port));
  const samples: QueueSample[] = [];
  const sample = () => {
    if (samples.length >= MAX_SAMPLES) return;
    const kernel = readKernelSockets();
    const mine = kernel?.find((s) => sameEndpoint(s.local, writer.local) && sameEndpoint(s.remote, writer.remote));
    const theirs = kernel?.find((s) => sameEndpoint(s.local, writer.remote) && sameEndpoint(s.remote, writer.local));
    samples.push({
      t: at(),
      appQueued: writer.socket.writableLength,
      sendQueue: kernel ? (mine?.sendQueue ?? 0) : null,
      recvQueue: kernel ? (theirs?.recvQueue ?? 0) : null,
      read: reader?.bytesReceived ?? 0,
    });
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  scope.onClose(() => clearInterval(sampler));

  const chunk = patternBytes(spec.chunkBytes, 'sendall');
  let writes = 0;
  let backpressured = 0;
  const done = closed(writer);
  // Like sendall(): hand over everything now. Node never blocks; it queues what the kernel cannot take yet.
  for (let sent = 0; sent < spec.totalBytes; sent += chunk.length) {
    const piece = sent + chunk.length > spec.totalBytes ? chunk.subarray(0, spec.totalBytes - sent) : chunk;
    writes++;
    if (!writer.send(piece)) backpressured++;
    if (writes % 16 === 0) sample();
  }
  sample();
  writer.end();
  await done;
  clearInterval(sampler);
  sample();
  const max = (pick: (s: QueueSample) => number | null) => (samples.some((s) => pick(s) === null) ? null : Math.max(0, ...samples.map((s) => pick(s) ?? 0)));
  return {
    demo: 'sendall',
    demoId,
    port: server.listening.port,
    durationMs: at(),
    totalBytes: spec.totalBytes,
    writes,
    backpressured,
    maxAppQueued: Math.max(0, ...samples.map((s) => s.appQueued)),
    maxSendQueue: max((s) => s.sendQueue),
    maxRecvQueue: max((s) => s.recvQueue),
    readerStartedMs,
    samples,
  };
}
