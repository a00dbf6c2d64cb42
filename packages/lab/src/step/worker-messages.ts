import type { Endpoint, LabEvent, StepCall } from '@socket-playground/protocol';

/** Slots of the shared control array between the agent and a step worker. */
export const CONTROL = {
  /** Steps the learner asked for so far (the worker performs one call per increment). */
  steps: 0,
  /** 1 once the worker must stop. */
  stop: 1,
  /** recv's bufsize for the next recv. */
  bufsize: 2,
  /** 1 while auto-stepping ("run"). */
  running: 3,
  /** A slot nobody notifies: waiting on it is a plain sleep. */
  sleep: 4,
} as const;
export const CONTROL_SLOTS = 5;

export interface StepWorkerData {
  program: 'blocking-echo-server' | 'echo-client';
  stepperId: string;
  labHost: string;
  control: SharedArrayBuffer;
  /** An address already resolved and checked against policy by the agent. */
  address: string;
  family: 'IPv4' | 'IPv6';
  /** Lab hosts the client may reach besides loopback: the worker checks `address` again before connect(). */
  extraDestinations: string[];
  port: number;
  /** What the learner typed, for the bind/connect events. */
  requestedHost: string;
  backlog: number;
  /** Client only: the bytes to send. */
  message: string;
  /** Pause between calls while running, so a learner can follow. */
  runDelayMs: number;
  previewBytes: number;
}

/** Worker → agent. Events lack only `dataId`, which the agent adds when it keeps the bytes. */
export type WorkerMessage =
  | { type: 'event'; event: LabEvent; data?: Uint8Array }
  /** The worker waits for the learner before `next` (null: the program has finished). */
  | { type: 'waiting'; next: StepCall | null }
  /** A call is waiting in the kernel. */
  | { type: 'blocked'; call: 'accept' | 'recv' | 'connect' | 'send' }
  /** A call is being performed (not waiting for the learner, not blocked). */
  | { type: 'busy' }
  | { type: 'listening'; local: Endpoint }
  | { type: 'connection'; local: Endpoint; remote: Endpoint | undefined };
