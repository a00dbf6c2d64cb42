import type { Socket } from 'node:net';
import { encodeMessage, encodeRaw, FrameDecoder, frameProblem, makeRequest, nativeByteOrder, readContent, utf8Bytes, type DecodedMessage } from '@socket-playground/appframe';
import type { AppDone, AppRequestBody, AppResponse, LabCommand, WireError } from '@socket-playground/protocol';
import type { AgentContext } from '../agent-context.ts';
import { clientRefusal, dial } from '../dial.ts';
import type { TrackedSocket } from '../tracked-socket.ts';
import { mapNodeError, playgroundError } from '../wire-error.ts';

type AppRequestCommand = Extract<LabCommand, { type: 'app.request' }>;
export type AppClientResult = { ok: true; result: AppDone } | { ok: false; error: WireError };

/** After our FIN, how long the server may take to close its side before we drop the socket. */
const LINGER_MS = 2000;

/** The bytes of a request, as libclient.py builds them or exactly as the learner crafted them. */
export function requestBytes(body: AppRequestBody): Uint8Array {
  if (body.kind === 'action') {
    const request = makeRequest(body.action, body.value, nativeByteOrder());
    return encodeMessage(request.header, request.content);
  }
  const header = utf8Bytes(body.header);
  return encodeRaw(header, utf8Bytes(body.content), body.protoheader ?? header.length);
}

/** Where each write ends: the chosen sizes in order, then the rest in one last write. */
export function writePlan(total: number, chunks: readonly number[]): number[] {
  const ends: number[] = [];
  let at = 0;
  for (const size of chunks) {
    if (at >= total) break;
    at = Math.min(total, at + size);
    ends.push(at);
  }
  if (at < total || total === 0) ends.push(total);
  return ends;
}

/**
 * libclient.py on a real socket: connect, send the request (in the learner's chunks, with pauses),
 * read one response through the same state machine the server uses, close.
 */
export class AppClient {
  private socket: Socket | undefined;
  private tracked: TrackedSocket | undefined;

  constructor(
    private readonly ctx: AgentContext,
    readonly clientId: string,
  ) {}

  async run(command: AppRequestCommand): Promise<AppClientResult> {
    const { ctx } = this;
    const wire = requestBytes(command.request);
    const dialled = await dial(ctx, this.clientId, command, (socket) => (this.socket = socket));
    if (!dialled.ok) return dialled;
    const { tracked, socketId, closed } = dialled;
    this.tracked = tracked;
    tracked.socket.setNoDelay(true);

    const decoder = new FrameDecoder();
    let response: DecodedMessage | null = null;
    let responseBytes = 0;
    let problem: WireError | null = null;
    let finished = false;
    let linger: NodeJS.Timeout | undefined;
    const closeOurSide = () => {
      tracked.end();
      linger ??= setTimeout(() => tracked.destroy(), LINGER_MS);
    };
    tracked.socket.on('error', (err) => (problem ??= mapNodeError(err, 'recv', { host: command.host, port: dialled.port }).error));
    tracked.onReceive = (chunk) => {
      if (finished) return;
      for (const step of decoder.push(chunk)) {
        if (step.type === 'error') {
          finished = true;
          problem ??= frameProblem(step.error);
          tracked.reportError('frame', problem);
          return closeOurSide();
        }
        if (step.type === 'message') {
          finished = true;
          response = step.message;
          responseBytes = step.message.end - step.message.start;
          return closeOurSide();
        }
      }
    };
    tracked.onPeerEnd = () => {
      if (finished) return;
      finished = true;
      const ending = decoder.end();
      problem ??= ending?.type === 'error' ? frameProblem(ending.error) : playgroundError('APP_NO_REPLY', 'the server closed without a response', {});
      if (problem.code.startsWith('FRAME_')) tracked.reportError('frame', problem);
    };

    const writes = await this.sendPlanned(tracked, wire, command.chunks, command.gapMs);
    let replyTimer: NodeJS.Timeout | undefined;
    if (!tracked.socket.destroyed) {
      if (command.finish === 'close-after-send' && !finished) closeOurSide();
      replyTimer = setTimeout(() => {
        if (finished) return;
        finished = true;
        problem ??= playgroundError('APP_REPLY_TIMEOUT', 'no whole response in time', { timeoutMs: command.replyTimeoutMs, received: decoder.state().offset + decoder.state().have });
        clientRefusal(ctx, this.clientId, problem, 'recv', socketId);
        closeOurSide();
      }, command.replyTimeoutMs);
    }
    await closed;
    clearTimeout(replyTimer);
    clearTimeout(linger);
    return { ok: true, result: this.done(tracked, wire.length, writes, response, responseBytes, problem) };
  }

  /** Each planned write, then the pause; stops early if the connection is gone. */
  private async sendPlanned(tracked: TrackedSocket, wire: Uint8Array, chunks: readonly number[], gapMs: number): Promise<number> {
    const ends = writePlan(wire.length, chunks);
    let from = 0;
    let writes = 0;
    for (const [i, end] of ends.entries()) {
      if (tracked.socket.destroyed || !tracked.socket.writable) break;
      tracked.send(Buffer.from(wire.subarray(from, end)));
      writes += 1;
      from = end;
      if (gapMs > 0 && i < ends.length - 1) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    return writes;
  }

  private done(tracked: TrackedSocket, sent: number, writes: number, message: DecodedMessage | null, bytes: number, problem: WireError | null): AppDone {
    let response: AppResponse | null = null;
    if (message) {
      const read = readContent(message);
      const value = read.kind === 'json' ? read.value : undefined;
      const result = typeof value === 'object' && value !== null && typeof (value as { result?: unknown }).result === 'string' ? (value as { result: string }).result : undefined;
      response = {
        // Flat values as sent; a nested one (a crafted server may send anything) as its JSON text.
        header: Object.fromEntries(Object.entries(message.header).map(([k, v]) => [k, v === null || typeof v !== 'object' ? v : JSON.stringify(v)])),
        content: Buffer.from(message.content).toString('base64'),
        ...(result !== undefined ? { result } : {}),
        bytes,
      };
    }
    return { kind: 'app.done', clientId: this.clientId, local: tracked.local, remote: tracked.remote, sent, writes, response, problem };
  }

  connectionInfo() {
    return this.tracked && !this.tracked.socket.destroyed ? [this.tracked.info()] : [];
  }

  /** Abort at shutdown. */
  destroy(): void {
    if (this.tracked) this.tracked.destroy();
    else this.socket?.destroy();
  }
}
