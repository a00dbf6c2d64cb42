import type { SequencedLabEvent } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { buildStreams } from '../src/timeline/stream-builder.ts';
import { echoSession } from './flow-fixtures.ts';

/** What a block said before blocks read their fields from the event (a plain copy of them). */
function expected(e: SequencedLabEvent) {
  const ev = e.event;
  if (ev.call !== 'send' && ev.call !== 'recv') throw new Error('not a block');
  return {
    seq: e.seq,
    ts: ev.ts,
    call: ev.call,
    labHost: ev.labHost,
    socketId: ev.socketId,
    owner: ev.owner,
    bytes: ev.bytes,
    offset: ev.offset,
    preview: ev.preview,
    dataId: ev.dataId,
    queued: ev.call === 'send' ? ev.queued : undefined,
    bufsize: ev.call === 'recv' ? ev.bufsize : undefined,
  };
}

describe('compact byte blocks', () => {
  it('give every field of their send or recv, read from the event', () => {
    const { r } = echoSession();
    const model = buildStreams(r.events);
    expect(model.blocks.length).toBeGreaterThan(0);
    for (const block of model.blocks) {
      const source = r.events.find((e) => e.seq === block.seq)!;
      const { seq, ts, call, labHost, socketId, owner, bytes, offset, preview, dataId, queued, bufsize } = block;
      expect({ seq, ts, call, labHost, socketId, owner, bytes, offset, preview, dataId, queued, bufsize }).toEqual(expected(source));
      expect(block.t).toBe(block.ts);
      expect(block.conn.blocks).toContain(block);
    }
  });

  it('keep their own timeline time only when it differs from the event’s (a clock that stepped back)', () => {
    const { r } = echoSession();
    const events = r.events.map((e) => ({ seq: e.seq, event: { ...e.event } })) as SequencedLabEvent[];
    const recv = [...events].reverse().find((e) => e.event.call === 'recv' && !e.event.eof)!;
    recv.event.ts -= 60_000;
    const block = buildStreams(events).blocks.find((b) => b.seq === recv.seq)!;
    expect(block.ts).toBe(recv.event.ts);
    expect(block.t).toBeGreaterThan(block.ts);
  });
});
