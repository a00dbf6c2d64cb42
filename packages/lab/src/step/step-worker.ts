/**
 * A step worker: runs one program of the notes (the blocking echo server or the echo client)
 * one real call at a time, in its own thread. Started by Stepper; talks over parentPort.
 */
import { createServer, connect, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import type { Endpoint } from '@socket-playground/protocol';
import { destinationAllowed } from '../address.ts';
import { mapNodeError, playgroundError } from '../wire-error.ts';
import { BlockingIo, StopRequested } from './blocking-io.ts';
import { endpoint, StepGate } from './step-gate.ts';
import type { StepWorkerData } from './worker-messages.ts';

const data = workerData as StepWorkerData;
if (!parentPort) throw new Error('step-worker must run in a worker thread');
const gate = new StepGate(data, parentPort);
const open = new Set<Socket>();
let closeServer: () => void = () => {};

/** Stop: close everything this thread opened, then end the thread. */
function shutdown(): never {
  for (const s of open) s.destroy();
  closeServer();
  process.exit(0);
}
parentPort.on('message', (m: { type: string }) => {
  if (m.type === 'stop') shutdown();
});

function guarded(body: () => void): void {
  try {
    body();
  } catch (err) {
    if (err instanceof StopRequested) shutdown();
    throw err;
  }
}

/** One connected socket's calls: recv, sendall and close, with offsets per direction. */
class Conversation {
  sent = 0;
  received = 0;
  readonly fd: number;
  constructor(
    readonly socket: Socket,
    readonly socketId: string,
    readonly role: 'accepted' | 'client',
    readonly local: Endpoint | undefined,
    readonly remote: Endpoint | undefined,
  ) {
    this.fd = BlockingIo.fdOf(socket);
    open.add(socket);
  }
  private get base() {
    return { socketId: this.socketId, role: this.role, local: this.local, remote: this.remote };
  }
  /** recv(bufsize); throws the socket error (e.g. ECONNRESET) after reporting it. */
  recv(): Buffer {
    const bufsize = gate.bufsize;
    // A block event only when recv really has to wait: bytes already queued return at once.
    let blocked = false;
    const chunk = gate.io.recv(this.fd, bufsize, () => {
      blocked = true;
      gate.emit({ ...this.base, call: 'block', blockedCall: 'recv', bufsize });
      gate.post({ type: 'blocked', call: 'recv' });
    });
    if (blocked) gate.post({ type: 'busy' });
    gate.emit({ ...this.base, call: 'recv', bytes: chunk.length, offset: this.received, preview: gate.preview(chunk), eof: chunk.length === 0, bufsize }, chunk);
    this.received += chunk.length;
    return chunk;
  }
  /** sendall: one real send() per kernel acceptance, each reported, until every byte is taken. */
  sendall(payload: Buffer): void {
    let done = 0;
    while (done < payload.length) {
      const rest = payload.subarray(done);
      const n = gate.io.sendOnce(this.fd, rest, () => {
        gate.emit({ ...this.base, call: 'block', blockedCall: 'send' });
        gate.post({ type: 'blocked', call: 'send' });
      });
      const taken = rest.subarray(0, n);
      gate.emit({ ...this.base, call: 'send', bytes: n, offset: this.sent, preview: gate.preview(taken), queued: 0 }, taken);
      this.sent += n;
      done += n;
    }
  }
  close(reason: 'local' | 'peer' | 'reset' | 'error'): void {
    this.socket.destroy();
    open.delete(this.socket);
    gate.emit({ ...this.base, call: 'close', reason, bytesSent: this.sent, bytesReceived: this.received });
  }
  fail(err: unknown): void {
    const mapped = mapNodeError(err, 'recv');
    gate.emit({ ...this.base, call: 'error', failedCall: mapped.failedCall, error: mapped.error });
    this.close(mapped.error.code === 'ECONNRESET' ? 'reset' : 'error');
  }
}

function runBlockingEchoServer(): void {
  gate.waitFor('listen');
  const listenerId = gate.socketId();
  const base = { socketId: listenerId, role: 'listener' as const, nodeCall: 'server.listen()' };
  // pauseOnConnect: Node must never read for us; every recv is the learner's.
  const server = createServer({ pauseOnConnect: true, allowHalfOpen: true });
  closeServer = () => server.close();
  const waitForAccept = () => {
    gate.waitFor('accept');
    gate.emit({ socketId: listenerId, role: 'listener', call: 'block', blockedCall: 'accept' });
    gate.post({ type: 'blocked', call: 'accept' });
    // Returning lets the event loop run: libuv calls accept() when a connection is queued.
  };
  server.once('error', (err) => {
    const mapped = mapNodeError(err, 'bind', { host: data.requestedHost, port: data.port });
    gate.emit({ ...base, call: 'error', failedCall: mapped.failedCall, error: mapped.error });
    gate.emit({ ...base, call: 'close', reason: 'error', bytesSent: 0, bytesReceived: 0 });
    gate.finished();
  });
  server.listen({ host: data.address, port: data.port, backlog: data.backlog }, () => {
    const addr = server.address();
    const local = typeof addr === 'object' && addr ? endpoint(addr.address, addr.port) : undefined;
    gate.emit({ ...base, call: 'socket', family: data.family });
    gate.emit({ ...base, local, call: 'bind', requested: { host: data.requestedHost, port: data.port } });
    gate.emit({ ...base, local, call: 'listen', backlog: data.backlog });
    if (local) gate.post({ type: 'listening', local });
    guarded(waitForAccept);
  });
  server.on('connection', (socket) => {
    // We stay inside this handler until the conversation is over: while we do, libuv cannot
    // accept the next queued connection, exactly like the notes' one-client-at-a-time server.
    guarded(() => {
      const local = endpoint(socket.localAddress, socket.localPort);
      const remote = endpoint(socket.remoteAddress, socket.remotePort);
      const conv = new Conversation(socket, gate.socketId(), 'accepted', local, remote);
      gate.emit({ socketId: listenerId, role: 'listener', call: 'accept', newSocketId: conv.socketId, local, remote });
      if (local) gate.post({ type: 'connection', local, remote });
      serve(conv);
      waitForAccept();
    });
  });
}

function serve(conv: Conversation): void {
  for (;;) {
    gate.waitFor('recv');
    let chunk: Buffer;
    try {
      chunk = conv.recv();
    } catch (err) {
      if (err instanceof StopRequested) throw err;
      conv.fail(err);
      return;
    }
    if (chunk.length === 0) break; // the peer closed: `if not data: break`
    gate.waitFor('sendall');
    try {
      conv.sendall(Buffer.from(chunk));
    } catch (err) {
      if (err instanceof StopRequested) throw err;
      conv.fail(err);
      return;
    }
  }
  gate.waitFor('close');
  conv.close('peer');
}

function runEchoClient(): void {
  gate.waitFor('connect');
  const socketId = gate.socketId();
  const base = { socketId, role: 'client' as const, nodeCall: 'net.connect()' };
  // The agent checked this address already; check again where the socket is made, so this thread
  // can never connect beyond loopback and the lab's own hosts whatever it is handed.
  if (!destinationAllowed(data.address, data.extraDestinations)) {
    const error = playgroundError('DESTINATION_NOT_ALLOWED', 'not loopback or a lab host', { host: data.requestedHost, port: data.port, address: data.address });
    gate.emit({ ...base, socketId: '-', call: 'error', failedCall: 'policy', error });
    gate.finished();
    return;
  }
  gate.emit({ ...base, call: 'socket', family: data.family });
  gate.emit({ ...base, call: 'block', blockedCall: 'connect' });
  gate.post({ type: 'blocked', call: 'connect' });
  const started = performance.now();
  const socket = connect({ host: data.address, port: data.port, family: data.family === 'IPv6' ? 6 : 4, autoSelectFamily: false });
  socket.pause(); // no reads behind the learner's back
  open.add(socket);
  socket.once('error', (err) => {
    const mapped = mapNodeError(err, 'connect', { host: data.requestedHost, port: data.port, address: data.address });
    gate.emit({ ...base, call: 'error', failedCall: mapped.failedCall, error: mapped.error });
    gate.emit({ ...base, call: 'close', reason: 'error', bytesSent: 0, bytesReceived: 0 });
    open.delete(socket);
    gate.finished();
  });
  socket.once('connect', () => {
    socket.removeAllListeners('error');
    const local = endpoint(socket.localAddress, socket.localPort);
    const remote = endpoint(socket.remoteAddress, socket.remotePort);
    gate.emit({
      ...base,
      call: 'connect',
      local,
      remote,
      target: { host: data.requestedHost, port: data.port, address: data.address },
      durationMs: performance.now() - started,
    });
    if (local) gate.post({ type: 'connection', local, remote });
    guarded(() => {
      const conv = new Conversation(socket, socketId, 'client', local, remote);
      gate.waitFor('sendall');
      try {
        conv.sendall(Buffer.from(data.message, 'utf8'));
        gate.waitFor('recv');
        conv.recv(); // the notes' client reads once: data = s.recv(1024)
      } catch (err) {
        if (err instanceof StopRequested) throw err;
        conv.fail(err);
        gate.finished();
        return;
      }
      gate.waitFor('close');
      conv.close('local');
      gate.finished();
    });
  });
}

guarded(data.program === 'blocking-echo-server' ? runBlockingEchoServer : runEchoClient);
