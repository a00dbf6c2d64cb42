/**
 * The load test's clients, in their own process so the bridge's numbers are the bridge's alone:
 * N TCP connections to 127.0.0.1:PORT (the lab's echo server), each sending a small message
 * every INTERVAL ms for SECONDS, checking the echo. Loopback only; stops by itself.
 *
 *   node --import tsx bench/load-clients.ts PORT N SECONDS INTERVAL_MS
 *
 * Prints `connected N` once every connection is up, `closing` when the traffic is over, then one
 * JSON line with the totals.
 */
import { connect, type Socket } from 'node:net';

const [port = 0, count = 0, seconds = 0, intervalMs = 0] = process.argv.slice(2).map(Number);
if (!port || !count || !seconds || !intervalMs) {
  process.stderr.write('usage: load-clients.ts PORT N SECONDS INTERVAL_MS\n');
  process.exit(2);
}
// Never outlive the run, whatever happens.
setTimeout(() => process.exit(3), (seconds + 30) * 1000).unref();

interface Client {
  socket: Socket;
  sent: number;
  received: number;
  timer?: NodeJS.Timeout;
}

const clients: Client[] = [];
let failed = 0;
let errors = 0;

function open(): Promise<Client | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const client: Client = { socket, sent: 0, received: 0 };
    socket.once('connect', () => resolve(client));
    socket.once('error', () => {
      errors++;
      resolve(null);
    });
    socket.on('data', (chunk: Buffer) => (client.received += chunk.length));
    socket.setNoDelay(true);
  });
}

// Connect in batches, so the listen backlog is never the bottleneck.
const BATCH = 50;
for (let i = 0; i < count; i += BATCH) {
  const batch = await Promise.all(Array.from({ length: Math.min(BATCH, count - i) }, open));
  for (const c of batch) {
    if (c) clients.push(c);
    else failed++;
  }
}
process.stdout.write(`connected ${clients.length}\n`);

const start = Date.now();
const payload = (i: number, n: number) => Buffer.from(`c${String(i).padStart(4, '0')} m${String(n).padStart(6, '0')}\n`);
clients.forEach((c, i) => {
  // Spread the clients over the interval, then each sends on its own period.
  setTimeout(() => {
    c.timer = setInterval(() => {
      if (c.socket.destroyed || Date.now() - start >= seconds * 1000) return;
      const data = payload(i, c.sent);
      c.sent += data.length;
      c.socket.write(data);
    }, intervalMs);
  }, Math.floor((i / clients.length) * intervalMs));
});

await new Promise((r) => setTimeout(r, seconds * 1000));
for (const c of clients) clearInterval(c.timer);
// Let the last echoes come back (bounded).
const drainUntil = Date.now() + 3000;
while (clients.some((c) => c.received < c.sent) && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
process.stdout.write('closing\n');
const sentBytes = clients.reduce((s, c) => s + c.sent, 0);
const echoedBytes = clients.reduce((s, c) => s + Math.min(c.received, c.sent), 0);
const messages = clients.reduce((s, c) => s + c.sent / payload(0, 0).length, 0);
await Promise.all(
  clients.map(
    (c) =>
      new Promise<void>((resolve) => {
        c.socket.once('close', () => resolve());
        c.socket.end();
        setTimeout(() => {
          c.socket.destroy();
          resolve();
        }, 2000).unref();
      }),
  ),
);
process.stdout.write(`${JSON.stringify({ connected: clients.length, failed, errors, messages, sentBytes, echoedBytes })}\n`);
process.exit(0);
