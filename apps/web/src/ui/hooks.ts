import type { SequencedLabEvent } from '@socket-playground/protocol';
import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { BridgeConnection } from '../bridge/bridge-connection.ts';
import { StablePick, type Store } from '../bridge/store.ts';
import type { ViewStore } from './view-store.ts';

/** The page's one bridge connection, created in main.tsx outside React (StrictMode-safe). */
export const ConnectionContext = createContext<BridgeConnection | null>(null);

export function useConnection(): BridgeConnection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('useConnection() outside <ConnectionContext>');
  return connection;
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}

/**
 * The part of a store's value that `select` picks, re-rendering only when that part changes
 * (by `equal`, default Object.is). The lab state changes ~50 times a second in a busy lab (byte
 * counts): a component that needs one flag from it must not re-render, with its children, each time.
 */
export function useStoreSelect<T, S>(store: Store<T>, select: (value: T) => S, equal: (a: S, b: S) => boolean = Object.is): S {
  const [stable] = useState(() => new StablePick<T, S>());
  return useSyncExternalStore(store.subscribe, () => stable.pick(store.get(), select, equal));
}

const noSubscription = () => () => {};

/**
 * A store's value while `active`, else `idle` with no subscription: a panel that needs the event
 * log only in some states (step mode with programs running) does not re-render on every frame of
 * a busy lab otherwise.
 */
export function useStoreWhile<T>(store: Store<T>, active: boolean, idle: T): T {
  return useSyncExternalStore(active ? store.subscribe : noSubscription, active ? store.get : () => idle);
}

/**
 * `value`, changing at most every `intervalMs` (the last change always shows, at most that late).
 * For numbers that a busy lab changes every frame (the event count): unreadable at 60 a second,
 * and each change repaints the page around them.
 */
export function useThrottled<T>(value: T, intervalMs = 250): T {
  const [shown, setShown] = useState(value);
  const lastShown = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = lastShown.current + intervalMs - Date.now();
    const show = () => {
      lastShown.current = Date.now();
      setShown(value);
    };
    if (wait <= 0) {
      show();
      return;
    }
    const timer = window.setTimeout(show, wait);
    return () => window.clearTimeout(timer);
  }, [value, shown, intervalMs]);
  return shown;
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
