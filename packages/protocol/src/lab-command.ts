import { z } from 'zod';
import { Endpoint, HostInput, Id, PortInput, ReqId, WireError } from './common.ts';
import { LabState } from './lab-state.ts';
import { DEFAULTS, LIMITS } from './limits.ts';
import { AppDone, AppRequestCommand } from './app-request.ts';
import { DemoRun, DemoSummary } from './demo.ts';
import { MatrixResult, NetLabState } from './topology.ts';

/**
 * Commands that act on a lab host. The page sends them to the bridge; the bridge forwards
 * them to the host agent named by `labHost` (default "local"), in process or over stdio.
 */
const target = { reqId: ReqId, labHost: z.string().min(1).max(32).default('local') };

export const ServerStart = z.object({
  ...target,
  type: z.literal('server.start'),
  host: HostInput,
  port: PortInput,
  backlog: z.number().int().min(0).max(65535),
  /** The learner confirmed in the page that other machines may reach this server. */
  exposeConfirmed: z.boolean().default(false),
  /** What it serves: an echo (the notes' first program, the default) or the application protocol (their third). */
  kind: z.enum(['echo', 'app']).optional(),
});
export const ServerStop = z.object({ ...target, type: z.literal('server.stop'), serverId: Id });
export const ClientRun = z.object({
  ...target,
  type: z.literal('client.run'),
  host: HostInput,
  port: PortInput,
  /** UTF-8 text to send; its byte length is checked against LIMITS.maxEchoMessageBytes by the lab. */
  message: z.string().max(64 * 1024),
  /** Give up on connect() after this long (ETIMEDOUT); without it the kernel retries for minutes. */
  connectTimeoutMs: z.number().int().min(50).max(60_000).optional(),
});
export const BytesGet = z.object({ ...target, type: z.literal('bytes.get'), dataId: Id });

const Bufsize = z.number().int().min(LIMITS.minRecvBufsize).max(LIMITS.maxRecvBufsize);

/** Create a stepped program. Nothing happens on the network until the first step. */
export const StepperStart = z.discriminatedUnion('program', [
  z.object({
    ...target,
    type: z.literal('stepper.start'),
    program: z.literal('blocking-echo-server'),
    host: HostInput,
    port: PortInput,
    backlog: z.number().int().min(0).max(65535),
    bufsize: Bufsize.default(DEFAULTS.recvBufsize),
    exposeConfirmed: z.boolean().default(false),
  }),
  z.object({
    ...target,
    type: z.literal('stepper.start'),
    program: z.literal('echo-client'),
    host: HostInput,
    port: PortInput,
    message: z.string().max(64 * 1024),
    bufsize: Bufsize.default(DEFAULTS.recvBufsize),
  }),
]);
/** Perform exactly one call. */
export const StepperStep = z.object({ ...target, type: z.literal('stepper.step'), stepperId: Id });
/** Keep stepping by itself (running: true) or wait for the learner again (false). */
export const StepperRun = z.object({ ...target, type: z.literal('stepper.run'), stepperId: Id, running: z.boolean() });
/** Change recv's bufsize for the next recv. */
export const StepperBufsize = z.object({ ...target, type: z.literal('stepper.bufsize'), stepperId: Id, bufsize: Bufsize });
/** Stop the program and close its sockets (reset). */
export const StepperStop = z.object({ ...target, type: z.literal('stepper.stop'), stepperId: Id });

export const LabCommand = z.discriminatedUnion('type', [
  ServerStart,
  ServerStop,
  ClientRun,
  BytesGet,
  StepperStart,
  StepperStep,
  StepperRun,
  StepperBufsize,
  StepperStop,
  DemoRun,
  AppRequestCommand,
]);
export type LabCommand = z.infer<typeof LabCommand>;
/** What a sender may write (defaults filled in on parse). */
export type LabCommandInput = z.input<typeof LabCommand>;

/** Results, one per command type. */
export const ReplyResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('server.started'), serverId: Id, listening: Endpoint, exposed: z.boolean() }),
  z.object({ kind: z.literal('server.stopped'), serverId: Id }),
  z.object({
    kind: z.literal('client.done'),
    clientId: Id,
    local: Endpoint,
    remote: Endpoint,
    /** Base64 of what came back. */
    received: z.string(),
    /** Whether what came back equals what was sent. */
    echoed: z.boolean(),
  }),
  z.object({ kind: z.literal('bytes'), dataId: Id, data: z.string().nullable() }),
  z.object({ kind: z.literal('stepper'), stepperId: Id }),
  z.object({ kind: z.literal('netlab'), netlab: NetLabState.nullable() }),
  z.object({ kind: z.literal('matrix'), matrix: MatrixResult }),
  z.object({ kind: z.literal('demo'), summary: DemoSummary }),
  AppDone,
]);
export type ReplyResult = z.infer<typeof ReplyResult>;

export const Reply = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('reply'), reqId: ReqId, ok: z.literal(true), result: ReplyResult }),
  z.object({ type: z.literal('reply'), reqId: ReqId, ok: z.literal(false), error: WireError }),
]);
export type Reply = z.infer<typeof Reply>;

export { LabState };

/** A command before the sender gave it a reqId (distributes over the union). */
export type LabCommandDraft = LabCommandInput extends infer C ? (C extends unknown ? Omit<C, 'reqId'> : never) : never;
