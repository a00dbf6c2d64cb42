/**
 * Under a flood of events the session hands them to pages in batches (EVENT_BATCH_MS apart), in
 * order, none lost or doubled; below the flood rate each goes out at once, as before.
 */
import { describe, expect, it } from 'vitest';
import type { AgentCommand, AgentMessage, LabEvent, SequencedLabEvent } from '@socket-playground/protocol';
import type { AgentLink } from '@socket-playground/lab';
import { EVENT_BATCH_MS, HIGH_RATE_EVENTS, RATE_WINDOW_MS, Session } from '../src/session.ts';
import { trackResources } from './helpers.ts';

const defer = trackResources();

class EmittingAgent implements AgentLink {
  readonly labHost = 'local';
  private listener: (message: AgentMessage) => void = () => {};
  private n = 0;
  send(_command: AgentCommand): void {}
  onMessage(listener: (message: AgentMessage) => void): void {
    this.listener = listener;
  }
  onExit(): void {}
  close(): Promise<void> {
    return Promise.resolve();
  }
  emit(count: number): void {
    for (let i = 0; i < count; i++) {
      const event: LabEvent = { ts: ++this.n, labHost: 'local', socketId: `s${this.n}`, owner: 'srv1', role: 'listener', call: 'socket', family: 'IPv4' };
      this.listener({ type: 'lab', event });
    }
  }
  state(): void {
    this.listener({ type: 'state', state: { servers: [], connections: [], steppers: [] } });
  }
}

function collect(session: Session): SequencedLabEvent[] {
  const got: SequencedLabEvent[] = [];
  defer(session.subscribe({ onEvent: (e) => got.push(e), onState: () => {} }));
  return got;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('events under a flood', () => {
  it('a few events go out at once', () => {
    const agent = new EmittingAgent();
    const session = new Session({ agents: [agent], exposedGraceMs: 60_000 });
    defer(() => session.close());
    const got = collect(session);
    agent.emit(5);
    expect(got.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a flood is batched, in order, nothing lost or doubled, also for a page that joins midway; a state flushes first', async () => {
    const agent = new EmittingAgent();
    const session = new Session({ agents: [agent], exposedGraceMs: 60_000 });
    defer(() => session.close());
    const a = collect(session);
    // One window over the flood rate, then the next window's events are queued.
    agent.emit(HIGH_RATE_EVENTS + 10);
    await sleep(RATE_WINDOW_MS + 5);
    agent.emit(50);
    expect(a.length).toBe(HIGH_RATE_EVENTS + 10);
    // A page that joins now has the log (replay) and gets only what comes after.
    const joinedAt = session.log.lastSeq;
    const b = collect(session);
    expect(a.length).toBe(HIGH_RATE_EVENTS + 60);
    agent.emit(20);
    expect(b).toEqual([]);
    await sleep(EVENT_BATCH_MS * 3);
    expect(b.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => joinedAt + 1 + i));
    agent.emit(7);
    agent.state();
    const all = a.map((e) => e.seq);
    expect(all).toEqual(Array.from({ length: session.log.lastSeq }, (_, i) => i + 1));
  });
});
