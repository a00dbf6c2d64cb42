import type { DemoSummary } from '@socket-playground/protocol';
import type { BridgeConnection } from '../../bridge/bridge-connection.ts';
import { Store } from '../../bridge/store.ts';
import { ByteFetcher } from '../../timeline/byte-fetcher.ts';
import { demoFocus, type DemoFocus } from '../../timeline/demo-focus.ts';
import { NO_FILTER, type StreamFilter } from '../../timeline/filters.ts';
import { StreamBuilder } from '../../timeline/stream-builder.ts';
import type { TimeView } from '../../timeline/time-view.ts';
import type { StreamModel } from '../../timeline/stream-types.ts';

/**
 * What the Bytes tab remembers while other tabs are shown: filters, the selected block, the
 * search, the time window, and the stream builders (one for the live log, one for a loaded
 * file), so coming back costs only the events that arrived meanwhile.
 */
export interface BytesUi {
  filter: StreamFilter;
  selectedSeq: number | null;
  query: string;
  /** Keep the newest blocks in view. */
  follow: boolean;
  /** The time window; null fits the whole session. */
  view: TimeView | null;
  /** What the inspector shows: the selected block, or the whole connection as a conversation. */
  panel: 'block' | 'stream' | 'frames';
  /** A demonstration the tab shows on its own (its result's "See it on the byte timeline"), or null. */
  demo: DemoTarget | null;
}

/** A demonstration to show, and the bridge that ran it (its events go when that bridge does). */
export interface DemoTarget {
  summary: DemoSummary;
  bridgeId: string | null;
}

/** Where a demonstration is in the byte streams; none of it when the bridge that ran it is gone. */
export function focusOfDemo(target: DemoTarget, model: StreamModel, bridgeNow: string | null): DemoFocus {
  return demoFocus(target.summary, model, { bridgeChanged: target.bridgeId !== null && target.bridgeId !== bridgeNow });
}

const INITIAL: BytesUi = { filter: NO_FILTER, selectedSeq: null, query: '', follow: true, view: null, panel: 'block', demo: null };

export class BytesSession {
  readonly ui = new Store<BytesUi>(INITIAL);
  readonly live = new StreamBuilder();
  readonly loaded = new StreamBuilder();
  readonly fetcher: ByteFetcher;
  private fetchedFor = -1;

  constructor(connection: BridgeConnection) {
    this.fetcher = new ByteFetcher(async (labHost, dataId) => {
      const reply = await connection.command({ type: 'bytes.get', dataId, labHost }, 'Load bytes');
      if (!reply.ok || reply.result.kind !== 'bytes') return { ok: false };
      return { ok: true, data: reply.result.data };
    });
  }

  /** Fetched bytes belong to one run of the bridge: forget them when the live model starts over. */
  fetchedForGeneration(generation: number): void {
    if (this.fetchedFor !== -1 && this.fetchedFor !== generation) this.fetcher.clear();
    this.fetchedFor = generation;
  }

  patch(patch: Partial<BytesUi>): void {
    this.ui.update((s) => ({ ...s, ...patch }));
  }

  setFilter(patch: Partial<StreamFilter>): void {
    this.ui.update((s) => ({ ...s, filter: { ...s.filter, ...patch } }));
  }

  select(seq: number | null): void {
    this.ui.update((s) => (s.selectedSeq === seq ? s : { ...s, selectedSeq: seq, panel: 'block' }));
  }

  /**
   * Show only a demonstration: its connections (the pane finds them by owner as events come), the
   * one that matters picked, the window fitted to its span and kept there. When the page no longer
   * holds its events, the filters are cleared and the pane says so.
   */
  showDemo(target: DemoTarget, focus: DemoFocus): void {
    const held = focus.held !== 'none';
    this.ui.update((s) => ({
      ...s,
      demo: target,
      filter: { host: null, dir: null, conn: focus.primary },
      selectedSeq: null,
      panel: 'block',
      view: held ? null : s.view,
      follow: held ? false : s.follow,
    }));
  }

  /** Back to every connection, the whole session in view. */
  leaveDemo(): void {
    this.ui.update((s) => ({ ...s, demo: null, filter: { ...s.filter, conn: null }, view: null }));
  }

  /** A window the learner chose (zoom, pan): panning stops following, zooming keeps it. */
  setView(view: TimeView | null, stopFollowing: boolean): void {
    this.ui.update((s) => ({ ...s, view, follow: stopFollowing ? false : s.follow }));
  }
}

const sessions = new WeakMap<BridgeConnection, BytesSession>();

/** The one Bytes session of a page's bridge connection. */
export function bytesSessionOf(connection: BridgeConnection): BytesSession {
  let session = sessions.get(connection);
  if (!session) {
    session = new BytesSession(connection);
    sessions.set(connection, session);
  }
  return session;
}
