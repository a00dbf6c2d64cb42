import type { LabState, PageCommandInput, SequencedLabEvent } from '@socket-playground/protocol';
import type { SocketFactory } from './socket.ts';

/** What the bridge connection publishes to the page, and what it can be given. */
export type Phase = 'connecting' | 'handshaking' | 'connected' | 'waiting' | 'stopped';

export interface CloseInfo {
  code: number;
  reason: string;
  /** The close in plain words. */
  text: string;
  /** Whether that socket had opened (a refused upgrade, e.g. HTTP 403, never opens). */
  opened: boolean;
}

export interface ConnectionStatus {
  phase: Phase;
  /** Reconnect attempts since the last welcome; shown as "attempt k". */
  attempt: number;
  /** When the scheduled retry fires (epoch ms), in phase 'waiting'. */
  retryAt: number | null;
  lastClose: CloseInfo | null;
  /** Whether any socket ever opened in this page's life. */
  everOpened: boolean;
  /** Consecutive sockets that closed without opening. */
  failedOpens: number;
}

export interface Session {
  bridgeId: string | null;
  privileged: boolean;
  labHosts: readonly string[];
  lab: LabState;
  /** Set when a welcome came from another bridgeId than before: the bridge restarted. */
  restarted: boolean;
}

export interface EventLog {
  entries: readonly SequencedLabEvent[];
  /** Older events the page let go of to stay within its ring. */
  discarded: number;
  /** Events the page never got: the bridge no longer had them. */
  missed: number;
  /** Timestamp of the first event from this bridge: the list's times count from it. */
  originTs: number | null;
  /** Every event the bridge had when it welcomed us is shown (or counted missed). Absent: not known. */
  historyLoaded?: boolean;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A lab or netlab command without its reqId: the connection assigns one. */
export type CommandInput = DistributiveOmit<Exclude<PageCommandInput, { type: 'hello' }>, 'reqId'>;

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface BridgeConnectionOptions {
  url: string;
  createSocket?: SocketFactory;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  /** Events kept in page memory. */
  capacity?: number;
  requestTimeoutMs?: number;
  /**
   * When new events reach `events`: by default at once (tests); the page passes its animation
   * frames, so many messages in one frame become one new snapshot, made just before that frame
   * is rendered. Anything else from the bridge (a reply, a state) first publishes what came before it.
   */
  frame?: (callback: () => void) => void;
}
