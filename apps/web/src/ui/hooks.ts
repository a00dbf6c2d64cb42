import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { BridgeConnection } from '../bridge/bridge-connection.ts';
import type { Store } from '../bridge/store.ts';

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
