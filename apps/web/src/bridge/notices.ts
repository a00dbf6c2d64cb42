import type { WireError } from '@socket-playground/protocol';
import { explain } from './page-errors.ts';
import { Store } from './store.ts';

/** One error as the learner sees it: explained, with the raw errno details kept for the curious. */
export interface Notice {
  id: number;
  /** In English; the page explains `error` again in the learner's language when it shows it. */
  title: string;
  why: string;
  error: Pick<WireError, 'code' | 'message' | 'context'>;
  code: string;
  syscall?: string;
  errno?: number;
  /** Where it came from: a failed command ("Start server") or the bridge itself. */
  source: string;
  at: number;
}

/** The last few errors, newest first. Older ones fall off: the event list keeps the history. */
export class NoticeList {
  readonly store = new Store<readonly Notice[]>([]);
  private nextId = 1;

  constructor(
    private readonly keep = 5,
    private readonly now: () => number = Date.now,
  ) {}

  push(error: WireError, source: string): Notice {
    const { title, why } = explain(error);
    const notice: Notice = {
      id: this.nextId++,
      title,
      why,
      error: { code: error.code, message: error.message, ...(error.context ? { context: error.context } : {}) },
      code: error.code,
      source,
      at: this.now(),
      ...(error.syscall !== undefined ? { syscall: error.syscall } : {}),
      ...(error.errno !== undefined ? { errno: error.errno } : {}),
    };
    this.store.update((list) => [notice, ...list].slice(0, this.keep));
    return notice;
  }

  dismiss(id: number): void {
    this.store.update((list) => list.filter((n) => n.id !== id));
  }

  clear(): void {
    this.store.set([]);
  }
}
