import { Worker } from 'node:worker_threads';
import { LabEvent, LIMITS, type Endpoint, type StepCall, type StepperInfo, type WireError } from '@socket-playground/protocol';
import type { AgentContext } from '../agent-context.ts';
import { checkPort, scopeOf } from '../address.ts';
import { chooseDestination } from '../dial.ts';
import { resolveHost } from '../resolve.ts';
import { playgroundError } from '../wire-error.ts';
import { LISTEN, readKernelSocketsShared, sameEndpoint, toConnection } from './kernel-probe.ts';
import { CONTROL, CONTROL_SLOTS, type StepWorkerData, type WorkerMessage } from './worker-messages.ts';

const WORKER_URL = new URL('./step-worker-boot.mjs', import.meta.url);


/** Auto-run pace: slow enough to follow, fast enough not to bore. */
const RUN_DELAY_MS = 300;
/** How often the kernel view is refreshed while a program lives. */
const PROBE_INTERVAL_MS = 100;

export type StepperRequest =
  | {
      program: 'blocking-echo-server';
      host: string;
      port: number | string;
      backlog: number;
      bufsize: number;
      exposeConfirmed: boolean;
      /** Auto-run pace (demonstrations run faster than a learner follows by eye). */
      runDelayMs?: number;
    }
  | { program: 'echo-client'; host: string; port: number | string; message: string; bufsize: number };

export type StepperCreated = { ok: true; stepper: Stepper } | { ok: false; error: WireError };

/**
 * A program run one real call at a time in a worker thread (see step-worker.ts). This side
 * validates the request, counts the learner's steps into shared memory, relays the worker's
 * events, and measures the kernel's view of its sockets.
 */
export class Stepper {
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private readonly probeTimer: NodeJS.Timeout;
  private next: StepCall | null = null;
  private waiting = false;
  private blockedIn: StepperInfo['blockedIn'] = null;
  private listening: Endpoint | undefined;
  private connection: { local: Endpoint; remote: Endpoint } | undefined;
  private kernel: StepperInfo['kernel'];
  /** The program ended (its thread exited, or it said it has nothing left to do). */
  private finished = false;
  /** Sockets the events say are open, so a reset can report their close (the thread dies with them). */
  private readonly openSockets = new Map<string, { role: 'listener' | 'accepted' | 'client'; local?: Endpoint; remote?: Endpoint; sent: number; received: number }>();
  private lastKernelJson = '';

