import { PROTOCOL_VERSION, type LabEvent, type SequencedLabEvent } from '@socket-playground/protocol';
import { BridgeConnection, type Timers } from '../src/bridge/bridge-connection.ts';
import type { SocketHandlers } from '../src/bridge/socket.ts';

/** What the page sent, parsed: every message has a type; commands have a reqId. */
export type SentMessage = { type: string; reqId?: string } & Record<string, unknown>;

/** A scripted WebSocket: the test plays the bridge. */
export class FakeSocket {
  sent: SentMessage[] = [];
  closed = false;
  constructor(readonly handlers: SocketHandlers) {}
  send(text: string) {
    this.sent.push(JSON.parse(text) as SentMessage);
  }
  close() {
    this.closed = true;
  }
  receive(message: unknown) {
    this.handlers.message(typeof message === 'string' ? message : JSON.stringify(message));
  }
}

/**
 * A scripted clock. `advance` jumps by default (timers set by a firing timer wait for the next
 * advance); with `stepMs` it walks in steps, so timers set along the way fire when they are due.
 */
export class FakeTimers implements Timers {
  now = 0;
  private queue: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;
  constructor(private readonly stepMs?: number) {}
  set(fn: () => void, ms: number) {
    const id = this.nextId++;
    this.queue.push({ at: this.now + ms, fn, id });
    return id;
  }
  clear(id: unknown) {
    this.queue = this.queue.filter((t) => t.id !== id);
  }
  advance(ms: number) {
    const end = this.now + ms;
    do {
      this.now = this.stepMs === undefined ? end : Math.min(end, this.now + this.stepMs);
      const due = this.queue.filter((t) => t.at <= this.now);
      this.queue = this.queue.filter((t) => t.at > this.now);
      due.forEach((t) => t.fn());
    } while (this.now < end);
  }
}

export const labEvent = (ts: number): LabEvent => ({ ts, labHost: 'local', socketId: 's1', owner: 'srv1', role: 'listener', call: 'listen', backlog: 128 });
export const batch = (...seqs: number[]): { type: 'events'; events: SequencedLabEvent[] } => ({ type: 'events', events: seqs.map((seq) => ({ seq, event: labEvent(1000 + seq) })) });
export const welcome = (over: Record<string, unknown> = {}) => ({
  type: 'welcome',
  protocol: PROTOCOL_VERSION,
  bridgeId: 'b1',
  labHosts: ['local'],
  state: { servers: [], connections: [], steppers: [] },
  resumed: false,
  dropped: 0,
  lastSeq: 0,
  privileged: false,
  ...over,
});

/** A page connection over scripted sockets and `timers` (jitter fixed at its top), started. */
export function fakeConnection(timers: FakeTimers, frame?: (callback: () => void) => void): { conn: BridgeConnection; sockets: FakeSocket[]; last: () => FakeSocket } {
  const sockets: FakeSocket[] = [];
  const conn = new BridgeConnection({
    url: 'ws://test/ws?token=t',
    createSocket: (_url, handlers) => {
      const s = new FakeSocket(handlers);
      sockets.push(s);
      return s;
    },
    timers,
    now: () => timers.now,
    random: () => 1,
    ...(frame ? { frame } : {}),
  });
  conn.start();
  return { conn, sockets, last: () => sockets[sockets.length - 1]! };
}
