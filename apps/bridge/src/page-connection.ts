import type { WebSocket } from 'ws';
import {
  LIMITS,
  PROTOCOL_VERSION,
  type BridgeMessage,
  type PageCommand,
  type Reply,
  type LabState,
  type SequencedLabEvent,
  type WireError,
} from '@socket-playground/protocol';
import { parsePageCommand, reqIdOf } from './command-parse.ts';
import type { NetLabController } from './netlab-controller.ts';
import { TokenBucket } from './rate-limit.ts';
import type { PageStats, Session } from './session.ts';

/**
 * Each event's JSON, made once however many pages get it: an `events` message is these joined,
 * the same text JSON.stringify would make of the whole message. Kept only until the pages of this
 * turn of the event loop have flushed (they all flush in the same check phase), not for the log's life.
 */
let eventJson: Map<SequencedLabEvent, string> | undefined;

function jsonOf(entry: SequencedLabEvent, shared: boolean): string {
  if (!shared) return JSON.stringify(entry);
  if (!eventJson) {
    eventJson = new Map();
    setImmediate(() => (eventJson = undefined));
  }
  let json = eventJson.get(entry);
  if (json === undefined) {
    json = JSON.stringify(entry);
    eventJson.set(entry, json);
  }
  return json;
}

/** `shared`: other pages will send the same events (so their JSON is worth keeping a moment). */
function eventsMessage(events: readonly SequencedLabEvent[], from: number, to: number, shared: boolean): string {
  let text = '{"type":"events","events":[';
  for (let i = from; i < to; i++) {
    const json = jsonOf(events[i]!, shared);
    text += i === from ? json : `,${json}`;
  }
  return `${text}]}`;
}

/** Replay, and live events, go out in messages of at most this many events. */
const REPLAY_BATCH = 500;
/** A page that fell behind has caught up once its queue is down to this. */
const CAUGHT_UP_BYTES = LIMITS.pageBufferedBytes / 8;
/** How often a page that fell behind is checked for having caught up. */
const CATCH_UP_POLL_MS = 50;
/** A page refused for sending too fast without a reqId hears about it at most this often. */
const RATE_PROBLEM_EVERY_MS = 1000;

/**
 * One open page. Says hello, replays what the page missed, then streams events in batches
 * (one message per tick, however many events the tick produced) and relays commands.
 *
 * Flow control, both ways:
 * - commands: a token bucket (LIMITS.commandBurst, LIMITS.commandsPerSecond); excess ones get
 *   RATE_LIMITED without being parsed further. Malformed messages get an error naming the problem;
 *   LIMITS.maxConsecutiveBadMessages of them in a row close the page (1008).
 * - events: once LIMITS.pageBufferedBytes are queued to a page that does not read, its events are
 *   dropped (and counted) instead of queued; when it has caught up it gets one `gap` message with
 *   the seq range dropped and the state as it is now. Replies still go out; a page with
 *   LIMITS.pageHardBufferedBytes queued is not reading at all and is closed (1008).
 */
