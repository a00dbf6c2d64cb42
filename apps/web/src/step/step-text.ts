import type { Lang } from '../i18n/prefs.ts';
import type { KernelConnection, SequencedLabEvent, StepperInfo } from '@socket-playground/protocol';
import { formatEndpoint } from '../format/address.ts';
import { base64ToBytes, formatByteCount, pythonBytesRepr } from '../format/bytes.ts';
import type { FlowModel } from '../flow/flow-types.ts';
import { backlogTextZh, clientStatusZh, FINISHED_ZH, queuedTextZh, serverStatusZh, STEP_NOTES_ZH } from './step-text-zh.ts';

/**
 * What the step panel says: the label of the next call, and where the program stands in plain
 * words. Built from the stepper's state (the bridge's) and the events (what really happened).
 */

export interface StepButton {
  label: string;
  note?: string;
}

const utf8 = new TextEncoder();

export function stepButton(info: StepperInfo, message?: string, lang: Lang = 'en'): StepButton {
  const zh = lang === 'zh';
  switch (info.next) {
    case null:
      return zh ? FINISHED_ZH : { label: 'finished' };
    case 'listen':
      return { label: 'listen()', note: zh ? STEP_NOTES_ZH.listen : 'Node does socket(), bind() and listen() in this one call' };
    case 'accept':
      return { label: 'accept()' };
    case 'recv':
      return { label: `recv(${info.bufsize})` };
    case 'sendall':
      if (info.program === 'blocking-echo-server') return { label: 'sendall(data)' };
      return { label: message === undefined ? 'sendall(message)' : `sendall(${pythonBytesRepr(utf8.encode(message))})` };
    case 'close':
      return { label: 'close()' };
    case 'connect':
      return { label: 'connect()', note: zh ? STEP_NOTES_ZH.connect : 'Node does socket() and connect() in this one call (net.connect())' };
  }
}

/** What the events tell about one stepped program. */
export interface StepFacts {
  /** The connection of a stepped client was taken by the server's accept(). */
  accepted: boolean | null;
  /** The last recv() of the program: how many bytes, as Python would print them. */
  lastRecv: { bytes: number; repr: string } | null;
  /** Bytes the program sent on its current connection. */
  sent: number;
}

export function stepFacts(model: FlowModel, entries: readonly SequencedLabEvent[], info: StepperInfo): StepFacts {
  const lane = `${info.labHost}/${info.stepperId}`;
  const connection = model.connections.filter((c) => c.clientLane === lane).at(-1);
  let lastRecv: StepFacts['lastRecv'] = null;
  let sent = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    const { event } = entries[i]!;
    if (event.owner !== info.stepperId || event.labHost !== info.labHost) continue;
    if (event.call === 'accept' || event.call === 'connect') break;
    if (event.call === 'send') sent += event.bytes;
    if (event.call === 'recv' && lastRecv === null) {
      const bytes = base64ToBytes(event.preview);
      const repr = pythonBytesRepr(bytes) + (bytes.length < event.bytes ? '…' : '');
      lastRecv = { bytes: event.bytes, repr };
    }
  }
  return { accepted: connection ? !connection.queued : null, lastRecv, sent };
}

const RUNNING = ' Running: one call about every 300 ms.';

