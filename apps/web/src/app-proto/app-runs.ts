import type { AppDone } from '@socket-playground/protocol';
import type { BridgeConnection } from '../bridge/bridge-connection.ts';
import { Store } from '../bridge/store.ts';

/** How many finished requests the page remembers (the lessons look only at the newest). */
const KEEP = 20;

/**
 * The application-protocol requests this page made, newest last: the Protocol tab adds each reply,
 * the lessons check their goals against them. One list per bridge connection.
 */
export class AppRuns {
  readonly runs = new Store<readonly AppDone[]>([]);

  add(done: AppDone): void {
    this.runs.update((runs) => [...runs, done].slice(-KEEP));
  }
}

const byConnection = new WeakMap<BridgeConnection, AppRuns>();

export function appRunsOf(connection: BridgeConnection): AppRuns {
  let runs = byConnection.get(connection);
  if (!runs) {
    runs = new AppRuns();
    byConnection.set(connection, runs);
  }
  return runs;
}
