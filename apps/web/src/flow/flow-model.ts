import type { LabEvent, SequencedLabEvent } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { connectionArrows } from './arrows.ts';
import { ConnectionLinker, type SocketRecord } from './connections.ts';
import type { FlowBlock, FlowGroup, FlowItem, FlowModel, FlowRow } from './flow-types.ts';
import { itemLabel } from './labels.ts';
import { endKey, LaneRegistry } from './lanes.ts';

export type * from './flow-types.ts';

/**
 * Build the sequence diagram of a session from its ordered events, and from nothing else: the
 * same events always give the same diagram, live or replayed from a file. One row per event.
 */
export function buildFlow(entries: readonly SequencedLabEvent[], lang: Lang = 'en'): FlowModel {
  const lanes = new LaneRegistry(lang);
  const linker = new ConnectionLinker();
  const sockets = new Map<string, SocketRecord>();
  linker.closedAt = (key) => sockets.get(key)?.close?.row ?? null;
  const rows: FlowRow[] = [];
  const items: FlowItem[] = [];
  const blocks: FlowBlock[] = [];
  const openBlocks = new Map<string, FlowBlock>();
  const groups: FlowGroup[] = [];
  const openGroups = new Map<string, FlowGroup>();
  const laneOfSeq = new Map<number, string>();

  const instant = instantBlocks(entries);
  let rowCount = 0;
  entries.forEach(({ seq, event }, i) => {
    // A wait that ended at once shares the row of the call that ended it.
    const absorbed = instant.has(i);
    const row = absorbed ? rowCount : rowCount++;
    const lane = lanes.ownerLane(event, row);
    laneOfSeq.set(seq, lane);
    if (!absorbed) rows.push({ seq, ts: event.ts, lane });
    const socketKey = `${event.labHost}/${event.socketId}`;
    const record = event.socketId === '-' ? undefined : recordOf(sockets, socketKey, event, lane);
    if (record && event.remote && event.call !== 'accept') record.remote = endKey(event.remote);

    const endsGroupedBlock = openBlocks.get(socketKey)?.call === event.call && openGroups.has(socketKey);
    endBlock(openBlocks, socketKey, seq, row, event);
    trackGroup(groups, openGroups, socketKey, lane, row, event, endsGroupedBlock);

    switch (event.call) {
      case 'block': {
        const block: FlowBlock = {
          seq,
          row,
          instant: absorbed,
          lane,
          socketId: event.socketId,
          call: event.blockedCall,
          ...(event.bufsize !== undefined ? { bufsize: event.bufsize } : {}),
          startTs: event.ts,
          endRow: null,
          endSeq: null,
          endTs: null,
          endedBy: null,
        };
        blocks.push(block);
        openBlocks.set(socketKey, block);
        if (record && event.blockedCall === 'connect') record.connecting = true;
        break;
      }
      case 'socket':
        if (record && event.role === 'client') record.connecting = true;
        break;
      case 'bind':
      case 'listen':
        if (event.local) lanes.setAddress(lane, endKey(event.local));
        linker.onListen(lane, socketKey, event, row);
        break;
      case 'accept':
        linker.onAccept({ seq, row }, event, lane);
        break;
      case 'connect':
        if (record) record.connecting = false;
        if (event.local) lanes.setAddress(lane, endKey(event.local));
        linker.onConnect({ seq, row }, event, lane);
        break;
      case 'send':
        record?.sends.push({ seq, row, offset: event.offset, bytes: event.bytes, preview: event.preview });
        break;
      case 'recv':
        if (event.eof) record?.eofs.push({ seq, row });
        else record?.recvs.push({ seq, row, offset: event.offset, bytes: event.bytes, preview: event.preview });
        break;
      case 'close':
        if (record) {
          record.close = { seq, row, reason: event.reason };
          record.connecting = false;
        }
        break;
      case 'error':
        if (record && event.error.code === 'ECONNRESET') record.resetRow ??= row;
        if (record && (event.failedCall === 'connect' || event.failedCall === 'policy')) record.connecting = false;
        break;
    }
    if (event.call !== 'block') {
      const { label, tone } = itemLabel(event, lang);
      items.push({ seq, row, lane, socketId: event.socketId, call: event.call, label, tone, ...(event.nodeCall ? { nodeCall: event.nodeCall } : {}) });
    }
    lanes.afterEvent(lane, event, row);
  });

  const { connections } = linker.finish(lanes, sockets);
  const arrows = connectionArrows(connections, sockets);
  for (const a of arrows) {
    const last = Math.max(a.fromRow, a.toRow ?? a.fromRow);
    lanes.extend(a.fromLane, last);
    lanes.extend(a.toLane, last);
  }
  return {
    lanes: lanes.finish(),
    rows,
    items,
    blocks,
    connections,
    arrows,
    groups: groups.filter((g) => g.lastRow > g.firstRow),
    laneOfSeq,
  };
}