  private constructor(
    private readonly ctx: AgentContext,
    readonly stepperId: string,
    private readonly request: StepperRequest,
    workerData: Omit<StepWorkerData, 'control'>,
  ) {
    Atomics.store(this.control, CONTROL.bufsize, request.bufsize);
    this.worker = new Worker(WORKER_URL, {
      workerData: { ...workerData, control: this.control.buffer },
    });
    this.worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    this.worker.on('error', (err) => {
      const error = playgroundError('STEP_WORKER_FAILED', err.message);
      ctx.emit({ ts: ctx.now(), labHost: ctx.labHost, socketId: '-', owner: stepperId, role: 'listener', call: 'error', failedCall: 'socket', error });
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    void this.exited.then(() => this.markFinished());
    this.probeTimer = setInterval(() => this.probe(), PROBE_INTERVAL_MS);
    this.probeTimer.unref();
  }

  static async create(ctx: AgentContext, request: StepperRequest): Promise<StepperCreated> {
    // Step mode calls recv()/send() on the socket's file descriptor, which Node exposes on Unix only.
    if (process.platform === 'win32') {
      return { ok: false, error: playgroundError('STEP_UNSUPPORTED', 'step mode needs Unix file descriptors', { platform: process.platform }) };
    }
    const isServer = request.program === 'blocking-echo-server';
    const context = { host: request.host, port: request.port };
    const port = checkPort(request.port, { allowZero: isServer });
    if (!port.ok) return { ok: false, error: playgroundError('INVALID_PORT', 'port out of range or not a whole number', context) };
    let target: { address: string; family: 'IPv4' | 'IPv6' } | undefined;
    if (isServer) {
      const resolved = await resolveHost(request.host, { emptyMeansAny: true });
      if (!resolved.ok) return { ok: false, error: resolved.error };
      target = resolved.addresses[0];
    } else {
      // The same choice as every other client (dial): resolve once, check, dial exactly that address.
      const destination = await chooseDestination(request.host, port.port, ctx.extraDestinations);
      if (!destination.ok) return { ok: false, error: destination.error };
      target = destination;
    }
    if (!target) return { ok: false, error: playgroundError('INVALID_ADDRESS', 'the host has no address', context) };
    if (request.program === 'blocking-echo-server' && scopeOf(target.address) !== 'loopback' && !request.exposeConfirmed && !ctx.isolated) {
      return { ok: false, error: playgroundError('EXPOSE_NOT_CONFIRMED', 'binding beyond loopback needs confirmation', context) };
    }
    const stepperId = ctx.nextId('step');
    const stepper = new Stepper(ctx, stepperId, request, {
      program: request.program,
      stepperId,
      labHost: ctx.labHost,
      address: target.address,
      family: target.family,
      extraDestinations: [...ctx.extraDestinations],
      port: port.port,
      requestedHost: request.host,
      backlog: request.program === 'blocking-echo-server' ? request.backlog : 0,
      message: request.program === 'echo-client' ? request.message : '',
      runDelayMs: (request.program === 'blocking-echo-server' ? request.runDelayMs : undefined) ?? RUN_DELAY_MS,
      previewBytes: LIMITS.previewBytes,
    });
    return { ok: true, stepper };
  }

  private onMessage(m: WorkerMessage): void {
    switch (m.type) {
      case 'event': {
        // Crossed a thread boundary: believe it only once it matches the schema.
        const parsed = LabEvent.safeParse(m.event);
        if (!parsed.success) return;
        const event = parsed.data;
        if (m.data && m.data.length > LIMITS.previewBytes && (event.call === 'send' || event.call === 'recv')) {
          const dataId = this.ctx.bytes.put(Buffer.from(m.data));
          if (dataId) event.dataId = dataId;
        }
        this.track(event);
        this.ctx.emit(event);
        return;
      }
      case 'waiting':
        this.next = m.next;
        this.waiting = m.next !== null;
        this.blockedIn = null;
        if (m.next === null) this.finished = true;
        break;
      case 'blocked':
        this.blockedIn = m.call;
        this.waiting = false;
        break;
      case 'busy':
        this.waiting = false;
        this.blockedIn = null;
        break;
      case 'listening':
        this.listening = m.local;
        break;
      case 'connection':
        this.connection = m.remote ? { local: m.local, remote: m.remote } : undefined;
        break;
    }
    this.ctx.stateChanged();
  }

  private track(event: LabEvent): void {
    const known = this.openSockets.get(event.socketId);
    if (event.call === 'socket') this.openSockets.set(event.socketId, { role: event.role, sent: 0, received: 0 });
    else if (event.call === 'accept') this.openSockets.set(event.newSocketId, { role: 'accepted', local: event.local, remote: event.remote, sent: 0, received: 0 });
    else if (event.call === 'close') this.openSockets.delete(event.socketId);
    else if (known) {
      if (event.local) known.local = event.local;
      if (event.remote) known.remote = event.remote;
      if (event.call === 'send') known.sent += event.bytes;
      if (event.call === 'recv') known.received += event.bytes;
    }
  }

  /** After the thread is gone: its sockets closed with it; say so, as the learner's reset did it. */
  private reportResetCloses(): void {
    for (const [socketId, s] of this.openSockets) {
      this.ctx.emit({
        ts: this.ctx.now(),
        labHost: this.ctx.labHost,
        socketId,
        owner: this.stepperId,
        role: s.role,
        ...(s.local ? { local: s.local } : {}),
        ...(s.remote ? { remote: s.remote } : {}),
        call: 'close',
        reason: 'local',
        bytesSent: s.sent,
        bytesReceived: s.received,
      });
    }
    this.openSockets.clear();
  }

  /** Perform one call, if the program is waiting for the learner. */
  step(): WireError | undefined {
    if (this.finished) return playgroundError('STEP_FINISHED', 'the program has finished', { stepperId: this.stepperId });
    if (!this.waiting) {
      return playgroundError('STEP_BUSY', 'a call is still in progress', { stepperId: this.stepperId, call: this.blockedIn ?? 'starting' });
    }
    this.waiting = false;
    this.wake(CONTROL.steps, Atomics.load(this.control, CONTROL.steps) + 1);
    return undefined;
  }

  setRunning(running: boolean): void {
    this.wake(CONTROL.running, running ? 1 : 0);
    this.ctx.stateChanged();
  }

  setBufsize(bufsize: number): void {
    Atomics.store(this.control, CONTROL.bufsize, bufsize);
    this.ctx.stateChanged();
  }

  private wake(slot: number, value: number): void {
    Atomics.store(this.control, slot, value);
    Atomics.notify(this.control, CONTROL.steps);
    Atomics.notify(this.control, CONTROL.sleep);
  }

  private markFinished(): void {
    this.finished = true;
    this.next = null;
    this.waiting = false;
    this.blockedIn = null;
    clearInterval(this.probeTimer);
    this.ctx.stateChanged();
  }

  /** Reset: stop the worker wherever it is and close its sockets. */
  async stop(): Promise<void> {
    clearInterval(this.probeTimer);
    this.wake(CONTROL.stop, 1);
    this.worker.postMessage({ type: 'stop' });
    const timer = setTimeout(() => void this.worker.terminate(), 1000);
    await this.exited;
    clearTimeout(timer);
    this.reportResetCloses();
  }

  /** Refresh the kernel view; announce a change only when something moved. */
  private probe(): void {
    // Half the probe interval: each program still sees the kernel at most 50 ms late.
    const sockets = readKernelSocketsShared(PROBE_INTERVAL_MS / 2);
    if (!sockets) {
      this.kernel = undefined;
      return;
    }
    const served = this.connection;
    const own = served ? sockets.find((s) => s.stateCode !== LISTEN && sameEndpoint(s.local, served.local) && sameEndpoint(s.remote, served.remote)) : undefined;
    const listening = this.listening;
    const queued = listening
      ? sockets.filter(
          (s) =>
            s.stateCode !== LISTEN &&
            s.local.port === listening.port &&
            (s.state === 'ESTABLISHED' || s.state === 'CLOSE_WAIT' || s.state === 'SYN_RECV') &&
            !(served && sameEndpoint(s.remote, served.remote)),
        )
      : [];
    const kernel = { acceptQueue: queued.map(toConnection), ...(own ? { connection: toConnection(own) } : {}) };
    const json = JSON.stringify(kernel);
    if (json !== this.lastKernelJson) {
      this.lastKernelJson = json;
      this.kernel = kernel;
      this.ctx.stateChanged();
    }
  }

  info(): StepperInfo {
    const r = this.request;
    return {
      stepperId: this.stepperId,
      labHost: this.ctx.labHost,
      program: r.program,
      next: this.next,
      blockedIn: this.blockedIn,
      running: Atomics.load(this.control, CONTROL.running) === 1,
      finished: this.finished,
      bufsize: Atomics.load(this.control, CONTROL.bufsize),
      target: { host: r.host, port: Number(r.port) },
      ...(r.program === 'blocking-echo-server' ? { backlog: r.backlog } : {}),
      ...(this.listening ? { listening: this.listening } : {}),
      ...(this.connection ? { connection: this.connection } : {}),
      ...(this.kernel ? { kernel: this.kernel } : {}),
    };
  }
}
