import { Store } from '../bridge/store.ts';
import { base64ToBytes } from '../format/bytes.ts';
import type { ByteBlock } from './stream-types.ts';

/**
 * All the bytes of a call, fetched from the bridge with `bytes.get` when its preview is not the
 * whole of it. Kept by `labHost/dataId`, at most `budget` bytes (oldest fetched go first); a
 * `null` answer means the bridge no longer holds them. `version` changes whenever something
 * arrives, for React. Requests for the same bytes are made once.
 */
export type FetchBytes = (labHost: string, dataId: string) => Promise<{ ok: true; data: string | null } | { ok: false }>;

export type Held = Uint8Array | null;

export class ByteFetcher {
  readonly version = new Store(0);
  private readonly held = new Map<string, Held>();
  private readonly inFlight = new Map<string, Promise<Held | undefined>>();
  private size = 0;
  /** Bumped by clear(): answers to requests made before it are dropped. */
  private epoch = 0;

  constructor(
    private readonly fetchBytes: FetchBytes,
    private readonly budget = 32 * 1024 * 1024,
  ) {}

  /** Whether a block needs fetching to be seen whole (its preview is shorter than it, and it has a handle). */
  static needsFetch(block: ByteBlock): boolean {
    return block.dataId !== undefined && block.bytes > 0 && base64Length(block.preview) < block.bytes;
  }

  /** The fetched bytes (null: gone from the bridge), or undefined when not fetched (yet). */
  get(block: ByteBlock): Held | undefined {
    if (block.dataId === undefined) return undefined;
    return this.held.get(keyOf(block.labHost, block.dataId));
  }

  /** For `assembleStream`: fetched bytes or null. */
  readonly bytesOf = (block: ByteBlock): Uint8Array | null => this.get(block) ?? null;

  /** Fetch a block's bytes (once); resolves to them, null if gone, undefined if the request failed. */
  fetch(block: ByteBlock): Promise<Held | undefined> {
    if (block.dataId === undefined) return Promise.resolve(undefined);
    const key = keyOf(block.labHost, block.dataId);
    const known = this.held.get(key);
    if (known !== undefined) return Promise.resolve(known);
    let pending = this.inFlight.get(key);
    if (!pending) {
      const epoch = this.epoch;
      pending = this.fetchBytes(block.labHost, block.dataId).then((reply) => {
        if (epoch !== this.epoch) return undefined;
        this.inFlight.delete(key);
        if (!reply.ok) return undefined;
        const bytes = reply.data === null ? null : base64ToBytes(reply.data);
        this.keep(key, bytes);
        return bytes;
      });
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** Forget everything (a restarted bridge numbers its data ids again). */
  clear(): void {
    this.epoch++;
    this.held.clear();
    this.inFlight.clear();
    this.size = 0;
    this.version.update((n) => n + 1);
  }

  /** Fetch every block that needs it, a few at a time, stopping past `maxBytes`. Returns how many are still not whole. */
  async fetchAll(blocks: readonly ByteBlock[], maxBytes = 8 * 1024 * 1024, parallel = 4): Promise<{ missing: number; skipped: number }> {
    const todo = blocks.filter((b) => ByteFetcher.needsFetch(b) && this.get(b) === undefined);
    let budget = maxBytes;
    const queue: ByteBlock[] = [];
    let skipped = 0;
    for (const b of todo) {
      if (b.bytes <= budget) {
        queue.push(b);
        budget -= b.bytes;
      } else skipped++;
    }
    let missing = skipped;
    const worker = async () => {
      for (let b = queue.shift(); b; b = queue.shift()) {
        const got = await this.fetch(b);
        if (!got) missing++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
    return { missing, skipped };
  }

  private keep(key: string, bytes: Held): void {
    const old = this.held.get(key);
    if (old) this.size -= old.length;
    this.held.delete(key);
    this.held.set(key, bytes);
    this.size += bytes?.length ?? 0;
    // A Map iterates oldest first: let the oldest fetches go once over budget.
    for (const [k, v] of this.held) {
      if (this.size <= this.budget) break;
      if (k === key) continue;
      this.size -= v?.length ?? 0;
      this.held.delete(k);
    }
    this.version.update((n) => n + 1);
  }
}

function keyOf(labHost: string, dataId: string): string {
  return `${labHost}/${dataId}`;
}

/** Decoded length of base64 text without decoding it. */
export function base64Length(b64: string): number {
  if (b64.length === 0) return 0;
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}