function recordOf(sockets: Map<string, SocketRecord>, key: string, event: LabEvent, lane: string): SocketRecord {
  let record = sockets.get(key);
  if (!record) {
    record = { key, socketId: event.socketId, lane, role: event.role, sends: [], recvs: [], eofs: [], close: null, resetRow: null, connecting: false, remote: null };
    sockets.set(key, record);
  }
  return record;
}

/**
 * A wait ends with the next event of the same call on the same socket (accept on the listener,
 * recv/connect/send on the socket), or an error or close on it. A new block also ends an old one.
 */
function endBlock(open: Map<string, FlowBlock>, socketKey: string, seq: number, row: number, event: LabEvent): void {
  const block = open.get(socketKey);
  if (!block) return;
  const ends = event.call === block.call || event.call === 'error' || event.call === 'close' || event.call === 'block';
  if (!ends) return;
  block.endRow = row;
  block.endSeq = seq;
  block.endTs = event.ts;
  block.endedBy = event.call === 'error' ? 'error' : event.call === 'close' ? 'close' : 'return';
  open.delete(socketKey);
}

/**
 * A blocking call that returned before this long, with nothing in between, did not really wait
 * (the bytes or the client were already there): it gets no row and no bar of its own.
 */
export const INSTANT_BLOCK_MS = 10;

function instantBlocks(entries: readonly SequencedLabEvent[]): Set<number> {
  const instant = new Set<number>();
  entries.forEach(({ event }, i) => {
    const next = entries[i + 1]?.event;
    if (event.call !== 'block' || !next || next.call === 'block') return;
    const same = next.labHost === event.labHost && next.socketId === event.socketId;
    const ends = next.call === event.blockedCall || next.call === 'error' || next.call === 'close';
    if (same && ends && next.ts - event.ts < INSTANT_BLOCK_MS) instant.add(i);
  });
  return instant;
}

/**
 * Consecutive calls on one socket inside the same Node API call form a group; the call that
 * ends a wait begun inside the group (connect() inside net.connect()) belongs to it too.
 */
function trackGroup(groups: FlowGroup[], open: Map<string, FlowGroup>, socketKey: string, lane: string, row: number, event: LabEvent, endsGroupedBlock: boolean): void {
  const current = open.get(socketKey);
  if (current && (event.nodeCall === current.nodeCall || (endsGroupedBlock && !event.nodeCall))) {
    current.lastRow = row;
    return;
  }
  open.delete(socketKey);
  if (!event.nodeCall || event.socketId === '-') return;
  const group: FlowGroup = { lane, socketId: event.socketId, nodeCall: event.nodeCall, firstRow: row, lastRow: row };
  groups.push(group);
  open.set(socketKey, group);
}

/** The blocks still waiting at the end of the events. */
export function openBlocks(model: FlowModel): FlowBlock[] {
  return model.blocks.filter((b) => b.endRow === null);
}

/** The newest event on a lane (for the code highlight of a selected lane). */
export function lastSeqOfLane(model: FlowModel, lane: string): number | null {
  for (let i = model.rows.length - 1; i >= 0; i--) {
    const row = model.rows[i]!;
    if (row.lane === lane) return row.seq;
  }
  return null;
}

const caches: Record<Lang, WeakMap<readonly SequencedLabEvent[], FlowModel>> = { en: new WeakMap(), zh: new WeakMap() };

/**
 * buildFlow, once per events array and language (the labels and lane titles are words): the
 * diagram and the step panel share the live log's model.
 */
export function flowOf(entries: readonly SequencedLabEvent[], lang: Lang = 'en'): FlowModel {
  const cache = caches[lang];
  let model = cache.get(entries);
  if (!model) {
    model = buildFlow(entries, lang);
    cache.set(entries, model);
  }
  return model;
}

/**
 * The call flow draws one row per call: past a few thousand calls it is unreadable and slow, so
 * it shows the newest ones up to the replay cursor. The event list and the Bytes tab keep them all.
 */
export const FLOW_MAX_EVENTS = 2000;

const windows = new WeakMap<readonly SequencedLabEvent[], readonly SequencedLabEvent[]>();

/** The newest FLOW_MAX_EVENTS entries; the same array for the same input, so flowOf's cache holds. */
export function flowWindow(entries: readonly SequencedLabEvent[]): readonly SequencedLabEvent[] {
  if (entries.length <= FLOW_MAX_EVENTS) return entries;
  let window = windows.get(entries);
  if (!window) {
    window = entries.slice(-FLOW_MAX_EVENTS);
    windows.set(entries, window);
  }
  return window;
}
