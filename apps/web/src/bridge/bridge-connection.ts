import {
  BridgeMessage,
  LIMITS,
  parseMessage,
  PROTOCOL_VERSION,
  type LabState,
  type PageCommandInput,
  type Reply,
  type SequencedLabEvent,
  type WireError,
} from '@socket-playground/protocol';
import { backoffDelay } from './backoff.ts';
import { EventRing } from './event-ring.ts';
import { NoticeList } from './notices.ts';
import { Pacer } from './pacer.ts';
import { closeError, describeClose, pageError } from './page-errors.ts';
import { SequenceTracker } from './sequence-tracker.ts';
import { Store } from './store.ts';
import { browserSocket, type SocketFactory, type SocketLike } from './socket.ts';
import type { BridgeConnectionOptions, CommandInput, ConnectionStatus, EventLog, Session, Timers } from './connection-types.ts';

/** Longer than the lab's own deadline for a demonstration (2 × 60 s + 10 s), so the lab's clear error wins. */
const DEMO_REPLY_TIMEOUT_MS = 150_000;

export type * from './connection-types.ts';

interface Pending {
  resolve: (reply: Reply) => void;
  timer: unknown;
}

const browserTimers: Timers = {
  set: (callback, ms) => globalThis.setTimeout(callback, ms),
  clear: (handle) => globalThis.clearTimeout(handle as number),
};

/**
 * The page's one WebSocket to the bridge: says hello (with a resume point), validates every
 * message, keeps the event log and lab state, matches replies to requests, and reconnects
 * with backoff when the socket closes. Plain TypeScript: React subscribes to its stores.
 *
 * Phases: connecting (socket opening) → handshaking (open, hello sent) → connected (welcome
 * received) → waiting (closed; a retry is scheduled) → connecting … ; stopped after stop().
 */
export class BridgeConnection {
  readonly status = new Store<ConnectionStatus>({
    phase: 'connecting',
    attempt: 0,
    retryAt: null,
    lastClose: null,
    everOpened: false,
    failedOpens: 0,
  });
  readonly session = new Store<Session>({ bridgeId: null, privileged: false, labHosts: [], lab: { servers: [], connections: [], steppers: [] }, restarted: false });
  readonly events = new Store<EventLog>({ entries: [], discarded: 0, missed: 0, originTs: null });
  readonly notices: NoticeList;

  private readonly createSocket: SocketFactory;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly requestTimeoutMs: number;
  private readonly ring: EventRing<SequencedLabEvent>;
  private readonly tracker = new SequenceTracker();
  private readonly pending = new Map<string, Pending>();
  private socket: SocketLike | null = null;
  /** Bumped per socket, so events from an old socket are ignored. */
  private generation = 0;
  private opened = false;
  private retryTimer: unknown = null;
  private nextReqId = 1;
  private originTs: number | null = null;
  private stopped = false;
  /** Commands waiting for the pacer (in order), and the timer that sends the next. */
  private outbox: Exclude<PageCommandInput, { type: 'hello' }>[] = [];
  private outboxTimer: unknown = null;
  private readonly pacer: Pacer;
  /** Events or a lab state arrived that the stores do not show yet (a frame is requested). */
  private framePending = false;
  /** The newest lab state not published yet. */
  private pendingLab: LabState | null = null;
  /** The bridge's newest event when it welcomed us: the history it replays ends there. */
  private historyUntil = 0;

  constructor(private readonly options: BridgeConnectionOptions) {
    this.createSocket = options.createSocket ?? browserSocket;
    this.timers = options.timers ?? browserTimers;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.ring = new EventRing(options.capacity);
    this.notices = new NoticeList(5, this.now);
    // Under the bridge's limit, with room for the hello and for messages bunched up on the way.
    this.pacer = new Pacer(LIMITS.commandBurst / 2, LIMITS.commandsPerSecond * 0.8, this.now);
  }

  start(): void {
    if (this.socket || this.stopped) return;
    this.connect();
  }

  /** Skip the rest of the backoff wait (the "Retry now" button). */
  retryNow(): void {
    if (this.status.get().phase !== 'waiting') return;
    this.clearRetry();
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearRetry();
    this.dropUnsent('connection stopped');
    this.generation++;
    this.socket?.close(1000, 'page closed');
    this.socket = null;
    this.failPending(pageError('BRIDGE_DISCONNECTED', 'connection stopped'));
    this.patchStatus({ phase: 'stopped', retryAt: null });
  }

