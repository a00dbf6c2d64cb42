import { describe, expect, it } from 'vitest';
import { parseSessionFile, replayPosition, sessionFileName, sessionToJson, stepCursor } from '../src/replay/session-file.ts';
import { echoSession } from './flow-fixtures.ts';

describe('saved sessions', () => {
  const { r } = echoSession();

  it('round-trips through a file', () => {
    const text = sessionToJson(r.events, new Date('2025-01-31T14:25:01Z'));
    const parsed = parseSessionFile(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.session).toEqual({ format: 'socket-playground-session', version: 1, savedAt: '2025-01-31T14:25:01.000Z', events: r.events });
  });

  it('refuses what is not a session, saying why', () => {
    const bad = (text: string) => {
      const parsed = parseSessionFile(text);
      return parsed.ok ? 'ok' : `${parsed.error.code}: ${parsed.error.message}`;
    };
    expect(bad('{nope')).toBe('BAD_SESSION_FILE: it is not JSON');
    expect(bad('[]')).toBe('BAD_SESSION_FILE: it is not a JSON object');
    expect(bad('{"format":"other"}')).toMatch(/"format" is not "socket-playground-session"/);
    expect(bad('{"format":"socket-playground-session","version":2}')).toMatch(/version 2 is not supported/);
    expect(bad('{"format":"socket-playground-session","version":1,"savedAt":"yesterday"}')).toMatch(/"savedAt" is not a date/);
    const broken = JSON.parse(sessionToJson(r.events, new Date())) as { events: Array<{ event: { call: string } }> };
    broken.events[3]!.event.call = 'teleport';
    expect(bad(JSON.stringify(broken))).toMatch(/^BAD_SESSION_FILE: an event does not match the protocol at events\.3\.event/);
    const shuffled = JSON.parse(sessionToJson(r.events, new Date())) as { events: unknown[] };
    shuffled.events.reverse();
    expect(bad(JSON.stringify(shuffled))).toMatch(/not in order/);
  });

  it('names the file after the moment it was saved', () => {
    expect(sessionFileName(new Date(2025, 0, 31, 14, 5, 9))).toBe('socket-playground-2025-01-31-140509.json');
  });
});

describe('the replay cursor', () => {
  const { r } = echoSession();
  const entries = r.events;

  it('follows the newest event until the learner moves it', () => {
    const live = replayPosition(entries, null);
    expect(live).toMatchObject({ following: true, index: entries.length - 1 });
    expect(live.visible).toBe(entries);
    const at5 = replayPosition(entries, 5);
    expect(at5.following).toBe(false);
    expect(at5.visible.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('steps back and forth within the events', () => {
    const live = replayPosition(entries, null);
    expect(stepCursor(entries, live, -1)).toBe(13);
    expect(stepCursor(entries, replayPosition(entries, 1), -1)).toBe(1);
    expect(stepCursor(entries, replayPosition(entries, 13), +5)).toBe(14);
    expect(stepCursor([], live, 1)).toBeNull();
    // A seq between two events shows the older one.
    expect(replayPosition(entries.filter((e) => e.seq !== 6), 6).visible.at(-1)!.seq).toBe(5);
  });
});
