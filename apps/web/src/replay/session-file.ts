import { SequencedLabEvent, type WireError } from '@socket-playground/protocol';
import { sameShape } from './same-shape.ts';

/**
 * Saving a session to a file and loading it back, and the replay cursor over its events.
 * A saved session is just its events: the diagram is rebuilt from them, exactly as it was.
 */
export const SESSION_FORMAT = 'socket-playground-session';
export const SESSION_VERSION = 1;
/** Issue 9's budget is 1,000,000 loaded events (the live page keeps 100,000, see EVENT_RING_CAPACITY); room above it. */
export const MAX_SESSION_EVENTS = 2_000_000;
/** 1,000,000 events of short sends come to about 350 MB of JSON; with full 256-byte previews more. It is read in pieces. */
export const MAX_SESSION_FILE_BYTES = 1024 * 1024 * 1024;

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

/**
 * Shares what loaded events repeat: equal strings (previews, ids) become one string, equal
 * small objects (endpoints: the same address and port on every call of a connection) one
 * object. A million events then hold a million small records, not a million copies of each.
 * Events are never changed after they arrive, so sharing is safe.
 */
export class EventCompactor {
  private readonly strings = new Map<string, string>();
  private readonly objects = new Map<string, object>();
  private readonly endpoints = new Map<string, Map<number, object>>();

  private str(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  /** The shared copy of a flat object of strings, numbers and booleans; other values as they are. */
  private flat(o: object): object {
    const e = o as { address?: unknown; port?: unknown; family?: unknown };
    // Endpoints, two on most events: looked up by their three values, no key string made.
    if (typeof e.address === 'string' && typeof e.port === 'number' && typeof e.family === 'string' && keyCount(o) === 3) {
      let byPort = this.endpoints.get(e.address);
      if (!byPort) this.endpoints.set(e.address, (byPort = new Map()));
      const known = byPort.get(e.port);
      if (known !== undefined && (known as { family: string }).family === e.family) return known;
      if (known === undefined) byPort.set(e.port, o);
      return o;
    }
    let key = '';
    for (const [k, v] of Object.entries(o)) {
      const type = typeof v;
      if (type !== 'string' && type !== 'number' && type !== 'boolean') return o;
      key += `${k}\u0000${type === 'string' ? 's' : ''}${String(v)}\u0001`;
    }
    const known = this.objects.get(key);
    if (known !== undefined) return known;
    this.objects.set(key, o);
    return o;
  }

  /** The same event, its strings and small objects shared with the events before it. */
  event(e: SequencedLabEvent): SequencedLabEvent {
    const ev = e.event as unknown as Record<string, unknown>;
    for (const k in ev) {
      const v = ev[k];
      if (typeof v === 'string') ev[k] = this.str(v);
      else if (typeof v === 'object' && v !== null && !Array.isArray(v)) ev[k] = this.flat(v);
    }
    return e;
  }
}

function keyCount(o: object): number {
  let n = 0;
  for (const k in o) if (Object.hasOwn(o, k)) n++;
  return n;
}

/**
 * Reads a session file's text in pieces, so a file of a million events is never one string
 * and never one JSON tree: the top-level object's own fields are parsed at the end; each element
 * of its "events" array is parsed, checked against the protocol and compacted as soon as it is
 * complete. Gives exactly the answers `JSON.parse` plus the schema would.
 */
export class SessionReader {
  private depth = 0;
  private inString = false;
  private escape = false;
  /** The top-level object's text with the events array left empty. */
  private skeleton = '';
  /** Text of the current string token at depth 1 (a key or a value). */
  private lastString = '';
  private stringStart = -1;
  private stringCarry = '';
  private awaitingValueOf: string | null = null;
  /** Inside the events array (at depth 2 relative to the file). */
  private inEvents = false;
  private sawEvents = false;
  private elementCarry = '';
  private elementStart = -1;
  private events: SequencedLabEvent[] = [];
  private problem: string | null = null;
  private notJson = false;
  private readonly compactor = new EventCompactor();

