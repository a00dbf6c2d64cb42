import { performance } from 'node:perf_hooks';
import type { MessagePort } from 'node:worker_threads';
import type { Endpoint, LabEvent, StepCall } from '@socket-playground/protocol';
import { familyOf } from '../address.ts';
import { BlockingIo } from './blocking-io.ts';
import { CONTROL, type StepWorkerData, type WorkerMessage } from './worker-messages.ts';

type EventBody = { [K in LabEvent['call']]: Omit<Extract<LabEvent, { call: K }>, 'ts' | 'labHost' | 'owner'> }[LabEvent['call']];

/**
 * The worker side of step mode: waits for the learner between calls (the thread really blocks
 * in Atomics.wait, so its event loop does nothing and the kernel does all the queueing), and
 * reports calls as lab events.
 */
export class StepGate {
  readonly control: Int32Array;
  readonly io: BlockingIo;
  private consumed = 0;
  private nextSocket = 1;

  constructor(
    private readonly data: StepWorkerData,
    private readonly port: MessagePort,
  ) {
    this.control = new Int32Array(data.control);
    this.io = new BlockingIo(this.control);
  }

  post(message: WorkerMessage): void {
    this.port.postMessage(message);
  }

  socketId(): string {
    return `${this.data.stepperId}-s${this.nextSocket++}`;
  }

  emit(body: EventBody, data?: Buffer): void {
    const event = { ...body, ts: performance.timeOrigin + performance.now(), labHost: this.data.labHost, owner: this.data.stepperId } as LabEvent;
    this.post(data ? { type: 'event', event, data: new Uint8Array(data) } : { type: 'event', event });
  }

  /** Block this thread until the learner asks for `next` (or, when running, a short pause). */
  waitFor(next: StepCall): void {
    this.post({ type: 'waiting', next });
    for (;;) {
      this.io.checkStop();
      if (Atomics.load(this.control, CONTROL.running) === 1) {
        this.io.sleep(this.data.runDelayMs);
        this.io.checkStop();
        break;
      }
      if (Atomics.load(this.control, CONTROL.steps) > this.consumed) {
        this.consumed++;
        break;
      }
      // Wake on a step, run or stop (they all notify the steps slot); re-check every 250 ms anyway.
      Atomics.wait(this.control, CONTROL.steps, this.consumed, 250);
    }
    this.post({ type: 'busy' });
  }


  finished(): void {
    this.post({ type: 'waiting', next: null });
  }

  get bufsize(): number {
    return Atomics.load(this.control, CONTROL.bufsize);
  }

  preview(data: Buffer): string {
    return data.subarray(0, this.data.previewBytes).toString('base64');
  }
}

export function endpoint(address: string | undefined, port: number | undefined): Endpoint | undefined {
  return address !== undefined && port !== undefined ? { address, port, family: familyOf(address) } : undefined;
}