  /** Send a command; resolves with its reply, or with a failure reply if it cannot get one. Never rejects. */
  request(command: CommandInput): Promise<Reply> {
    const reqId = `r${this.nextReqId++}`;
    // While the socket is still opening, the command waits for it (the page is clickable at once);
    // if it closes instead, the command was never sent: NOT_CONNECTED. With no socket at all, no wait.
    if (!this.socket) return Promise.resolve(failure(reqId, pageError('NOT_CONNECTED', 'not connected')));
    // A demonstration may take minutes by design (a blocking server serving 1,000 clients in turn).
    const timeoutMs = command.type === 'demo.run' ? Math.max(this.requestTimeoutMs, DEMO_REPLY_TIMEOUT_MS) : this.requestTimeoutMs;
    return new Promise<Reply>((resolve) => {
      const timer = this.timers.set(() => {
        this.pending.delete(reqId);
        resolve(failure(reqId, pageError('NO_REPLY', 'no reply', { timeoutMs })));
      }, timeoutMs);
      this.pending.set(reqId, { resolve, timer });
      this.outbox.push({ ...command, reqId });
      this.drainOutbox();
    });
  }

  /** Send queued commands as fast as the pacer allows, in order, once the socket is open. */
  private drainOutbox(): void {
    if (!this.opened) return; // onOpen drains, after the hello
    while (this.outbox.length > 0) {
      if (this.outboxTimer !== null) return;
      const wait = this.pacer.take();
      if (wait > 0) {
        this.outboxTimer = this.timers.set(() => {
          this.outboxTimer = null;
          this.drainOutbox();
        }, wait);
        return;
      }
      const next = this.outbox.shift();
      if (next) this.send(next);
    }
  }

  /**
   * Answer the commands that never left the outbox: they did not run, so NOT_CONNECTED (not
   * BRIDGE_DISCONNECTED, which means "sent, the answer is lost: it may have run").
   */
  private dropUnsent(why: string): void {
    for (const command of this.outbox) {
      const pending = this.pending.get(command.reqId);
      if (!pending) continue;
      this.pending.delete(command.reqId);
      this.timers.clear(pending.timer);
      pending.resolve(failure(command.reqId, pageError('NOT_CONNECTED', `not sent: ${why}`)));
    }
    this.clearOutbox();
  }

  private clearOutbox(): void {
    this.outbox = [];
    if (this.outboxTimer !== null) this.timers.clear(this.outboxTimer);
    this.outboxTimer = null;
  }

  /** Like request(), and every failure also becomes an error notice. */
  async command(command: CommandInput, source: string): Promise<Reply> {
    const reply = await this.request(command);
    if (!reply.ok) this.notices.push(reply.error, source);
    return reply;
  }

  dismissRestart(): void {
    this.session.update((s) => ({ ...s, restarted: false }));
  }

  private connect(): void {
    const gen = ++this.generation;
    this.opened = false;
    this.patchStatus({ phase: 'connecting', retryAt: null });
    try {
      this.socket = this.createSocket(this.options.url, {
        open: () => gen === this.generation && this.onOpen(),
        message: (data) => gen === this.generation && this.onMessage(data),
        close: (code, reason) => gen === this.generation && this.onClose(code, reason),
      });
    } catch {
      // new WebSocket() throws only for a malformed URL; retrying keeps the page's state sane.
      this.onClose(1006, 'could not open a WebSocket');
    }
  }

  private onOpen(): void {
    this.opened = true;
    this.patchStatus({ phase: 'handshaking', everOpened: true, failedOpens: 0 });
    const { bridgeId } = this.session.get();
    // Resume only when we hold events from that bridge: the bridge then replays what we missed.
    const resume = bridgeId !== null && this.tracker.lastSeq > 0 ? { bridgeId, lastSeq: this.tracker.lastSeq } : undefined;
    this.send({ type: 'hello', protocol: PROTOCOL_VERSION, ...(resume ? { resume } : {}) });
    this.drainOutbox();
  }

  private onMessage(data: unknown): void {
    if (typeof data !== 'string') {
      this.notices.push(pageError('BAD_BRIDGE_MESSAGE', 'a binary frame, the protocol uses text'), 'bridge');
      return;
    }
    const parsed = parseMessage(BridgeMessage, data);
    if (!parsed.ok) {
      this.notices.push(pageError('BAD_BRIDGE_MESSAGE', parsed.error.message), 'bridge');
      return;
    }
    const message = parsed.value;
    // Whoever sees a reply (or a welcome, a gap, a problem) must also see the events and state
    // the bridge sent before it.
    if (message.type !== 'events' && message.type !== 'state' && this.framePending) this.publishFrame();
    switch (message.type) {
      case 'welcome':
        return this.onWelcome(message);
      case 'events': {
        const fresh = this.tracker.accept(message.events);
        const first = fresh[0];
        if (this.originTs === null && first) this.originTs = first.event.ts;
        this.ring.push(fresh);
        return this.publishSoon();
      }
      case 'state':
        // With the events of the same frame: one render, one layout, however many messages.
        this.pendingLab = message.state;
        return this.publishSoon();
      case 'gap':
        return this.onGap(message);
      case 'problem':
        return this.onProblem(message.error);
      case 'reply': {
        const pending = this.pending.get(message.reqId);
        if (!pending) return; // a reply to a request we already gave up on
        this.pending.delete(message.reqId);
        this.timers.clear(pending.timer);
        pending.resolve(message);
        return;
      }
    }
  }

