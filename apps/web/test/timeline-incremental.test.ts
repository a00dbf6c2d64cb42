import type { SequencedLabEvent } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { EventRing } from '../src/bridge/event-ring.ts';
import { countersOf } from '../src/timeline/counters.ts';
import { blockBySeq, countBlocks, listBlocks, NO_FILTER } from '../src/timeline/filters.ts';
import { matchesOf } from '../src/timeline/matching.ts';
import { buildStreams, StreamBuilder } from '../src/timeline/stream-builder.ts';
import type { StreamModel } from '../src/timeline/stream-types.ts';
import { echoSession, Recorder } from './flow-fixtures.ts';

/** A busy session: `clients` echo connections, each sending `rounds` messages in two pieces. */
function busySession(clients: number, rounds: number): SequencedLabEvent[] {
  const r = new Recorder();
  const server = r.listen('srv1', 65432);
  for (let c = 0; c < clients; c++) {
    const client = r.connect(`cli${c + 1}`, 50000 + c, server.local);
    const accepted = r.accept(server, client);
    for (let i = 0; i < rounds; i++) {
      r.send(client, `message ${i} `);
      r.send(client, 'and more\n');
      r.recv(accepted, 1024);
      r.send(accepted, `echo ${i}\n`);
      r.recv(client, 1024);
    }
    r.close(client);
    r.eof(accepted);
    r.close(accepted, 'peer');
  }
  return r.events;
}

/** What a model says, as plain data (to compare two models built differently). */
function shape(model: StreamModel) {
  return model.connections.map((c) => ({
    id: c.id,
    ends: [c.a?.key ?? null, c.b?.key ?? null, c.aEnd, c.bEnd],
    dirs: c.dirs.map((d) => ({ sends: d.sends.map((b) => b.seq), recvs: d.recvs.map((b) => b.seq), blocks: d.blocks.length })),
    marks: c.marks.map((m) => `${m.kind}@${m.seq}`),
    counters: countersOf(c),
  }));
}

describe('building the streams as events arrive', () => {
  it('gives the same model in batches as all at once, applying each event once', () => {
    const events = busySession(3, 20);
    const ring = new EventRing<SequencedLabEvent>(100_000);
    const builder = new StreamBuilder();
    for (let i = 0; i < events.length; i += 7) {
      ring.push(events.slice(i, i + 7));
      builder.update(ring.entries);
    }
    const model = builder.update(ring.entries);
    expect(shape(model)).toEqual(shape(buildStreams(events)));
    expect(builder.applied).toBe(events.length);
    expect(model.blocks.length).toBe(3 * 20 * 5);
  });

  it('returns the very same model for the same array', () => {
    const { r } = echoSession();
    const builder = new StreamBuilder();
    const a = builder.update(r.events);
    expect(builder.update(r.events)).toBe(a);
    const b = builder.update([...r.events]);
    expect(b.version).toBeGreaterThan(a.version);
    expect(b.generation).toBe(a.generation);
    expect(builder.applied).toBe(r.events.length);
  });

  it('forgets what the ring dropped, keeping counters from stream positions', () => {
    const events = busySession(4, 10);
    const ring = new EventRing<SequencedLabEvent>(120);
    const builder = new StreamBuilder();
    for (let i = 0; i < events.length; i += 5) {
      ring.push(events.slice(i, i + 5));
      builder.update(ring.entries);
    }
    const model = builder.update(ring.entries);
    const first = ring.entries[0]!.seq;
    expect(model.firstSeq).toBe(first);
    expect(model.blocks.every((b) => b.seq >= first)).toBe(true);
    // Connections whose every event is gone are gone; the rest keep only what is held.
    const full = buildStreams(events);
    const kept = model.connections.map((c) => c.id);
    expect(kept.length).toBeLessThan(full.connections.length);
    expect(kept.at(-1)).toBe(full.connections.at(-1)!.id);
    const last = model.connections.at(-1)!;
    expect(countersOf(last)).toEqual(countersOf(full.connections.at(-1)!));
    expect(countBlocks(model.connections, [0, 1])).toBe(model.blocks.length);
    expect(listBlocks(model, NO_FILTER)).toBe(model.blocks);
    // A lookup by seq finds held blocks only.
    expect(blockBySeq(model, first - 1)).toBeNull();
    expect(blockBySeq(model, model.blocks[0]!.seq)).toBe(model.blocks[0]);
  });

  it('rebuilds for events that do not continue the last ones (a loaded file, a restarted bridge)', () => {
    const builder = new StreamBuilder();
    const live = builder.update(busySession(1, 3));
    const other = builder.update(echoSession().r.events);
    expect(other.generation).toBeGreaterThan(live.generation);
    expect(other.connections).toHaveLength(1);
    expect(other.blocks).toHaveLength(4);
    expect(builder.update([]).connections).toHaveLength(0);
  });

  it('builds 100,000 events in one pass (a linear walk; the benchmark times it)', () => {
    const events = busySession(10, 2000);
    expect(events.length).toBeGreaterThan(100_000);
    const builder = new StreamBuilder();
    const model = builder.update(events.slice(0, 100_000));
    expect(builder.applied).toBe(100_000);
    expect(model.connections).toHaveLength(10);
    const block = model.blocks[5000]!;
    expect(matchesOf(block).length).toBeGreaterThan(0);
  });
});
