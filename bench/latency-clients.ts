/**
 * Paced traffic for the event-to-screen benchmark, in its own process: C TCP connections to
 * 127.0.0.1:PORT (the lab's echo server), then RATE small writes a second in total, spread round
 * robin over the connections, for SECONDS. Each write becomes two lab events (the server's recv
 * and its echo's send). Loopback only; stops by itself.
 *
 *   node --import tsx bench/latency-clients.ts PORT C RATE SECONDS
 *
 * Prints `connected C` once every connection is up, `sending` when the paced writes start,
 * `closing` when they are over, then one JSON line with the totals.
 */
import { connect, type Socket } from 'node:net';

const [port = 0, count = 0, rate = 0, seconds = 0] = process.argv.slice(2).map(Number);
if (!port || !count || !rate || !seconds) {
  process.stderr.write('usage: latency-clients.ts PORT C RATE SECONDS\n');
  process.exit(2);
}
setTimeout(() => process.exit(3), (seconds + 30) * 1000).unref();

const sockets: Socket[] = [];
let received = 0;
for (let i = 0; i < count; i++) {
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => (received += chunk.length));
  socket.on('error', () => {});
  sockets.push(socket);
}
process.stdout.write(`connected ${sockets.length}\n`);
await new Promise((r) => setTimeout(r, 300));
process.stdout.write('sending\n');

const payload = Buffer.from('ping 0123456789\n');
const start = performance.now();
let sent = 0;
let next = 0;
// One check a millisecond: send what the rate says is due by now (bounded by the deadline).
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const elapsed = performance.now() - start;
    if (elapsed >= seconds * 1000) {
      clearInterval(timer);
      resolve();
      return;
    }
    const due = Math.floor((elapsed / 1000) * rate) - sent;
    for (let i = 0; i < due; i++) {
      sockets[next]!.write(payload);
      next = (next + 1) % sockets.length;
      sent++;
    }
  }, 1);
});
const sendMs = performance.now() - start;
const drainUntil = Date.now() + 3000;
while (received < sent * payload.length && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
process.stdout.write('closing\n');
await Promise.all(
  sockets.map(
    (s) =>
      new Promise<void>((resolve) => {
        s.once('close', () => resolve());
        s.end();
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 2000).unref();
      }),
  ),
);
process.stdout.write(`${JSON.stringify({ connections: sockets.length, sent, sendMs: Math.round(sendMs), echoedBytes: received, sentBytes: sent * payload.length })}\n`);
process.exit(0);
