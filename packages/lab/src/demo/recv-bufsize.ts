import { performance } from 'node:perf_hooks';
import type { DemoSpec, DemoSummary } from '@socket-playground/protocol';
import type { AgentContext } from '../agent-context.ts';
import { closed, connectDemoClient, patternBytes, startDemoServer } from './demo-socket.ts';
import type { DemoScope } from './demo-scope.ts';

type Spec = Extract<DemoSpec, { demo: 'recv-bufsize' }>;
type Summary = Extract<DemoSummary, { demo: 'recv-bufsize' }>;

/**
 * recv has a size limit: the client sends one message to the echo server and reads the echo with
 * recv(bufsize); a message longer than bufsize needs several recvs (the notes' `data = s.recv(1024)`
 * only ever sees the first 1024 bytes of a longer echo).
 */
export async function runRecvBufsize(ctx: AgentContext, demoId: string, spec: Spec, scope: DemoScope): Promise<Summary> {
  const t0 = performance.now();
  const serverRecvSizes: number[] = [];
  const server = scope.server(
    await startDemoServer(ctx, (conn) => {
      conn.onReceive = (chunk) => {
        serverRecvSizes.push(chunk.length);
        conn.send(chunk);
      };
    }),
  );
  const client = scope.client(await connectDemoClient(ctx, demoId, server.listening.port, { bufsize: spec.bufsize }));
  const recvSizes: number[] = [];
  const message = patternBytes(spec.messageBytes, 'echo');
  let got = 0;
  const done = closed(client);
  client.onReceive = (chunk) => {
    recvSizes.push(chunk.length);
    got += chunk.length;
    if (got >= message.length) client.end();
  };
  client.send(message);
  await done;
  return { demo: 'recv-bufsize', demoId, port: server.listening.port, durationMs: performance.now() - t0, bufsize: spec.bufsize, messageBytes: spec.messageBytes, recvSizes, serverRecvSizes };
}
