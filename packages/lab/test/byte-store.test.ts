import { describe, expect, it } from 'vitest';
import { ByteStore } from '../src/byte-store.ts';

describe('ByteStore', () => {
  it('keeps copies, not views of buffers that may be reused', () => {
    const store = new ByteStore(100);
    const buf = Buffer.from('hello');
    const id = store.put(buf)!;
    buf.fill(0);
    expect(store.get(id)?.toString()).toBe('hello');
  });
  it('drops the oldest chunks to stay within capacity', () => {
    const store = new ByteStore(10, 'x-');
    const a = store.put(Buffer.alloc(4))!;
    const b = store.put(Buffer.alloc(4))!;
    const c = store.put(Buffer.alloc(4))!;
    expect(a).toBe('x-d1');
    expect(store.get(a)).toBeUndefined();
    expect(store.get(b)).toBeDefined();
    expect(store.get(c)).toBeDefined();
    expect(store.sizeBytes).toBe(8);
  });
  it('refuses a chunk larger than the whole store', () => {
    expect(new ByteStore(3).put(Buffer.alloc(4))).toBeUndefined();
  });
});