export class PageConnection {
  private greeted = false;
  private unsubscribe: (() => void) | undefined;
  private batch: SequencedLabEvent[] = [];
  private pendingState: LabState | undefined;
  private flushScheduled = false;
  private readonly bucket = new TokenBucket(LIMITS.commandBurst, LIMITS.commandsPerSecond);
  private badInARow = 0;
  private rateLimited = 0;
  private rateProblemAt = -Infinity;
  /** Events dropped since the page fell behind: a contiguous seq range. */
  private gap: { fromSeq: number; toSeq: number; dropped: number } | undefined;
  private behind = false;
  private droppedEvents = 0;
  private gaps = 0;
  private catchUpTimer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly session: Session,
    private readonly privileged: boolean,
    private readonly netlab: NetLabController,
  ) {
    ws.on('message', (data, isBinary) => this.onMessage(isBinary ? null : data.toString()));
    ws.on('close', () => {
      this.closing = true;
      clearInterval(this.catchUpTimer);
      this.unsubscribe?.();
    });
  }

  stats(): PageStats {
    return { bufferedAmount: this.ws.bufferedAmount, behind: this.behind, droppedEvents: this.droppedEvents, gaps: this.gaps, rateLimited: this.rateLimited };
  }

  private send(message: BridgeMessage): void {
    this.sendText(JSON.stringify(message));
  }

  /** A message already serialised (see eventsMessage). */
  private sendText(text: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > LIMITS.pageHardBufferedBytes) {
      this.close(1008, 'page is not reading its messages');
      return;
    }
    this.ws.send(text);
  }

  /** Close politely; a page that does not answer the close handshake is cut off a second later. */
  private close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), 1000).unref();
  }

  private problem(error: WireError): void {
    this.send({ type: 'problem', error });
  }

  private onMessage(text: string | null): void {
    if (this.closing) return;
    const retryAfterMs = this.bucket.take();
    if (retryAfterMs > 0) {
      this.refuseTooFast(text, retryAfterMs);
      return;
    }
    if (text === null) {
      this.malformed({ code: 'BAD_MESSAGE', message: 'binary messages are not part of the protocol' });
      return;
    }
    const parsed = parsePageCommand(text);
    if (!parsed.ok) {
      this.malformed(parsed.error);
      return;
    }
    const command = parsed.value;
    if (command.type === 'hello') {
      this.badInARow = 0;
      this.onHello(command);
      return;
    }
    if (!this.greeted) {
      this.malformed({ code: 'HELLO_FIRST', message: `got ${command.type} before hello` }, command.reqId);
      return;
    }
    this.badInARow = 0;
    if (command.type === 'netlab.start' || command.type === 'netlab.stop' || command.type === 'netlab.matrix') {
      void this.runNetLab(command).then((reply) => this.send(reply));
      return;
    }
    void this.session.runFromPage(command).then((reply) => this.send(reply));
  }

  /**
   * A message the bridge cannot act on: answer its reqId if it has one (the page waits for it),
   * otherwise a problem. Too many in a row and the page is closed: it is broken or hostile.
   */
  private malformed(error: WireError, reqId = error.context?.reqId): void {
    // With a reqId the page is waiting for a reply: answer it rather than leave it hanging.
    if (typeof reqId === 'string') this.send({ type: 'reply', reqId, ok: false, error });
    else this.problem(error);
    this.badInARow++;
    const limit = LIMITS.maxConsecutiveBadMessages;
    if (this.badInARow >= limit) {
      this.problem({ code: 'TOO_MANY_BAD_MESSAGES', message: `${limit} malformed messages in a row`, context: { limit } });
      this.close(1008, `${limit} malformed messages in a row`);
    }
  }

  /** Over the rate limit: not parsed against the schema, not run. */
  private refuseTooFast(text: string | null, retryAfterMs: number): void {
    this.rateLimited++;
    const context = { retryAfterMs, limit: LIMITS.commandsPerSecond, burst: LIMITS.commandBurst };
    const error = { code: 'RATE_LIMITED', message: `more than ${LIMITS.commandsPerSecond} commands a second; try again in ${retryAfterMs} ms`, context };
    let reqId: string | undefined;
    if (text !== null) {
      try {
        reqId = reqIdOf(JSON.parse(text));
      } catch {
        reqId = undefined;
      }
    }
    if (reqId !== undefined) {
      this.send({ type: 'reply', reqId, ok: false, error });
      return;
    }
    const now = performance.now();
    if (now - this.rateProblemAt < RATE_PROBLEM_EVERY_MS) return;
    this.rateProblemAt = now;
    this.problem(error);
  }

  private async runNetLab(command: Extract<PageCommand, { type: `netlab.${string}` }>): Promise<Reply> {
    const netlab = this.netlab;
    const result =
      command.type === 'netlab.start'
        ? await netlab.start(command.topology)
        : command.type === 'netlab.stop'
          ? await netlab.stop()
          : await netlab.matrix(command.serverHost, command.bind, command.useRealCards);
    return result.ok
      ? { type: 'reply', reqId: command.reqId, ok: true, result: result.reply }
      : { type: 'reply', reqId: command.reqId, ok: false, error: result.error };
  }

  private onHello(hello: Extract<PageCommand, { type: 'hello' }>): void {
    if (hello.protocol !== PROTOCOL_VERSION) {
      this.problem({
        code: 'PROTOCOL_MISMATCH',
        message: `page speaks ${hello.protocol}, bridge ${PROTOCOL_VERSION}`,
        context: { page: hello.protocol, bridge: PROTOCOL_VERSION },
      });
      this.ws.close(1002, 'protocol version mismatch');
      return;
    }
    if (this.greeted) return;
    this.greeted = true;
    const { log } = this.session;
    const sameBridge = hello.resume?.bridgeId === this.session.bridgeId;
    // A page from an earlier bridge run gets everything this run still holds.
    const after = sameBridge && hello.resume ? hello.resume.lastSeq : 0;
    const { events, dropped } = log.since(after);
    this.send({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      bridgeId: this.session.bridgeId,
      labHosts: this.session.labHosts,
      state: this.session.state,
      resumed: sameBridge && dropped === 0,
      dropped,
      lastSeq: log.lastSeq,
      privileged: this.privileged,
    });
    for (let i = 0; i < events.length; i += REPLAY_BATCH) {
      this.sendText(eventsMessage(events, i, Math.min(events.length, i + REPLAY_BATCH), this.session.pageCount > 1));
    }
    this.unsubscribe = this.session.subscribe({
      onEvent: (entry) => {
        this.batch.push(entry);
        this.scheduleFlush();
      },
      onState: (state) => {
        this.pendingState = state;
        this.scheduleFlush();
      },
      onProblem: (error) => this.problem(error),
      stats: () => this.stats(),
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const events = this.batch;
    this.batch = [];
    if (this.closing) return;
    for (let i = 0; i < events.length; i += REPLAY_BATCH) {
      if (this.gap || this.ws.bufferedAmount >= LIMITS.pageBufferedBytes) {
        this.drop(events.slice(i));
        break;
      }
      this.sendText(eventsMessage(events, i, Math.min(events.length, i + REPLAY_BATCH), this.session.pageCount > 1));
    }
    // Behind: the state goes out with the gap, as it is then.
    if (this.gap) return;
    if (this.pendingState) {
      this.send({ type: 'state', state: this.pendingState });
      this.pendingState = undefined;
    }
  }

  /** Events the page cannot take now: count them, and watch for it to catch up. */
  private drop(events: readonly SequencedLabEvent[]): void {
    const first = events[0];
    const last = events.at(-1);
    if (!first || !last) return;
    this.gap ??= { fromSeq: first.seq, toSeq: first.seq, dropped: 0 };
    this.gap.toSeq = last.seq;
    this.gap.dropped += events.length;
    this.droppedEvents += events.length;
    this.behind = true;
    this.catchUpTimer ??= setInterval(() => this.checkCaughtUp(), CATCH_UP_POLL_MS);
  }

  /** Caught up: say exactly what was dropped, with the state as it is now; later events follow. */
  private checkCaughtUp(): void {
    if (!this.gap || this.ws.bufferedAmount > CAUGHT_UP_BYTES) return;
    clearInterval(this.catchUpTimer);
    this.catchUpTimer = undefined;
    const gap = this.gap;
    this.gap = undefined;
    this.behind = false;
    this.pendingState = undefined;
    this.gaps++;
    this.send({ type: 'gap', ...gap, state: this.session.state });
    if (this.batch.length > 0) this.scheduleFlush();
  }
}
