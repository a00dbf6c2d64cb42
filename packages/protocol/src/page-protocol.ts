import { z } from 'zod';
import { ReqId, WireError } from './common.ts';
import { LabCommand, Reply } from './lab-command.ts';
import { BindChoice, Topology } from './topology.ts';

import { SequencedLabEvent } from './lab-event.ts';
import { LabState } from './lab-state.ts';

/** Page → bridge. The first message on every WebSocket is `hello`. */
export const Hello = z.object({
  type: z.literal('hello'),
  protocol: z.number().int(),
  /** What the page already has, so the bridge replays only what is missing. */
  resume: z.object({ bridgeId: z.string().max(64), lastSeq: z.number().int().min(0) }).optional(),
});
/** Commands for the who-can-connect lab, handled by the bridge itself (they span several hosts). */
export const NetLabStart = z.object({ type: z.literal('netlab.start'), reqId: ReqId, topology: Topology.optional() });
export const NetLabStop = z.object({ type: z.literal('netlab.stop'), reqId: ReqId });
/** Start the server(s) on `serverHost` with this bind, have every host try every target, stop them. */
export const NetLabMatrix = z.object({
  type: z.literal('netlab.matrix'),
  reqId: ReqId,
  serverHost: z.string().default('pc1'),
  bind: BindChoice,
  /**
   * Single-host mode: the learner agreed that, for the run, the server may listen on this machine's
   * real cards (reachable from its network) and probes may connect to them. Ignored in the namespace lab.
   */
  useRealCards: z.boolean().default(false),
});

export const PageCommand = z.discriminatedUnion('type', [Hello, ...LabCommand.options, NetLabStart, NetLabStop, NetLabMatrix]);
export type PageCommand = z.infer<typeof PageCommand>;
export type PageCommandInput = z.input<typeof PageCommand>;

/** Bridge → page. */
export const Welcome = z.object({
  type: z.literal('welcome'),
  protocol: z.number().int(),
  /** Changes whenever the bridge restarts; sequence numbers restart with it. */
  bridgeId: z.string(),
  /** Host agents in this session (one, "local", until the multi-host lab). */
  labHosts: z.array(z.string()),
  state: LabState,
  /** True when the page's resume point still fits in the replay buffer (events follow). */
  resumed: z.boolean(),
  /** Events the page missed that the bridge no longer holds. */
  dropped: z.number().int().min(0),
  /** Sequence number of the newest event the bridge has produced. */
  lastSeq: z.number().int().min(0),
  /** Whether this bridge runs as root (privileged ports then bind without EACCES). */
  privileged: z.boolean(),
});
export const EventBatch = z.object({ type: z.literal('events'), events: z.array(SequencedLabEvent) });
export const StateUpdate = z.object({ type: z.literal('state'), state: LabState });
/** A message the bridge could not act on (malformed, unknown, too early); no reply id known. */
export const Problem = z.object({ type: z.literal('problem'), error: WireError });

/**
 * The page fell behind (stopped reading while events poured in): the bridge dropped events
 * `fromSeq`..`toSeq` (`dropped` of them) instead of queueing them without bound. Sent once the page
 * has caught up, before any later event, with the lab state as it is now.
 */
export const Gap = z.object({
  type: z.literal('gap'),
  fromSeq: z.number().int().min(1),
  toSeq: z.number().int().min(1),
  dropped: z.number().int().min(1),
  state: LabState,
});
export type Gap = z.infer<typeof Gap>;

export const BridgeMessage = z.union([Welcome, EventBatch, StateUpdate, Gap, Problem, Reply]);
export type BridgeMessage = z.infer<typeof BridgeMessage>;
export type Welcome = z.infer<typeof Welcome>;