  push(chunk: string): void {
    if (this.notJson) return;
    let skelFrom = this.inEvents ? -1 : 0;
    if (this.inEvents && this.elementStart < 0 && this.elementCarry !== '') this.elementStart = 0;
    if (this.inString && this.depth === 1 && !this.inEvents) this.stringStart = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92) this.escape = true; // a backslash
        else if (c === 34 /* " */) {
          this.inString = false;
          if (this.depth === 1 && !this.inEvents && this.stringStart >= 0) {
            this.lastString = this.stringCarry + chunk.slice(this.stringStart, i);
            this.stringCarry = '';
            this.stringStart = -1;
          }
        }
        continue;
      }
      switch (c) {
        case 34: // "
          this.inString = true;
          if (this.inEvents && this.elementStart < 0) this.elementStart = i;
          if (this.depth === 1 && !this.inEvents) {
            this.stringStart = i + 1;
            this.stringCarry = '';
          }
          break;
        case 58: // :
          if (this.depth === 1) this.awaitingValueOf = this.lastString;
          else if (this.inEvents && this.depth === 2) {
            this.notJson = true;
            return;
          }
          break;
        case 123: // {
        case 91: // [
          if (this.inEvents && this.elementStart < 0) this.elementStart = i;
          if (c === 91 && this.depth === 1 && this.awaitingValueOf === 'events' && !this.inEvents) {
            // The events array: its elements go to the schema, the skeleton keeps it empty.
            this.skeleton += chunk.slice(skelFrom, i + 1);
            skelFrom = -1;
            this.inEvents = true;
            this.sawEvents = true;
            this.events = [];
            this.depth++;
            this.awaitingValueOf = null;
            break;
          }
          this.depth++;
          break;
        case 125: // }
        case 93: // ]
          if (this.inEvents && this.depth === 2) {
            if (c !== 93) {
              this.notJson = true;
              return;
            }
            this.element(chunk, i);
            this.inEvents = false;
            skelFrom = i;
          }
          this.depth--;
          if (this.depth < 0) {
            this.notJson = true;
            return;
          }
          break;
        case 44: // ,
          if (this.inEvents && this.depth === 2) this.element(chunk, i);
          else if (this.depth === 1) this.awaitingValueOf = null;
          break;
        default:
          if (this.inEvents && this.elementStart < 0 && c > 32) this.elementStart = i;
      }
    }
    if (this.inString && this.depth === 1 && !this.inEvents && this.stringStart >= 0) {
      this.stringCarry += chunk.slice(this.stringStart);
      this.stringStart = -1;
    }
    if (this.inEvents) {
      if (this.elementStart >= 0) this.elementCarry += chunk.slice(this.elementStart);
      this.elementStart = -1;
    }
    if (skelFrom >= 0) this.skeleton += chunk.slice(skelFrom);
  }

  /** One element of the events array ends before `end`. */
  private element(chunk: string, end: number): void {
    const text = this.elementStart >= 0 ? this.elementCarry + chunk.slice(this.elementStart, end) : this.elementCarry;
    this.elementCarry = '';
    this.elementStart = -1;
    if (text.trim() === '') {
      // "[]" is empty; "[1,,2]" or "[1,]" is not JSON.
      if (chunk.charCodeAt(end) === 44 || this.events.length > 0 || this.problem !== null) this.notJson = true;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.notJson = true;
      return;
    }
    if (this.problem !== null) return;
    const index = this.events.length;
    if (index >= MAX_SESSION_EVENTS) {
      this.problem = `an event does not match the protocol: there are more than ${MAX_SESSION_EVENTS} events`;
      return;
    }
    const parsed = SequencedLabEvent.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.problem = `an event does not match the protocol at events.${[index, ...(issue?.path ?? [])].join('.')}: ${issue?.message ?? 'invalid'}`;
      return;
    }
    // JSON.parse's object when the schema dropped nothing: smaller in V8 than the schema's copy.
    this.events.push(this.compactor.event(sameShape(value, parsed.data) ? (value as SequencedLabEvent) : parsed.data));
  }

  /** All text given: the session, or what is wrong with it. */
  finish(): SessionParse {
    if (this.notJson || this.inString || this.depth !== 0) return bad('it is not JSON');
    let json: unknown;
    try {
      json = JSON.parse(this.skeleton);
    } catch {
      return bad('it is not JSON');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return bad('it is not a JSON object');
    const o = json as Record<string, unknown>;
    if (o.format !== SESSION_FORMAT) return bad(`"format" is not "${SESSION_FORMAT}"`);
    if (o.version !== SESSION_VERSION) return bad(`version ${JSON.stringify(o.version ?? null)} is not supported (this page reads version ${SESSION_VERSION})`);
    if (typeof o.savedAt !== 'string' || Number.isNaN(Date.parse(o.savedAt))) return bad('"savedAt" is not a date');
    let events = this.events;
    if (!this.sawEvents || !Array.isArray(o.events) || o.events.length > 0) {
      // Not an array where we looked for one (or events given twice): the whole schema says why.
      const parsed = SessionEvents.safeParse(o.events);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` at events.${issue.path.join('.')}` : '';
        return bad(`an event does not match the protocol${where}: ${issue?.message ?? 'invalid'}`);
      }
      events = parsed.data.map((e) => this.compactor.event(e));
    } else if (this.problem !== null) return bad(this.problem);
    for (let i = 1; i < events.length; i++) {
      if (events[i]!.seq <= events[i - 1]!.seq) return bad(`the events are not in order (seq ${events[i]!.seq} after ${events[i - 1]!.seq})`);
    }
    return { ok: true, session: { format: SESSION_FORMAT, version: SESSION_VERSION, savedAt: o.savedAt, events } };
  }
}

