import { describe, expect, it } from 'vitest';
import { parseSessionFile, readSessionFile, SessionReader, sessionToJson, type SessionParse } from '../src/replay/session-file.ts';
import { echoSession } from './flow-fixtures.ts';

/** The text given in pieces of `size` characters. */
function inPieces(text: string, size: number): SessionParse {
  const reader = new SessionReader();
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
  return reader.finish();
}

const answer = (p: SessionParse) => (p.ok ? p.session : `${p.error.code}: ${p.error.message}`);

describe('reading a session file in pieces', () => {
  const { r } = echoSession();
  const text = sessionToJson(r.events, new Date('2025-01-31T14:25:01Z'));

  it('gives the same session whatever the pieces', () => {
    const whole = parseSessionFile(text);
    expect(whole.ok).toBe(true);
    for (const size of [1, 2, 3, 7, 64, 1000]) expect(answer(inPieces(text, size))).toEqual(answer(whole));
  });

  it('gives the same answer for broken files as for whole ones', () => {
    const cases = [
      '{nope',
      '[]',
      '{"format":"other"}',
      '{"format":"socket-playground-session","version":2}',
      '{"format":"socket-playground-session","version":1,"savedAt":"yesterday"}',
      '{"format":"socket-playground-session","version":1,"savedAt":"2025-01-31T14:25:01Z","events":5}',
      '{"format":"socket-playground-session","version":1,"savedAt":"2025-01-31T14:25:01Z","events":[1,]}',
      '{"format":"socket-playground-session","version":1,"savedAt":"2025-01-31T14:25:01Z","events":[,]}',
      '{"format":"socket-playground-session","version":1,"savedAt":"2025-01-31T14:25:01Z","events":[]}x',
      text.slice(0, -3),
      text.replace('"events":[', '"events":[{"seq":1,"event":{"call":"teleport"}},'),
      `{"events":${JSON.stringify(r.events)},"savedAt":"2025-01-31T14:25:01Z","version":1,"format":"socket-playground-session"}`,
      text.replace('"format"', '"n\\"ote":"a \\\\ \\"events\\": [ } string","format"'),
    ];
    for (const c of cases) {
      const expected = answer(parseSessionFile(c));
      for (const size of [1, 5, 4096]) expect(answer(inPieces(c, size)), c.slice(0, 80)).toEqual(expected);
    }
    expect(answer(parseSessionFile(cases[7]!))).toBe('BAD_SESSION_FILE: it is not JSON');
    expect(answer(parseSessionFile(cases[5]!))).toMatch(/does not match the protocol/);
    expect(answer(parseSessionFile(cases[10]!))).toMatch(/does not match the protocol at events\.0\.event/);
    expect(parseSessionFile(cases[11]!).ok).toBe(true);
    expect(parseSessionFile(cases[12]!).ok).toBe(true);
  });

  it('shares what the events repeat: strings and endpoints', () => {
    const parsed = parseSessionFile(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const withLocal = parsed.session.events.filter((e) => 'local' in e.event && e.event.local && e.event.socketId === r.events.find((x) => x.event.call === 'send')?.event.socketId);
    const locals = new Set(withLocal.map((e) => ('local' in e.event ? e.event.local : null)));
    expect(withLocal.length).toBeGreaterThan(1);
    expect(locals.size).toBe(1);
  });

  it('reads a Blob as a stream', async () => {
    const parsed = await readSessionFile(new Blob([text]));
    expect(answer(parsed)).toEqual(answer(parseSessionFile(text)));
  });

  it('tells how far it has read, piece by piece, up to the whole file, giving the page turns', async () => {
    // Many copies of the session's events, renumbered.
    const events = Array.from({ length: 40 }, (_, k) => r.events.map((e) => ({ ...e, seq: k * r.events.length + e.seq }))).flat();
    const big = sessionToJson(events, new Date(0));
    // Node's Blob streams one piece per part (a browser's, about 64 KiB each): eight parts.
    const step = Math.ceil(big.length / 8);
    const blob = new Blob(Array.from({ length: 8 }, (_, i) => big.slice(i * step, (i + 1) * step)));
    const seen: [number, number][] = [];
    let turns = 0;
    const pageTurn = async () => void turns++;
    const parsed = await readSessionFile(blob, { progress: (done, total) => seen.push([done, total]), turnEveryMs: 0, pageTurn });
    expect(parsed.ok).toBe(true);
    // Every piece (turnEveryMs 0) let the page have a turn: it can paint the progress.
    expect(turns).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThan(seen[i - 1]![0]);
    expect(seen.at(-1)).toEqual([blob.size, blob.size]);
  });
});