export function serverStatus(info: StepperInfo, facts: StepFacts, lang: Lang = 'en'): string {
  if (lang === 'zh') return serverStatusZh(info, facts);
  const tail = info.running && !info.finished ? RUNNING : '';
  const peer = info.connection ? formatEndpoint(info.connection.remote) : 'the client';
  const queue = info.kernel?.acceptQueue.length;
  if (info.finished || info.next === null) return 'Finished: the server closed its sockets. Reset to start again.';
  switch (info.blockedIn) {
    case 'accept':
      return `Blocked in accept(): waiting for a client. The thread sleeps in the kernel until a connection is queued.${tail}`;
    case 'recv':
      return `Blocked in recv(${info.bufsize}): waiting for bytes from ${peer}. The receive buffer is empty.${tail}`;
    case 'send':
      return `Blocked in sendall(): the send buffer is full, waiting for ${peer} to read.${tail}`;
    case 'connect':
    case null:
      break;
  }
  const where = info.listening ? formatEndpoint(info.listening) : null;
  switch (info.next) {
    case 'listen':
      return 'Nothing has touched the network yet. The first step creates the listening socket.';
    case 'accept':
      if (queue === undefined) return `Listening on ${where ?? '?'}. accept() takes the next queued connection, or blocks until a client connects.${tail}`;
      if (queue === 0) return `Listening on ${where ?? '?'}. The accept queue is empty: accept() will block until a client connects.${tail}`;
      return `Listening on ${where ?? '?'}. ${queue === 1 ? '1 connection waits' : `${queue} connections wait`} in the accept queue: accept() returns the first at once.${tail}`;
    case 'recv': {
      const waiting = info.kernel?.connection?.recvQueue;
      const buffer = waiting === undefined ? '' : waiting === 0 ? ' Its receive buffer is empty, so recv() will block.' : ` ${formatByteCount(waiting)} wait in its receive buffer.`;
      return `Serving ${peer}. recv(${info.bufsize}) returns at most ${formatByteCount(info.bufsize)}.${buffer}${tail}`;
    }
    case 'sendall': {
      const got = facts.lastRecv ? `recv() returned ${facts.lastRecv.repr} (${formatByteCount(facts.lastRecv.bytes)}). ` : '';
      return `${got}sendall(data) sends the same bytes back.${tail}`;
    }
    case 'close':
      return `recv() returned b'': ${peer} closed its side. close() ends this connection; then the loop calls accept() again.${tail}`;
    default:
      return tail.trim();
  }
}

export function clientStatus(info: StepperInfo, facts: StepFacts, lang: Lang = 'en'): string {
  if (lang === 'zh') return clientStatusZh(info, facts);
  const tail = info.running && !info.finished ? RUNNING : '';
  const server = `${info.target.host}:${info.target.port}`;
  const notAccepted = facts.accepted === false;
  if (info.finished || info.next === null) return 'Finished: the socket is closed.';
  switch (info.blockedIn) {
    case 'connect':
      return `Blocked in connect(): the kernels are doing the handshake with ${server}. When the server's accept queue is full, its kernel drops the SYN and connect() waits and retries.${tail}`;
    case 'recv':
      return notAccepted
        ? `Blocked in recv(${info.bufsize}): the server has not even accepted the connection, so no echo can come yet.${tail}`
        : `Blocked in recv(${info.bufsize}): waiting for the echo; the server has not sent it yet.${tail}`;
    case 'send':
      return `Blocked in sendall(): the send buffer is full.${tail}`;
    case 'accept':
    case null:
      break;
  }
  switch (info.next) {
    case 'connect':
      return `Not connected. connect() has the kernel do the three-way handshake with ${server}.`;
    case 'sendall':
      return notAccepted
        ? `connect() returned: the kernel finished the handshake and queued the connection; the server has not accepted it yet.${tail}`
        : `Connected to ${server}. sendall() hands the message to the kernel.${tail}`;
    case 'recv':
      return notAccepted
        ? `Sent ${formatByteCount(facts.sent)}: they wait in the server's receive buffer although the server has not accepted the connection yet. recv(${info.bufsize}) will block until the echo comes.${tail}`
        : `Sent ${formatByteCount(facts.sent)}. recv(${info.bufsize}) returns the echo, or blocks until it arrives.${tail}`;
    case 'close':
      return `${facts.lastRecv ? `Received ${facts.lastRecv.repr}. ` : ''}close() ends the connection (FIN).${tail}`;
    default:
      return tail.trim();
  }
}

/** "Linux queues up to 2 finished handshakes (backlog 1 + 1)". */
export function backlogText(backlog: number, lang: Lang = 'en'): string {
  if (lang === 'zh') return backlogTextZh(backlog);
  return `listen(${backlog}): Linux queues up to ${backlog + 1} finished ${backlog + 1 === 1 ? 'handshake' : 'handshakes'} (backlog + 1) until accept() takes them; when the queue is full, new clients wait in connect().`;
}

/** "127.0.0.1:54321 · ESTABLISHED · 12 bytes waiting". */
export function queuedText(c: KernelConnection, lang: Lang = 'en'): string {
  if (lang === 'zh') return queuedTextZh(formatEndpoint(c.remote), c.state, c.recvQueue);
  return `${formatEndpoint(c.remote)} · ${c.state} · ${c.recvQueue === 0 ? 'no bytes waiting' : `${formatByteCount(c.recvQueue)} waiting`}`;
}
