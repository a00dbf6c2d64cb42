import { performance } from 'node:perf_hooks';
import type { LabEvent } from '@socket-playground/protocol';
import { ByteStore } from './byte-store.ts';

/** What every server and client on a host agent shares: ids, clock, byte store and the event sink. */
export interface AgentContext {
  readonly labHost: string;
  /** CIDRs of lab hosts this agent may connect to, besides loopback. */
  readonly extraDestinations: readonly string[];
  /** A lab host in its own network namespace: binding beyond loopback exposes nothing real. */
  readonly isolated: boolean;
  readonly bytes: ByteStore;
  nextId(kind: 'srv' | 'cli' | 's' | 'step' | 'demo'): string;
  /** Epoch milliseconds with sub-millisecond precision. */
  now(): number;
  emit(event: LabEvent): void;
  /** Something in the snapshot (servers, connections) changed. */
  stateChanged(): void;
}

export function createAgentContext(options: {
  labHost: string;
  extraDestinations?: readonly string[];
  isolated?: boolean;
  retainedBytes: number;
  emit: (event: LabEvent) => void;
  stateChanged: () => void;
}): AgentContext {
  const counters = { srv: 0, cli: 0, s: 0, step: 0, demo: 0 };
  const prefix = options.labHost === 'local' ? '' : `${options.labHost}-`;
  return {
    labHost: options.labHost,
    extraDestinations: options.extraDestinations ?? [],
    isolated: options.isolated ?? false,
    bytes: new ByteStore(options.retainedBytes, prefix),
    nextId: (kind) => `${prefix}${kind}${++counters[kind]}`,
    now: () => performance.timeOrigin + performance.now(),
    emit: options.emit,
    stateChanged: options.stateChanged,
  };
}
