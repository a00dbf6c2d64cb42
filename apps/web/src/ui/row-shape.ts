import type { LabEvent } from '@socket-playground/protocol';

/**
 * Which lines an event's row shows, as bits: 1 the tuple/bytes line, 2 the byte preview, 4 the
 * summary. Rows of one shape have one height when lines do not wrap, so the windowed list measures
 * one row per shape. Computed for every event that arrives (20,000 a second under load), so it reads
 * fields only: no base64 decoding, no text. It must agree with what EventRow shows
 * (test/row-shape.test.ts checks it against formatTuple, bytePreview and eventSummary).
 */
export function rowShape(event: LabEvent): number {
  const isData = event.call === 'send' || event.call === 'recv';
  const hasLine = event.local !== undefined || event.remote !== undefined || isData || event.call === 'error' || event.nodeCall !== undefined;
  const hasPreview = isData && event.bytes > 0;
  return (hasLine ? 1 : 0) | (hasPreview ? 2 : 0) | (hasSummary(event) ? 4 : 0);
}

/** eventSummary() is empty only for a plain send with nothing queued and a plain recv. */
function hasSummary(event: LabEvent): boolean {
  if (event.call === 'send') return event.calls !== undefined || event.queued > 0;
  if (event.call === 'recv') return event.eof || event.calls !== undefined || event.bufsize !== undefined;
  return true;
}
