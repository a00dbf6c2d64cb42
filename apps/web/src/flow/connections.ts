import type { LabEventOf } from '@socket-playground/protocol';
import type { FlowConnection } from './flow-types.ts';
import { endKey, isWildcard, normalizeAddress, type LaneRegistry } from './lanes.ts';

/**
 * Pairs each client's connect() with the server's accept() of the same connection: the client's
 * (local, remote) is the accepted socket's (remote, local). Whatever has no partner in the lab
 * talks to a peer outside the playground, which gets a lane of its own.
 */

/** What the flow keeps per socket while it walks the events. */
export interface SocketRecord {
  key: string;
  socketId: string;
  lane: string;
  role: 'listener' | 'accepted' | 'client';
  sends: DataEvent[];
  recvs: DataEvent[];
  eofs: Array<{ seq: number; row: number }>;
  close: { seq: number; row: number; reason: LabEventOf<'close'>['reason'] } | null;
  /** Row of an ECONNRESET reported on this socket. */
  resetRow: number | null;
  /** A client that has a socket but no connect() result yet. */
  connecting: boolean;
  /** The peer, once any event on this socket named it. */
  remote: string | null;
}

export interface DataEvent {
  seq: number;
  row: number;
  offset: number;
  bytes: number;
  /** Base64 of the first bytes. */
  preview: string;
}

interface Listener {
  lane: string;
  socketKey: string;
  address: string;
  port: number;
  row: number;
}

/** Where an event sits: its seq and its row in the diagram. */
export interface At {
  seq: number;
  row: number;
}

export interface Side {
  connection: FlowConnection;
  side: 'client' | 'server';
}

export class ConnectionLinker {
  private readonly all: FlowConnection[] = [];
  /** Open (not fully paired) connections by "client end>server end". */
  private readonly byTuple = new Map<string, FlowConnection>();
  private readonly listeners: Listener[] = [];

  onListen(lane: string, socketKey: string, event: LabEventOf<'listen'> | LabEventOf<'bind'>, row: number): void {
    if (!event.local) return;
    if (this.listeners.some((l) => l.socketKey === socketKey)) return;
    this.listeners.push({ lane, socketKey, address: normalizeAddress(event.local.address), port: event.local.port, row });
  }

  onAccept(at: At, event: LabEventOf<'accept'>, serverLane: string): void {
    const { seq, row } = at;
    if (!event.local || !event.remote) return;
    const clientEnd = endKey(event.remote);
    const serverEnd = endKey(event.local);
    const tuple = `${clientEnd}>${serverEnd}`;
    const existing = this.byTuple.get(tuple);
    const serverSocket = `${event.labHost}/${event.newSocketId}`;
    if (existing && existing.acceptSeq === null) {
      Object.assign(existing, { acceptSeq: seq, acceptRow: row, serverLane, serverSocket, queued: false });
      existing.row = Math.min(existing.row, row);
      this.byTuple.delete(tuple);
      return;
    }
    const connection: FlowConnection = {
      id: `c${this.all.length + 1}`,
      clientLane: '',
      serverLane,
      clientEnd,
      serverEnd,
      connectSeq: null,
      connectRow: null,
      acceptSeq: seq,
      acceptRow: row,
      row,
      queued: false,
      clientSocket: null,
      serverSocket,
    };
    this.all.push(connection);
    this.byTuple.set(tuple, connection);
  }

  onConnect(at: At, event: LabEventOf<'connect'>, clientLane: string): void {
    const { seq, row } = at;
    if (!event.local || !event.remote) return;
    const clientEnd = endKey(event.local);
    const serverEnd = endKey(event.remote);
    const tuple = `${clientEnd}>${serverEnd}`;
    const existing = this.byTuple.get(tuple);
    const clientSocket = `${event.labHost}/${event.socketId}`;
    if (existing && existing.connectSeq === null) {
      Object.assign(existing, { connectSeq: seq, connectRow: row, clientLane, clientSocket });
      existing.row = Math.min(existing.row, row);
      this.byTuple.delete(tuple);
      return;
    }
    const listener = this.listenerFor(event.remote.address, event.remote.port, row);
    const connection: FlowConnection = {
      id: `c${this.all.length + 1}`,
      clientLane,
      serverLane: listener?.lane ?? '',
      clientEnd,
      serverEnd,
      connectSeq: seq,
      connectRow: row,
      acceptSeq: null,
      acceptRow: null,
      row,
      queued: listener !== undefined,
      clientSocket,
      serverSocket: null,
    };
    this.all.push(connection);
    this.byTuple.set(tuple, connection);
  }

  /** The lab's listening socket a connect() reached, if one listened there at that moment. */
  private listenerFor(address: string, port: number, row: number): Listener | undefined {
    const target = normalizeAddress(address);
    const open = (l: Listener) => l.row <= row && (this.closedAt(l.socketKey) ?? Infinity) > row;
    return this.listeners.filter((l) => l.port === port && (l.address === target || isWildcard(l.address)) && open(l)).at(-1);
  }

  /** Set by the builder: when a socket closed, so a listener's lifetime is known. */
  closedAt: (socketKey: string) => number | null = () => null;

  /**
   * Decide the peers of the unpaired: an accept whose client may still be a lab client in the
   * middle of connect() waits (no lane flickers into being); otherwise the peer is outside.
   */
  finish(lanes: LaneRegistry, sockets: ReadonlyMap<string, SocketRecord>): { connections: FlowConnection[]; sides: Map<string, Side> } {
    const connecting = [...sockets.values()].filter((s) => s.role === 'client' && s.connecting);
    const connections: FlowConnection[] = [];
    const sides = new Map<string, Side>();
    for (const c of this.all) {
      if (c.clientLane === '') {
        const maybeLab = connecting.some((s) => s.remote === null || s.remote === c.serverEnd);
        if (maybeLab) continue;
        const server = c.serverSocket ? sockets.get(c.serverSocket) : undefined;
        c.clientLane = lanes.outsideLane('outside-client', laneHost(c.serverLane), c.clientEnd, c.row, server?.close?.row ?? null);
      } else if (c.serverLane === '') {
        const client = c.clientSocket ? sockets.get(c.clientSocket) : undefined;
        c.serverLane = lanes.outsideLane('outside-server', laneHost(c.clientLane), c.serverEnd, c.row, client?.close?.row ?? null);
      }
      connections.push(c);
      if (c.clientSocket) sides.set(c.clientSocket, { connection: c, side: 'client' });
      if (c.serverSocket) sides.set(c.serverSocket, { connection: c, side: 'server' });
    }
    return { connections, sides };
  }
}

function laneHost(laneKey: string): string {
  return laneKey.slice(0, laneKey.indexOf('/'));
}
