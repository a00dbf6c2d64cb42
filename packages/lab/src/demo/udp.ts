import { createSocket, type Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { LIMITS, type DemoSpec, type DemoSummary, type Endpoint } from '@socket-playground/protocol';
import type { AgentContext } from '../agent-context.ts';
import { sendDatagram } from '../dial.ts';
import { DEMO_HOST, DemoError, sleep } from './demo-socket.ts';
import type { DemoScope } from './demo-scope.ts';

type Spec = Extract<DemoSpec, { demo: 'udp' }>;
type Summary = Extract<DemoSummary, { demo: 'udp' }>;

/** How long the receiver waits for a lost datagram to show up (it never does). */
const LOSS_WAIT_MS = 200;

const ep = (address: string, port: number): Endpoint => ({ address, port, family: 'IPv4' });

function bound(socket: Socket, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, DEMO_HOST, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

/**
 * UDP, for contrast with TCP, on loopback: a datagram sent to a port where no socket is bound is
 * dropped by the kernel, and nobody sends it again (no connection, no retransmission); then the
 * receiver binds, the sender sends small datagrams, and each recv returns exactly one of them.
 */
export async function runUdp(ctx: AgentContext, demoId: string, spec: Spec, scope: DemoScope): Promise<Summary> {
  const t0 = performance.now();
  const sender = createSocket('udp4');
  const receiver = createSocket('udp4');
  scope.onClose(() => {
    for (const s of [sender, receiver]) {
      try {
        s.close();
      } catch {
        // already closed
      }
    }
  });
  const ids = { sender: ctx.nextId('s'), receiver: ctx.nextId('s') };
  const emitBase = (socketId: string, local?: Endpoint, remote?: Endpoint) => ({
    ts: ctx.now(),
    labHost: ctx.labHost,
    socketId,
    owner: demoId,
    role: 'client' as const,
    transport: 'udp' as const,
    ...(local ? { local } : {}),
    ...(remote ? { remote } : {}),
  });

  // A port nobody uses: let the kernel pick one for the receiver, which then lets it go for a moment.
  await bound(receiver, 0);
  const port = receiver.address().port;
  receiver.close();
  const listener = createSocket('udp4');
  scope.onClose(() => {
    try {
      listener.close();
    } catch {
      // already closed
    }
  });

  ctx.emit({ ...emitBase(ids.sender), call: 'socket', family: 'IPv4' });
  await bound(sender, 0);
  const from = ep(DEMO_HOST, sender.address().port);
  const to = ep(DEMO_HOST, port);
  let offset = 0;
  const sendOne = async (data: Buffer) => {
    await sendDatagram(sender, data, port, DEMO_HOST, ctx.extraDestinations);
    ctx.emit({ ...emitBase(ids.sender, from, to), call: 'send', bytes: data.length, offset, preview: data.subarray(0, LIMITS.previewBytes).toString('base64'), queued: 0 });
    offset += data.length;
  };

  // 1. Nobody is bound to the port: sendto() succeeds, the kernel drops the datagram.
  const lost = Buffer.from('lost: nobody was listening', 'utf8');
  await sendOne(lost);

  // 2. The receiver binds that port and reads; the lost datagram never comes.
  const received: Buffer[] = [];
  let recvOffset = 0;
  listener.on('message', (msg, rinfo) => {
    received.push(msg);
    ctx.emit({ ...emitBase(ids.receiver, to, ep(rinfo.address, rinfo.port)), call: 'recv', bytes: msg.length, offset: recvOffset, preview: msg.subarray(0, LIMITS.previewBytes).toString('base64'), eof: false });
    recvOffset += msg.length;
  });
  ctx.emit({ ...emitBase(ids.receiver), call: 'socket', family: 'IPv4' });
  try {
    await bound(listener, port);
  } catch (err) {
    throw new DemoError('DEMO_FAILED', `the port was taken meanwhile: ${err instanceof Error ? err.message : String(err)}`);
  }
  ctx.emit({ ...emitBase(ids.receiver, to), call: 'bind', requested: { host: DEMO_HOST, port } });
  await sleep(LOSS_WAIT_MS);
  const lostArrived = received.some((m) => m.equals(lost));

  // 3. Small datagrams: each recv returns exactly one.
  const datagrams = spec.datagrams.map((d) => Buffer.from(d, 'utf8'));
  for (const d of datagrams) await sendOne(d);
  const deadline = Date.now() + 2000;
  while (received.length < datagrams.length && Date.now() < deadline) await sleep(5);

  sender.close();
  listener.close();
  ctx.emit({ ...emitBase(ids.sender, from), call: 'close', reason: 'local', bytesSent: offset, bytesReceived: 0 });
  ctx.emit({ ...emitBase(ids.receiver, to), call: 'close', reason: 'local', bytesSent: 0, bytesReceived: recvOffset });
  return {
    demo: 'udp',
    demoId,
    port,
    durationMs: performance.now() - t0,
    lostBytes: lost.length,
    lostArrived,
    sentSizes: datagrams.map((d) => d.length),
    recvSizes: received.map((m) => m.length),
  };
}
