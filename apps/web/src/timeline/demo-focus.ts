import type { DemoSummary } from '@socket-playground/protocol';
import { fitView, type TimeView } from './time-view.ts';
import type { StreamConnection, StreamModel } from './stream-types.ts';

/**
 * What a demonstration did, found in the byte streams: its connections and the time they span.
 * The demonstrations run on the lab host "local"; their client sockets are owned by the names
 * the summary implies ("demo3", "demo3-b1"…"demo3-b20", "demo3-c1"…), the same names the result
 * card prints (demo-sentences.ts `ownersText`). Pure: the Bytes tab turns it into a filter and a
 * time window, and says plainly when the page no longer holds the demonstration's events.
 */

/** The lab host every demonstration runs on (`demo.run` without a labHost). */
export const DEMO_LAB_HOST = 'local';

/**
 * Whether the page still holds the demonstration's events: all of them, only the newer part
 * (the page's ring, or the bridge, let go of the older ones), or none at all.
 */
export type DemoHeld = 'all' | 'part' | 'none';

export interface DemoFocus {
  demoId: string;
  /** The demonstration's connections still in the model, in the model's order. */
  conns: readonly string[];
  /** The connection to narrow to: the only one that carried bytes, or the one that matters most; null shows them all. */
  primary: string | null;
  /** First to last event of those connections (the timeline's `t`), or null when none is held. */
  span: { first: number; last: number } | null;
  held: DemoHeld;
}

export interface DemoFocusOptions {
  labHost?: string;
  /** The bridge that ran the demonstration is gone (it restarted): its events went with it. */
  bridgeChanged?: boolean;
}

/** Demonstrations whose story is one conversation: the client owned by the demonstration's own id. */
const ONE_CONVERSATION: ReadonlySet<DemoSummary['demo']> = new Set(['recv-bufsize', 'byte-stream', 'sendall']);

const numbered = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** The owners of the demonstration's client sockets. */
export function demoOwners(summary: DemoSummary): ReadonlySet<string> {
  const id = summary.demoId;
  switch (summary.demo) {
    case 'many-clients':
      return new Set(summary.runs.flatMap((r) => numbered(`${id}-${r.server === 'blocking' ? 'b' : 'e'}`, r.clients)));
    case 'backlog':
      return new Set(numbered(`${id}-c`, summary.clients));
    default:
      return new Set([id]);
  }
}

/**
 * Clients that surely made a connection (their echo came back, or they moved bytes): if fewer
 * are found, the page no longer holds them all. Clients that failed may never have connected.
 */
function surelyConnected(summary: DemoSummary): number {
  switch (summary.demo) {
    case 'many-clients':
      return summary.runs.reduce((n, r) => n + r.completed, 0);
    case 'backlog':
      return summary.served;
    default:
      return 1;
  }
}

const ownerOf = (c: StreamConnection, owners: ReadonlySet<string>, labHost: string): string | null => {
  for (const end of [c.a, c.b]) if (end && end.labHost === labHost && owners.has(end.owner)) return end.owner;
  return null;
};

const bytesOf = (c: StreamConnection): number => c.blocks.reduce((n, b) => n + b.bytes, 0);

const NONE = (demoId: string): DemoFocus => ({ demoId, conns: [], primary: null, span: null, held: 'none' });

/** Where the demonstration of `summary` is in `model`, and how much of it the page still holds. */
export function demoFocus(summary: DemoSummary, model: StreamModel, options: DemoFocusOptions = {}): DemoFocus {
  const { labHost = DEMO_LAB_HOST, bridgeChanged = false } = options;
  if (bridgeChanged) return NONE(summary.demoId);
  const owners = demoOwners(summary);
  const found: StreamConnection[] = [];
  const clients = new Set<string>();
  for (const c of model.connections) {
    const owner = ownerOf(c, owners, labHost);
    if (owner === null) continue;
    found.push(c);
    clients.add(owner);
  }
  if (found.length === 0) return NONE(summary.demoId);

  let first = Infinity;
  let last = -Infinity;
  let cut = false;
  for (const c of found) {
    first = Math.min(first, c.firstT);
    last = Math.max(last, c.lastT);
    if (wasCut(c, model)) cut = true;
  }
  const held: DemoHeld = cut || clients.size < surelyConnected(summary) ? 'part' : 'all';
  return { demoId: summary.demoId, conns: found.map((c) => c.id), primary: primaryOf(summary, found), span: { first, last }, held };
}

/**
 * Whether the oldest events of a connection are gone. Its client's socket() comes before any event
 * of the connection, so one that starts at the oldest event the model holds was cut; and every
 * direction's first send and first recv are at stream offset 0 unless the ones before are gone.
 */
function wasCut(c: StreamConnection, model: StreamModel): boolean {
  if (c.firstSeq <= model.firstSeq) return true;
  return c.dirs.some((d) => (d.sends[0]?.offset ?? 0) > 0 || (d.recvs[0]?.offset ?? 0) > 0);
}

function primaryOf(summary: DemoSummary, found: readonly StreamConnection[]): string | null {
  const carrying = found.filter((c) => c.blocks.length > 0);
  if (carrying.length === 1) return carrying[0]!.id;
  if (!ONE_CONVERSATION.has(summary.demo)) return null;
  // The demonstration's own conversation: its client's connection that moved the most bytes.
  let best: StreamConnection | null = null;
  for (const c of carrying) if (c.a?.owner === summary.demoId && (!best || bytesOf(c) > bytesOf(best))) best = c;
  return best?.id ?? null;
}

/** The time window that shows the demonstration from its first event to its last, or null when none is held. */
export function demoView(focus: DemoFocus): TimeView | null {
  return focus.span ? fitView(focus.span.first, focus.span.last) : null;
}
