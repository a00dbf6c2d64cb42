import { performance } from 'node:perf_hooks';
import type { DemoSpec, DemoSummary } from '@socket-playground/protocol';
import type { AgentContext } from '../agent-context.ts';
import { readKernelSockets, sameEndpoint } from '../step/kernel-probe.ts';
import type { TrackedSocket } from '../tracked-socket.ts';
import { closed, connectDemoClient, patternBytes, sleep, startDemoServer } from './demo-socket.ts';
import type { DemoScope } from './demo-scope.ts';

type Spec = Extract<DemoSpec, { demo: 'byte-stream' }>;
type Summary = Extract<DemoSummary, { demo: 'byte-stream' }>;

/** Gap between the small sends: each leaves as its own segment (Nagle is off), yet they merge. */
const SMALL_GAP_MS = 5;

/**
 * TCP is a byte stream. Part 1: the server makes several small sends while the client is not
 * reading; they wait together in the client's kernel receive queue, and one recv returns them all.
 * Part 2: one large send, read with recv(bufsize), arrives in many recvs.
 * Not luck: the client reads only once the kernel says every small byte is queued.
 */
export async function runByteStream(ctx: AgentContext, demoId: string, spec: Spec, scope: DemoScope): Promise<Summary> {
  const t0 = performance.now();
  const small = spec.smallSends.map((s) => Buffer.from(s, 'utf8'));
  const smallTotal = small.reduce((n, b) => n + b.length, 0);
  const large = patternBytes(spec.largeBytes, 'large');
  let readSmall: () => void = () => {};
  const smallRead = new Promise<void>((resolve) => (readSmall = resolve));

  const server = scope.server(
    await startDemoServer(ctx, (conn) => {
      conn.socket.setNoDelay(true);
      void (async () => {
        for (const chunk of small) {
          conn.send(chunk);
          await sleep(SMALL_GAP_MS);
        }
        await smallRead;
        conn.send(large);
        conn.end();
      })();
    }),
  );
  const client = scope.client(await connectDemoClient(ctx, demoId, server.listening.port, { bufsize: spec.bufsize, paused: true }));
  const how = await waitQueued(client, smallTotal);

  const smallRecvSizes: number[] = [];
  const largeRecvSizes: number[] = [];
  let got = 0;
  const done = closed(client);
  client.onReceive = (chunk) => {
    if (got < smallTotal) {
      smallRecvSizes.push(chunk.length);
      got += chunk.length;
      if (got >= smallTotal) readSmall();
    } else {
      largeRecvSizes.push(chunk.length);
    }
  };
  client.onPeerEnd = () => client.end();
  client.socket.resume();
  await done;
  return {
    demo: 'byte-stream',
    demoId,
    port: server.listening.port,
    durationMs: performance.now() - t0,
    smallSendSizes: small.map((b) => b.length),
    smallRecvSizes,
    largeBytes: large.length,
    largeRecvSizes,
    bufsize: spec.bufsize,
    how,
  };
}

/** Wait until the client's kernel receive queue holds `bytes` (Linux: /proc/net/tcp); elsewhere wait a while. */
async function waitQueued(client: TrackedSocket, bytes: number): Promise<string> {
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    const sockets = readKernelSockets();
    if (!sockets) {
      await sleep(200);
      return 'the client did not read for 200 ms, long enough for every small send to arrive';
    }
    const own = sockets.find((s) => sameEndpoint(s.local, client.local) && sameEndpoint(s.remote, client.remote));
    if (own && own.recvQueue >= bytes) return `the client read only once its kernel receive queue held all ${bytes} bytes (measured in /proc/net/tcp)`;
    await sleep(2);
  }
  return `the client waited 2 s; the small sends had not all arrived`;
}
