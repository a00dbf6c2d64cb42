import { encodeMessage, makeRequest } from '@socket-playground/appframe';
import { describe, expect, it } from 'vitest';
import { frameView, looksFramed } from '../src/frames/frame-model.ts';
import { buildStreams } from '../src/timeline/stream-builder.ts';
import { Recorder } from './flow-fixtures.ts';

/** The morpheus request as a string of code units < 0x80 (the Recorder deals in text). */
const REQUEST = String.fromCharCode(...encodeMessage(makeRequest('search', 'morpheus', 'little').header, makeRequest('search', 'morpheus', 'little').content));
const noFetch = () => null;

function exchange(recvSizes: number[], ending: 'eof' | 'none' = 'none', request = REQUEST) {
  const r = new Recorder();
  const server = r.listen('srv1', 65432);
  const client = r.connect('cli1', 50001, server.local);
  const accepted = r.accept(server, client);
  r.send(client, request);
  for (const n of recvSizes) r.recv(accepted, n);
  if (ending === 'eof') {
    r.close(client);
    r.eof(accepted);
  }
  return buildStreams(r.events).connections[0]!;
}

describe('the frame view of a recorded connection', () => {
  it("labels the request's parts and replays each recv of the server", () => {
    const view = frameView(exchange([1, 59, 86]), 0, noFetch);
    expect(view.chunksFrom).toBe('recv');
    expect(view.parts.map((p) => [p.kind, p.start, p.end])).toEqual([
      ['protoheader', 0, 2],
      ['header', 2, 105],
      ['content', 105, 146],
    ]);
    expect(view.parts[0]?.value).toEqual({ kind: 'length', announced: 103 });
    const header = view.parts[1]?.value;
    expect(header?.kind === 'header' && header.fields).toContainEqual(['content-length', '41']);
    expect(view.parts[2]?.value).toMatchObject({ kind: 'json', text: '{"action": "search", "value": "morpheus"}' });
    expect(view.readings.map((r) => `${r.before.phase}→${r.after.phase} ${r.after.have}/${r.after.need}`)).toEqual([
      'protoheader→protoheader 1/2',
      'protoheader→header 58/103',
      'header→protoheader 0/2',
    ]);
    expect(view.messages).toBe(1);
    expect(view.problem).toBeNull();
    expect(view.incomplete).toEqual([]);
    expect(looksFramed(exchange([146]), noFetch)).toBe(true);
  });

  it('shows a part still waiting, and a peer that closed mid-frame', () => {
    const waiting = frameView(exchange([60]), 0, noFetch);
    expect(waiting.parts.at(-1)).toMatchObject({ kind: 'header', complete: false, value: { kind: 'partial', have: 58, need: 103 } });
    const cut = frameView(exchange([60], 'eof', REQUEST.slice(0, 60)), 0, noFetch);
    expect(cut.problem).toMatchObject({ code: 'FRAME_TRUNCATED', context: { phase: 'header', received: 58, announced: 103 } });
  });

  it('falls back to the sender’s writes when the receiver is not in the session, and says so', () => {
    const r = new Recorder();
    const client = r.connect('cli1', 50001, { address: '127.0.0.1', port: 65432, family: 'IPv4' });
    r.send(client, REQUEST);
    const view = frameView(buildStreams(r.events).connections[0]!, 0, noFetch);
    expect(view.chunksFrom).toBe('send');
    expect(view.messages).toBe(1);
  });

  it('refuses a header that is not JSON, like the server', () => {
    const bad = '\u0000\u0005{nope';
    const view = frameView(exchange([7], 'none', bad), 0, noFetch);
    expect(view.problem?.code).toBe('FRAME_HEADER_NOT_JSON');
    expect(view.parts[1]).toMatchObject({ kind: 'header', refused: true });
    expect(looksFramed(exchange([5], 'none', 'hello'), noFetch)).toBe(false);
  });
});
