/**
 * A tiny observable value, shaped for React's useSyncExternalStore: `get` returns the same
 * object until `set` replaces it, so React re-renders only when something really changed.
 */
export class Store<T> {
  private value: T;
  private readonly listeners = new Set<() => void>();

  constructor(initial: T) {
    this.value = initial;
  }

  readonly get = (): T => this.value;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  set(next: T): void {
    if (Object.is(next, this.value)) return;
    this.value = next;
    // Copy: a listener may unsubscribe while we iterate.
    for (const listener of [...this.listeners]) listener();
  }

  update(change: (current: T) => T): void {
    this.set(change(this.value));
  }
}

/**
 * Picks a part of a store's values and keeps handing back the same part until it really changes
 * (by `equal`): a stable snapshot for useSyncExternalStore, so a component that needs one flag of
 * a value that changes 50 times a second (the lab state's byte counts) re-renders only for the flag.
 */
export class StablePick<T, S> {
  private last: { from: T; picked: S } | null = null;

  pick(from: T, select: (value: T) => S, equal: (a: S, b: S) => boolean): S {
    const prev = this.last;
    if (prev && prev.from === from) return prev.picked;
    const picked = select(from);
    this.last = { from, picked: prev && equal(prev.picked, picked) ? prev.picked : picked };
    return this.last.picked;
  }
}

/** Equal when both serialise the same (small plain data from the bridge, like the steppers list). */
export const sameJson = <S>(a: S, b: S): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);
