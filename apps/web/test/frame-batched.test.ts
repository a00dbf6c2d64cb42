import { describe, expect, it } from 'vitest';
import { Store } from '../src/bridge/store.ts';
import { frameBatched, type FrameScheduler } from '../src/ui/hooks.ts';

/** Frames the test runs by hand. */
function manualFrames(): FrameScheduler & { run(): void; pending(): number } {
  let queue = new Map<number, () => void>();
  let next = 1;
  return {
    request: (callback) => {
      queue.set(next, callback);
      return next++;
    },
    cancel: (handle) => void queue.delete(handle as number),
    run() {
      const now = queue;
      queue = new Map();
      for (const cb of now.values()) cb();
    },
    pending: () => queue.size,
  };
}

describe('frameBatched', () => {
  it('tells the listener once per frame however many changes, and the latest value is read', () => {
    const store = new Store(0);
    const frames = manualFrames();
    const seen: number[] = [];
    const unsubscribe = frameBatched(store.subscribe, frames)(() => seen.push(store.get()));
    for (let i = 1; i <= 100; i++) store.set(i);
    expect(seen).toEqual([]);
    expect(frames.pending()).toBe(1);
    frames.run();
    expect(seen).toEqual([100]);
    frames.run();
    expect(seen).toEqual([100]);
    store.set(101);
    frames.run();
    expect(seen).toEqual([100, 101]);
    unsubscribe();
  });

  it('unsubscribing cancels a pending frame', () => {
    const store = new Store(0);
    const frames = manualFrames();
    const seen: number[] = [];
    const unsubscribe = frameBatched(store.subscribe, frames)(() => seen.push(store.get()));
    store.set(1);
    unsubscribe();
    expect(frames.pending()).toBe(0);
    frames.run();
    store.set(2);
    frames.run();
    expect(seen).toEqual([]);
  });
});
