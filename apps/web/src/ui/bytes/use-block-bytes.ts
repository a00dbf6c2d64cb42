import { useEffect, useMemo, useState } from 'react';
import { base64ToBytes } from '../../format/bytes.ts';
import { ByteFetcher } from '../../timeline/byte-fetcher.ts';
import type { ByteBlock } from '../../timeline/stream-types.ts';
import { useStore } from '../hooks.ts';

export type BytesStatus =
  /** The preview holds every byte. */
  | 'whole'
  /** Fetched from the bridge with bytes.get. */
  | 'fetched'
  | 'loading'
  /** The bridge no longer holds them (it keeps the most recent few MiB). */
  | 'gone'
  /** The request failed (the bridge is away, …). */
  | 'failed'
  /** A saved session: only the previews are in the file. */
  | 'offline'
  /** No handle to fetch with. */
  | 'no-handle';

export interface BlockBytes {
  bytes: Uint8Array;
  status: BytesStatus;
}

/** A block's bytes: the preview at once, and all of them once fetched (fetching starts by itself when live). */
export function useBlockBytes(block: ByteBlock | null, fetcher: ByteFetcher, live: boolean): BlockBytes {
  useStore(fetcher.version);
  const [failed, setFailed] = useState<number | null>(null);
  const preview = useMemo(() => (block ? base64ToBytes(block.preview) : new Uint8Array(0)), [block]);
  const needs = block !== null && ByteFetcher.needsFetch(block);

  useEffect(() => {
    if (!block || !needs || !live || fetcher.get(block) !== undefined) return;
    let gone = false;
    void fetcher.fetch(block).then((got) => {
      if (!gone && got === undefined) setFailed(block.seq);
    });
    return () => {
      gone = true;
    };
  }, [block, needs, live, fetcher]);

  if (!block) return { bytes: preview, status: 'whole' };
  if (preview.length >= block.bytes) return { bytes: preview.subarray(0, block.bytes), status: 'whole' };
  // A saved session's data ids belong to a bridge run that is gone: only its previews count.
  if (!live) return { bytes: preview, status: 'offline' };
  const held = fetcher.get(block);
  if (held) return { bytes: held, status: 'fetched' };
  if (held === null) return { bytes: preview, status: 'gone' };
  if (block.dataId === undefined) return { bytes: preview, status: 'no-handle' };
  if (failed === block.seq) return { bytes: preview, status: 'failed' };
  return { bytes: preview, status: 'loading' };
}
