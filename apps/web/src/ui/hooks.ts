import type { SequencedLabEvent } from '@socket-playground/protocol';
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { asFrameWork } from '../bench-hook.ts';
import type { BridgeConnection } from '../bridge/bridge-connection.ts';
import type { Store } from '../bridge/store.ts';
import type { ViewStore } from './view-store.ts';

/** The page's one bridge connection, created in main.tsx outside React (StrictMode-safe). */
export const ConnectionContext = createContext<BridgeConnection | null>(null);

export function useConnection(): BridgeConnection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('useConnection() outside <ConnectionContext>');
  // The event log changes with every message from the bridge (hundreds a second under load):
  // whoever shows it re-renders at most once per animation frame.
  perFrame(connection.events);
  return connection;
}

/** Subscriptions to these stores are told of changes at most once per animation frame. */
const perFrameStores = new WeakMap<Store<unknown>, (listener: () => void) => () => void>();

/**
 * Mark a store whose changes React may take once per frame rather than once per change: many
 * changes in one frame become one render, just before the frame is painted. Only for what is
 * shown, never for the value of an input (a controlled input must re-render at once).
 */
export function perFrame<T>(store: Store<T>): void {
  if (perFrameStores.has(store as Store<unknown>)) return;
  perFrameStores.set(store as Store<unknown>, frameBatched(store.subscribe));
}

/** `subscribe`, with the listener called at most once per frame (after the changes of that frame). */
export function frameBatched(subscribe: (listener: () => void) => () => void, schedule: FrameScheduler = browserFrames): (listener: () => void) => () => void {
  return (listener) => {
    let pending: unknown = null;
    const unsubscribe = subscribe(() => {
      if (pending !== null) return;
      pending = schedule.request(() => {
        pending = null;
        listener();
      });
    });
    return () => {
      if (pending !== null) schedule.cancel(pending);
      pending = null;
      unsubscribe();
    };
  };
}

export interface FrameScheduler {
  request(callback: () => void): unknown;
  cancel(handle: unknown): void;
}

/** requestAnimationFrame where there is one (a hidden tab gets none: it renders when shown again). */
const browserFrames: FrameScheduler =
  typeof requestAnimationFrame === 'function'
    ? { request: (callback) => requestAnimationFrame(() => asFrameWork(callback)), cancel: (handle) => cancelAnimationFrame(handle as number) }
    : { request: (callback) => setTimeout(callback, 16), cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) };

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(perFrameStores.get(store as Store<unknown>) ?? store.subscribe, store.get);
}

/** The current time, refreshed every `intervalMs` while `active` (for countdowns). */
export function useNow(active: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [active, intervalMs]);
  return now;
}

/** What the learner is looking at (tab, selection, replay), shared across the page. */
export const ViewContext = createContext<ViewStore | null>(null);

export function useView(): ViewStore {
  const view = useContext(ViewContext);
  if (!view) throw new Error('useView() outside <ViewContext>');
  return view;
}

export interface EventSource {
  entries: readonly SequencedLabEvent[];
  originTs: number | null;
  /** False while a saved session is replayed: nothing new will come. */
  live: boolean;
}

/** The events to show: the loaded session's while one is replayed, else the bridge's. */
export function useEventSource(): EventSource {
  const connection = useConnection();
  const log = useStore(connection.events);
  const { loaded } = useStore(useView().state);
  return useMemo(() => {
    if (!loaded) return { entries: log.entries, originTs: log.originTs, live: true };
    return { entries: loaded.events, originTs: loaded.events[0]?.event.ts ?? null, live: false };
  }, [loaded, log.entries, log.originTs]);
}
