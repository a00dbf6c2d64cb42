import { answerRequest, encodeMessage, FrameDecoder, frameProblem, nativeByteOrder, type ByteOrder } from '@socket-playground/appframe';
import type { ConnectionHandler } from '../echo-server.ts';
import { playgroundError } from '../wire-error.ts';

/** A peer that goes quiet mid-message is dropped after this long, so it cannot hold a socket forever. */
export const APP_SERVER_IDLE_MS = 30_000;

/**
 * libserver.py on a real socket: read one request (protoheader → JSON header → content, across as
 * many recvs as it takes), send one response, close. A malformed request is reported as an error
 * event with what was wrong, and the connection is closed in order (FIN), as libserver does.
 */
export function appConnectionHandler(byteorder: ByteOrder = nativeByteOrder(), idleMs = APP_SERVER_IDLE_MS): ConnectionHandler {
  return (tracked) => {
    const decoder = new FrameDecoder();
    let done = false;
    const refuse = (code: string, message: string, context: Record<string, string | number>) => {
      done = true;
      tracked.reportError('frame', playgroundError(code, message, context));
      tracked.end();
    };
    tracked.socket.setNoDelay(true);
    tracked.socket.setTimeout(idleMs, () => {
      if (done) return;
      const state = decoder.state();
      refuse('FRAME_IDLE', `no bytes for ${idleMs} ms`, { idleMs, phase: state.phase, received: state.have, announced: state.need });
    });
    tracked.onReceive = (chunk) => {
      if (done) return;
      for (const step of decoder.push(chunk)) {
        if (step.type === 'error') {
          const problem = frameProblem(step.error);
          return refuse(problem.code, problem.message, problem.context);
        }
        if (step.type !== 'message') continue;
        // One request per connection: what follows it is never read.
        done = true;
        const answer = answerRequest(step.message, byteorder);
        if (!answer.ok) return refuse(`FRAME_${answer.code}`, answer.detail, { detail: answer.detail.slice(0, 200) });
        tracked.send(Buffer.from(encodeMessage(answer.reply.header, answer.reply.content)));
        tracked.end();
        return;
      }
    };
    tracked.onPeerEnd = () => {
      if (done) return;
      done = true;
      const ending = decoder.end();
      if (ending?.type === 'error') {
        const problem = frameProblem(ending.error);
        tracked.reportError('frame', playgroundError(problem.code, problem.message, problem.context));
      }
    };
  };
}
