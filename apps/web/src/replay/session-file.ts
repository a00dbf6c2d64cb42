import { SequencedLabEvent, type WireError } from '@socket-playground/protocol';

/**
 * Saving a session to a file and loading it back, and the replay cursor over its events.
 * A saved session is just its events: the diagram is rebuilt from them, exactly as it was.
 */
export const SESSION_FORMAT = 'socket-playground-session';
export const SESSION_VERSION = 1;
/** More than the page ever holds (100,000, see EVENT_RING_CAPACITY), with room for sessions saved by a future bridge. */
export const MAX_SESSION_EVENTS = 200_000;
/** 100,000 events with full 256-byte previews come to about 70 MB of JSON. */
export const MAX_SESSION_FILE_BYTES = 128 * 1024 * 1024;

export interface SessionFile {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  /** ISO 8601. */
  savedAt: string;
  events: SequencedLabEvent[];
}

/** Built from the protocol's own schema: a loaded event is checked exactly as a live one. */
const SessionEvents = SequencedLabEvent.array().max(MAX_SESSION_EVENTS);

export function sessionToJson(events: readonly SequencedLabEvent[], savedAt: Date): string {
  const file: SessionFile = { format: SESSION_FORMAT, version: SESSION_VERSION, savedAt: savedAt.toISOString(), events: [...events] };
  return JSON.stringify(file);
}

/** "socket-playground-2025-01-31-142501.json" in local time. */
export function sessionFileName(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `socket-playground-${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}.json`;
}

export type SessionParse = { ok: true; session: SessionFile } | { ok: false; error: WireError };

const bad = (message: string): SessionParse => ({ ok: false, error: { code: 'BAD_SESSION_FILE', message } });

/** Check a file's text; never throws. The error says what is wrong, and where. */
export function parseSessionFile(text: string): SessionParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return bad('it is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return bad('it is not a JSON object');
  const o = json as Record<string, unknown>;
  if (o.format !== SESSION_FORMAT) return bad(`"format" is not "${SESSION_FORMAT}"`);
  if (o.version !== SESSION_VERSION) return bad(`version ${JSON.stringify(o.version ?? null)} is not supported (this page reads version ${SESSION_VERSION})`);
  if (typeof o.savedAt !== 'string' || Number.isNaN(Date.parse(o.savedAt))) return bad('"savedAt" is not a date');
  const parsed = SessionEvents.safeParse(o.events);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at events.${issue.path.join('.')}` : '';
    return bad(`an event does not match the protocol${where}: ${issue?.message ?? 'invalid'}`);
  }
  const events = parsed.data;
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.seq <= events[i - 1]!.seq) return bad(`the events are not in order (seq ${events[i]!.seq} after ${events[i - 1]!.seq})`);
  }
  return { ok: true, session: { format: SESSION_FORMAT, version: SESSION_VERSION, savedAt: o.savedAt, events } };
}

/**
 * Where the replay stands: `cursor` is the seq of the last event shown, or null to follow the
 * newest. The events up to it are what the diagram and the code show.
 */
export interface ReplayPosition {
  /** Index of the last shown event in `entries` (-1: none). */
  index: number;
  /** Whether the view follows the newest event. */
  following: boolean;
  visible: readonly SequencedLabEvent[];
}

export function replayPosition(entries: readonly SequencedLabEvent[], cursor: number | null): ReplayPosition {
  if (cursor === null) return { index: entries.length - 1, following: true, visible: entries };
  const index = lastIndexAtOrBefore(entries, cursor);
  return { index, following: false, visible: entries.slice(0, index + 1) };
}

/** Index of the last entry whose seq ≤ `seq` (entries are in seq order), -1 if none. */
export function lastIndexAtOrBefore(entries: readonly SequencedLabEvent[], seq: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The cursor (a seq) after stepping `delta` events from `position`, kept within the events. */
export function stepCursor(entries: readonly SequencedLabEvent[], position: ReplayPosition, delta: number): number | null {
  if (entries.length === 0) return null;
  const index = Math.max(0, Math.min(entries.length - 1, position.index + delta));
  return entries[index]!.seq;
}
