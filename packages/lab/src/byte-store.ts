/**
 * Full bytes of recent send/recv calls, so the page can ask for more than the preview.
 * Bounded by total size; the oldest chunks go first (Map keeps insertion order).
 */
export class ByteStore {
  private readonly chunks = new Map<string, Buffer>();
  private total = 0;
  private nextId = 1;

  constructor(
    private readonly capacityBytes: number,
    private readonly idPrefix = '',
  ) {}

  /** Keep a copy of `data`; returns its id, or undefined when it alone exceeds the capacity. */
  put(data: Buffer): string | undefined {
    return data.length > this.capacityBytes ? undefined : this.putOwned(Buffer.from(data));
  }

  /** Keep `data` itself (the caller made it and will not change it): no copy. */
  putOwned(data: Buffer): string | undefined {
    if (data.length > this.capacityBytes) return undefined;
    const id = `${this.idPrefix}d${this.nextId++}`;
    this.chunks.set(id, data);
    this.total += data.length;
    for (const [oldId, old] of this.chunks) {
      if (this.total <= this.capacityBytes) break;
      this.chunks.delete(oldId);
      this.total -= old.length;
    }
    return id;
  }

  get(id: string): Buffer | undefined {
    return this.chunks.get(id);
  }

  get sizeBytes(): number {
    return this.total;
  }
}
