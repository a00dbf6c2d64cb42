import type { Endpoint, LabEvent } from '@socket-playground/protocol';
import { formatHostPort } from '../format/address.ts';
import type { Lang } from '../i18n/prefs.ts';
import type { FlowLane, LaneKind } from './flow-types.ts';
import { laneTitleZh } from './labels-zh.ts';

/**
 * The columns of the diagram: one per owner of sockets (a server, a client, a stepped program)
 * and one per peer outside the playground. A lane appears with its first event and ends once
 * every socket it opened is closed again.
 */

/** "127.0.0.1" for "::ffff:127.0.0.1": the same IPv4 peer seen through an IPv6 socket. */
export function normalizeAddress(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

/** One end of a connection as a comparable string: "127.0.0.1:54321", "[::1]:65432". */
export function endKey(endpoint: Endpoint): string {
  return formatHostPort(normalizeAddress(endpoint.address), endpoint.port);
}

export function isWildcard(address: string): boolean {
  const a = normalizeAddress(address);
  return a === '0.0.0.0' || a === '::' || a === '';
}

/** Stepped programs are owned by ids such as "step1" (see the protocol's StepperInfo). */
export function isSteppedOwner(owner: string): boolean {
  return owner.startsWith('step');
}

function ownerTitle(kind: LaneKind, owner: string, labHost: string, lang: Lang): string {
  if (lang === 'zh') return laneTitleZh(kind, isSteppedOwner(owner), owner, labHost);
  const stepped = isSteppedOwner(owner);
  const what = kind === 'server' ? (stepped ? 'stepped server' : 'echo server') : stepped ? 'stepped client' : 'echo client';
  return labHost === 'local' ? `${what} ${owner}` : `${labHost}: ${what} ${owner}`;
}

interface LaneDraft extends FlowLane {
  open: Set<string>;
}

export class LaneRegistry {
  private readonly drafts = new Map<string, LaneDraft>();

  /** `lang`: the language of the lanes' titles. */
  constructor(private readonly lang: Lang = 'en') {}

  /** The lane of a lab event's owner, created on first sight. */
  ownerLane(event: LabEvent, row: number): string {
    const key = `${event.labHost}/${event.owner}`;
    let lane = this.drafts.get(key);
    if (!lane) {
      const kind: LaneKind = event.role === 'client' ? 'client' : 'server';
      lane = this.create(key, kind, event.labHost, event.owner, ownerTitle(kind, event.owner, event.labHost, this.lang), row);
      lane.stepped = isSteppedOwner(event.owner);
    }
    lane.lastRow = Math.max(lane.lastRow, row);
    return key;
  }

  /** A peer outside the playground, seen only through the lab socket connected to it. */
  outsideLane(kind: 'outside-client' | 'outside-server', labHost: string, end: string, row: number, endRow: number | null): string {
    const key = `${labHost}/outside/${end}`;
    const existing = this.drafts.get(key);
    if (existing && existing.endRow === null) return key;
    // The same address and port again after the old connection closed: a new peer, a new lane.
    const unique = existing ? `${key}#${row}` : key;
    const english = kind === 'outside-client' ? 'outside client' : 'outside server';
    const title = this.lang === 'zh' ? laneTitleZh(kind, false, null, 'local') : english;
    const lane = this.create(unique, kind, labHost, null, title, row);
    lane.address = end;
    lane.endRow = endRow;
    lane.lastRow = endRow ?? row;
    return unique;
  }

  private create(key: string, kind: LaneKind, labHost: string, owner: string | null, title: string, row: number): LaneDraft {
    const lane: LaneDraft = {
      key,
      kind,
      labHost,
      owner,
      stepped: false,
      title,
      address: null,
      index: 0,
      firstRow: row,
      lastRow: row,
      endRow: null,
      open: new Set(),
    };
    this.drafts.set(key, lane);
    return lane;
  }

  get(key: string): FlowLane | undefined {
    return this.drafts.get(key);
  }

  setAddress(key: string, address: string): void {
    const lane = this.drafts.get(key);
    if (lane) lane.address = address;
  }

  extend(key: string, row: number): void {
    const lane = this.drafts.get(key);
    if (lane) lane.lastRow = Math.max(lane.lastRow, row);
  }

  /** Track the lane's sockets after one of its events; a lane ends when its last socket closes. */
  afterEvent(key: string, event: LabEvent, row: number): void {
    const lane = this.drafts.get(key);
    if (!lane) return;
    if (event.socketId !== '-') {
      if (event.call === 'close') lane.open.delete(event.socketId);
      else lane.open.add(event.socketId);
    }
    if (event.call === 'accept') lane.open.add(event.newSocketId);
    if (lane.open.size > 0) lane.endRow = null;
    else if (event.call === 'close' || (event.call === 'error' && event.socketId === '-')) lane.endRow = row;
  }

  /** The lanes in order of appearance (ties keep creation order), numbered left to right. */
  finish(): FlowLane[] {
    const drafts = [...this.drafts.values()].sort((a, b) => a.firstRow - b.firstRow);
    return drafts.map(({ open: _open, ...lane }, index) => ({ ...lane, index }));
  }
}
