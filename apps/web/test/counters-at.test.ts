import { describe, expect, it } from 'vitest';
import { connectionState, countersOf } from '../src/timeline/counters.ts';
import { buildStreams } from '../src/timeline/stream-builder.ts';
import { echoSession, Recorder } from './flow-fixtures.ts';

/** A chattier session: partial reads, a client that closes with bytes the server never reads. */
function chatty(): Recorder {
  const r = new Recorder();
  const server = r.listen('srv1', 65432);
  const client = r.connect('cli1', 50002, server.local);
  const accepted = r.accept(server, client);
  r.send(client, 'first line\n');
  r.send(client, 'second line\n');
  r.recv(accepted, 5);
  r.recv(accepted, 10);
  r.send(accepted, 'ok');
  r.recv(client, 2);
  r.send(client, 'never read');
  r.close(accepted, 'local');
  r.close(client, 'local');
  return r;
}

describe('counters at the replay position', () => {
  for (const [name, events] of [
    ['echo', echoSession().r.events],
    ['partial reads, unread at close', chatty().events],
  ] as const) {
    it(`${name}: after every event, the same as a session that ended there (once both sockets exist)`, () => {
      const full = buildStreams(events).connections[0]!;
      let compared = 0;
      for (let k = 1; k <= events.length; k++) {
        const prefix = buildStreams(events.slice(0, k)).connections[0];
        if (!prefix?.a || !prefix.b) continue;
        const seq = events[k - 1]!.seq;
        expect(countersOf(full, seq), `after #${seq}`).toEqual(countersOf(prefix));
        expect(connectionState(full, seq), `state after #${seq}`).toBe(connectionState(prefix));
        compared++;
      }
      expect(compared).toBeGreaterThan(5);
    });
  }

  it('the moments that teach: bytes in flight before the read, unread bytes at close', () => {
    const r = chatty();
    const conn = buildStreams(r.events).connections[0]!;
    const sends = conn.dirs[0].sends;
    // After the client's two writes, before any read: 23 bytes on their way.
    expect(countersOf(conn, sends[1]!.seq)[0]).toMatchObject({ sent: 23, received: 0, inFlight: 23 });
    // At the end: the server closed with "never read" (10 bytes) still unread.
    expect(countersOf(conn, r.events.at(-1)!.seq)[0]).toMatchObject({ sent: 33, received: 15, inFlight: 18, unreadAtClose: true });
    expect(connectionState(conn, sends[1]!.seq)).toBe('open');
    expect(connectionState(conn, r.events.at(-1)!.seq)).toBe('closed');
  });
});