/** Check a file's text; never throws. The error says what is wrong, and where. */
export function parseSessionFile(text: string): SessionParse {
  const reader = new SessionReader();
  reader.push(text);
  return reader.finish();
}

/** A long read gives the page a turn at least this often (ms): it paints the progress, and input is answered. */
const TURN_EVERY_MS = 50;

export interface ReadOptions {
  /** Hears how many bytes were read so far, after each piece. */
  progress?: (bytesRead: number, bytesTotal: number) => void;
  turnEveryMs?: number;
  /** How the page gets its turn (tests count them). */
  pageTurn?: () => Promise<void>;
}

/**
 * Read and check a file in pieces (a large one never becomes one string); never throws. A million
 * events take seconds: the caller hears the progress, and since a blob's pieces come without a task
 * between them, the loop gives the page a turn now and then itself.
 */
export async function readSessionFile(file: Blob, options: ReadOptions = {}): Promise<SessionParse> {
  const { progress, turnEveryMs = TURN_EVERY_MS, pageTurn = nextTask } = options;
  const reader = new SessionReader();
  try {
    const decoder = new TextDecoder();
    const stream = file.stream().getReader();
    let read = 0;
    let turnAt = performance.now();
    for (;;) {
      const { done, value } = await stream.read();
      if (done) break;
      reader.push(decoder.decode(value, { stream: true }));
      read += value.byteLength;
      progress?.(read, file.size);
      if (performance.now() - turnAt >= turnEveryMs) {
        await pageTurn();
        turnAt = performance.now();
      }
    }
    reader.push(decoder.decode());
  } catch {
    return bad('it could not be read');
  }
  return reader.finish();
}

/** Resolves in a new task (a message to ourselves: no 4 ms clamp as with nested timers). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
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

/** Index of the last entry whose seq ≤ `seq` (entries are in seq order: events, byte blocks), -1 if none. */
export function lastIndexAtOrBefore(entries: readonly { seq: number }[], seq: number): number {
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