  private onWelcome(welcome: Extract<BridgeMessage, { type: 'welcome' }>): void {
    const previous = this.session.get();
    const restarted = previous.bridgeId !== null && previous.bridgeId !== welcome.bridgeId;
    if (restarted) {
      // A new bridge numbers from 1 again: our events belong to a session that is gone.
      this.tracker.reset();
      this.ring.clear();
      this.originTs = null;
    }
    if (welcome.protocol !== PROTOCOL_VERSION) {
      this.notices.push({ code: 'PROTOCOL_MISMATCH', message: '', context: { page: PROTOCOL_VERSION, bridge: welcome.protocol } }, 'bridge');
    }
    this.tracker.welcome(welcome.resumed && !restarted, welcome.dropped);
    this.historyUntil = welcome.lastSeq;
    this.session.set({
      bridgeId: welcome.bridgeId,
      privileged: welcome.privileged,
      labHosts: welcome.labHosts,
      lab: welcome.state,
      restarted: restarted || previous.restarted,
    });
    this.publishEvents();
    this.patchStatus({ phase: 'connected', attempt: 0, retryAt: null, failedOpens: 0 });
  }

  /** The page fell behind and the bridge dropped events: count them, say so, take the fresh state. */
  private onGap(gap: Extract<BridgeMessage, { type: 'gap' }>): void {
    const lost = this.tracker.gap(gap.fromSeq, gap.toSeq);
    this.session.update((s) => ({ ...s, lab: gap.state }));
    if (lost > 0) {
      this.notices.push(
        { code: 'EVENTS_DROPPED', message: `events ${gap.fromSeq}-${gap.toSeq} dropped`, context: { fromSeq: gap.fromSeq, toSeq: gap.toSeq, dropped: gap.dropped } },
        'bridge',
      );
    }
    this.publishEvents();
  }

  private onProblem(error: WireError): void {
    // A malformed command comes back as a problem naming its reqId: answer that request with it.
    const reqId = error.context?.reqId;
    const pending = typeof reqId === 'string' ? this.pending.get(reqId) : undefined;
    if (pending && typeof reqId === 'string') {
      this.pending.delete(reqId);
      this.timers.clear(pending.timer);
      pending.resolve(failure(reqId, error));
      return;
    }
    this.notices.push(error, 'bridge');
  }

  private onClose(code: number, reason: string): void {
    const opened = this.opened;
    this.socket = null;
    this.opened = false;
    this.dropUnsent(describeClose(code, reason));
    this.failPending(closeError(code) ?? pageError('BRIDGE_DISCONNECTED', describeClose(code, reason)));
    if (this.stopped) return;
    const current = this.status.get();
    const attempt = current.attempt + 1;
    const delay = backoffDelay(attempt, this.random);
    this.patchStatus({
      phase: 'waiting',
      attempt,
      retryAt: this.now() + delay,
      lastClose: { code, reason, text: describeClose(code, reason), opened },
      failedOpens: opened ? 0 : current.failedOpens + 1,
    });
    this.retryTimer = this.timers.set(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private send(message: PageCommandInput): void {
    try {
      this.socket?.send(JSON.stringify(message));
    } catch {
      // The socket is closing: its close event follows and fails the pending requests.
    }
  }

  private failPending(error: WireError): void {
    for (const [reqId, pending] of this.pending) {
      this.timers.clear(pending.timer);
      pending.resolve(failure(reqId, error));
    }
    this.pending.clear();
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.timers.clear(this.retryTimer);
    this.retryTimer = null;
  }

  /** Publish now, or in the next frame when the page gave us frames (once, whatever came meanwhile). */
  private publishSoon(): void {
    const frame = this.options.frame;
    if (!frame) return this.publishFrame();
    if (this.framePending) return;
    this.framePending = true;
    frame(() => {
      if (this.framePending) this.publishFrame();
    });
  }

  /** The lab state, then the events: what arrived since the last frame. */
  private publishFrame(): void {
    this.framePending = false;
    const lab = this.pendingLab;
    this.pendingLab = null;
    if (lab) this.session.update((s) => ({ ...s, lab }));
    this.publishEvents();
  }

  private publishEvents(): void {
    const log = this.events.get();
    const historyLoaded = this.tracker.lastSeq >= this.historyUntil;
    const next: EventLog = { entries: this.ring.entries, discarded: this.ring.discarded, missed: this.tracker.missed, originTs: this.originTs, historyLoaded };
    const same = log.entries === next.entries && log.discarded === next.discarded && log.missed === next.missed && log.originTs === next.originTs && log.historyLoaded === historyLoaded;
    if (!same) this.events.set(next);
  }

  private patchStatus(patch: Partial<ConnectionStatus>): void {
    this.status.update((s) => ({ ...s, ...patch }));
  }
}

function failure(reqId: string, error: WireError): Reply {
  return { type: 'reply', reqId, ok: false, error };
}
