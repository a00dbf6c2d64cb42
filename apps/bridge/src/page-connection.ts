import type { WebSocket } from 'ws';
import {
  PageCommand,
  PROTOCOL_VERSION,
  parseMessage,
  type BridgeMessage,
  type Reply,
  type LabState,
  type SequencedLabEvent,
  type WireError,
} from '@socket-playground/protocol';
import type { NetLabController } from './netlab-controller.ts';
import type { Session } from './session.ts';

/** Stop queueing events to a page whose socket is this far behind; it sees the gap by seq. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Replay in batches of this many events. */
const REPLAY_BATCH = 500;

/**
 * One open page. Says hello, replays what the page missed, then streams events in batches
 * (one message per tick, however many events the tick produced) and relays commands.
 */
export class PageConnection {
  private greeted = false;
  private unsubscribe: (() => void) | undefined;
  private batch: SequencedLabEvent[] = [];
  private pendingState: LabState | undefined;
  private flushScheduled = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly session: Session,
    private readonly privileged: boolean,
    private readonly netlab: NetLabController,
  ) {
    ws.on('message', (data, isBinary) => this.onMessage(isBinary ? null : data.toString()));
    ws.on('close', () => this.unsubscribe?.());
  }

  private send(message: BridgeMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }

  private problem(error: WireError): void {
    this.send({ type: 'problem', error });
  }

  private onMessage(text: string | null): void {
    if (text === null) {
      this.problem({ code: 'BAD_MESSAGE', message: 'binary messages are not part of the protocol' });
      return;
    }
    const parsed = parseMessage(PageCommand, text);
    if (!parsed.ok) {
      const reqId = parsed.error.context?.reqId;
      // With a reqId the page is waiting for a reply: answer it rather than leave it hanging.
      if (typeof reqId === 'string') this.send({ type: 'reply', reqId, ok: false, error: parsed.error });
      else this.problem(parsed.error);
      return;
    }
    const command = parsed.value;
    if (command.type === 'hello') {
      this.onHello(command);
      return;
    }
    if (!this.greeted) {
      this.send({ type: 'reply', reqId: command.reqId, ok: false, error: { code: 'HELLO_FIRST', message: `got ${command.type} before hello` } });
      return;
    }
    if (command.type === 'netlab.start' || command.type === 'netlab.stop' || command.type === 'netlab.matrix') {
      void this.runNetLab(command).then((reply) => this.send(reply));
      return;
    }
    void this.session.run(command).then((reply) => this.send(reply));
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
      this.send({ type: 'events', events: events.slice(i, i + REPLAY_BATCH) });
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
    if (events.length > 0 && this.ws.bufferedAmount < MAX_BUFFERED_BYTES) this.send({ type: 'events', events });
    if (this.pendingState) {
      this.send({ type: 'state', state: this.pendingState });
      this.pendingState = undefined;
    }
  }
}
