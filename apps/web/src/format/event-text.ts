import type { Lang } from '../i18n/prefs.ts';
import type { Endpoint, LabEvent, LabEventOf } from '@socket-playground/protocol';
import { explain } from '../bridge/page-errors.ts';
import { formatEndpoint, formatHostPort } from './address.ts';
import { formatByteCount, previewOf } from './bytes.ts';
import { formatClock, formatDuration } from './time.ts';
import { eventFieldZh, eventSummaryZh } from './event-text-zh.ts';
import { groupDigits } from './number.ts';

/** Words for one event: what the row says and what the details panel lists. Pure, no React. */

export const CALLS = ['socket', 'bind', 'listen', 'accept', 'connect', 'send', 'recv', 'close', 'error', 'block'] as const;

const BLOCK_WAITS: Record<LabEventOf<'block'>['blockedCall'], string> = {
  accept: 'waiting in the kernel for a client to connect',
  recv: 'waiting in the kernel for bytes (or the end of the stream)',
  connect: 'waiting in the kernel while it does the three-way handshake',
  send: 'waiting in the kernel for room in the send buffer',
};

/** "accept()", "recv(1024)": the blocking call as the program wrote it. */
export function blockedCallText(event: LabEventOf<'block'>): string {
  return event.blockedCall === 'recv' && event.bufsize !== undefined ? `recv(${event.bufsize})` : `${event.blockedCall}()`;
}

const CLOSE_REASONS: Record<LabEventOf<'close'>['reason'], string> = {
  local: 'orderly close by this side',
  peer: 'orderly close by the peer',
  reset: 'connection reset (RST): not an orderly close',
  error: 'closed after an error',
};

export function closeReasonText(reason: LabEventOf<'close'>['reason']): string {
  return CLOSE_REASONS[reason];
}

/** The one line under the call name: what the call did, in the terms of the Berkeley API. */
export function eventSummary(event: LabEvent, lang: Lang = 'en'): string {
  if (lang === 'zh') return eventSummaryZh(event, event.call === 'block' ? blockedCallText(event) : '', () => (event.call === 'error' ? explain(event.error, 'zh').title : ''));
  switch (event.call) {
    case 'block':
      return `${blockedCallText(event)} blocks: the thread is ${BLOCK_WAITS[event.blockedCall]}`;
    case 'socket':
      return event.transport === 'udp'
        ? `socket(${event.family === 'IPv6' ? 'AF_INET6' : 'AF_INET'}, SOCK_DGRAM): a new UDP socket`
        : `socket(${event.family === 'IPv6' ? 'AF_INET6' : 'AF_INET'}, SOCK_STREAM): a new TCP socket`;
    case 'bind': {
      const where = event.local ? formatEndpoint(event.local) : formatHostPort(event.requested.host, event.requested.port);
      const chose = event.requested.port === 0 && event.local ? ` (port 0: the kernel chose ${event.local.port})` : '';
      return `bound to ${where}${chose}`;
    }
    case 'listen':
      return `listening; the kernel may queue up to ${event.backlog} finished handshakes (backlog)`;
    case 'accept':
      return `accepted ${event.remote ? formatEndpoint(event.remote) : 'a client'} as new socket ${event.newSocketId}`;
    case 'connect': {
      const asked = formatHostPort(event.target.host, event.target.port);
      const via = event.target.host !== event.target.address ? ` (${event.target.address})` : '';
      return `connected to ${asked}${via}; handshake took ${formatDuration(event.durationMs)}`;
    }
    case 'send': {
      const queued = event.queued > 0 ? `${formatByteCount(event.queued)} still queued in Node, not yet taken by the kernel` : '';
      return event.calls !== undefined ? `${mergedText(event.call, event.calls, event.bytes)}${queued ? ` · ${queued}` : ''}` : queued;
    }
    case 'recv':
      if (event.eof) return 'recv() returned 0 bytes: the peer closed';
      if (event.calls !== undefined) return mergedText(event.call, event.calls, event.bytes);
      return event.bufsize !== undefined ? `recv(${event.bufsize}) returned ${formatByteCount(event.bytes)}` : '';
    case 'close':
      return `${closeReasonText(event.reason)} · sent ${formatByteCount(event.bytesSent)}, received ${formatByteCount(event.bytesReceived)}`;
    case 'error': {
      const { title } = explain(event.error);
      const failed = event.failedCall === 'policy' ? 'refused by the playground' : `${event.failedCall}() failed`;
      return `${failed}: ${title}`;
    }
  }
}

/** A hot connection's calls, merged into one event: "recv ×12, 786,432 bytes (merged: a busy connection)". */
function mergedText(call: 'send' | 'recv', calls: number, bytes: number): string {
  return `${call} ×${groupDigits(calls)}, ${formatByteCount(bytes)} (merged: a busy connection)`;
}

/** "EADDRINUSE · bind" */
export function errorCodeLine(code: string, syscall?: string): string {
  return syscall ? `${code} · ${syscall}` : code;
}

export function bytePreview(event: LabEvent): string | null {
  if (event.call !== 'send' && event.call !== 'recv') return null;
  if (event.bytes === 0) return null;
  return previewOf(event.preview, event.bytes).text;
}

const endpointText = (e: Endpoint) => `${formatEndpoint(e)} (${e.family})`;

/**
 * Every field of an event, labelled, for the details panel. English labels are stable keys (the
 * panel widens some by label); `lang: 'zh'` gives the names and the worded values in 简体中文.
 */
export function eventFields(seq: number, event: LabEvent, lang: Lang = 'en'): Array<[string, string]> {
  const fields = eventFieldsEn(seq, event);
  if (lang !== 'zh') return fields;
  const explained = () => (event.call === 'error' ? explain(event.error, 'zh') : { title: '', why: '' });
  return fields.map(([label, value]) => eventFieldZh(label, value, event, explained));
}

function eventFieldsEn(seq: number, event: LabEvent): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    ['seq', String(seq)],
    ['call', event.call],
    ['time', formatClock(event.ts)],
    ['ts (epoch ms)', event.ts.toFixed(3)],
    ['lab host', event.labHost],
    ['socket', event.socketId],
    ['owner', event.owner],
    ['role', event.role],
  ];
  if (event.nodeCall) fields.push(['inside', event.nodeCall]);
  if (event.local) fields.push(['local', endpointText(event.local)]);
  if (event.remote) fields.push(['remote', endpointText(event.remote)]);
  switch (event.call) {
    case 'block':
      fields.push(['blocked in', blockedCallText(event)]);
      if (event.bufsize !== undefined) fields.push(['bufsize', String(event.bufsize)]);
      break;
    case 'socket':
      fields.push(['family', event.family]);
      break;
    case 'bind':
      fields.push(['requested', formatHostPort(event.requested.host, event.requested.port)]);
      break;
    case 'listen':
      fields.push(['backlog', String(event.backlog)]);
      break;
    case 'accept':
      fields.push(['new socket', event.newSocketId]);
      break;
    case 'connect':
      fields.push(['target', `${formatHostPort(event.target.host, event.target.port)} → ${event.target.address}`]);
      fields.push(['handshake', formatDuration(event.durationMs)]);
      break;
    case 'send':
    case 'recv':
      if (event.calls !== undefined) fields.push(['calls merged', `${event.calls}: a busy connection's ${event.call} calls within a few milliseconds, reported as one event`]);
      fields.push(['bytes', String(event.bytes)]);
      fields.push(['stream offset', String(event.offset)]);
      if (event.call === 'send') fields.push(['queued in Node', String(event.queued)]);
      else {
        if (event.bufsize !== undefined) fields.push(['bufsize', String(event.bufsize)]);
        fields.push(['eof', event.eof ? 'yes: recv() returned 0' : 'no']);
      }
      if (event.dataId) fields.push(['data id', event.dataId]);
      break;
    case 'close':
      fields.push(['reason', closeReasonText(event.reason)]);
      fields.push(['bytes sent', String(event.bytesSent)]);
      fields.push(['bytes received', String(event.bytesReceived)]);
      break;
    case 'error': {
      const { title, why } = explain(event.error);
      fields.push(['failed call', event.failedCall]);
      fields.push(['error', errorCodeLine(event.error.code, event.error.syscall)]);
      if (event.error.errno !== undefined) fields.push(['errno', String(event.error.errno)]);
      fields.push(['what', title]);
      fields.push(['why', why]);
      if (event.error.message) fields.push(['raw message', event.error.message]);
      break;
    }
  }
  const key = event.call === 'recv' && event.eof ? 'eof' : event.call;
  const inNode = (isStepped(event) ? STEP_MAPPING[key] : undefined) ?? NODE_MAPPING[key];
  if (inNode) fields.push(['in Node', inNode]);
  return fields;
}

/** Stepped programs (step mode) are owned by ids such as "step1". */
function isStepped(event: LabEvent): boolean {
  return event.owner.startsWith('step');
}

/** Step mode runs the notes' blocking program in a thread of its own, with real blocking calls. */
const STEP_MAPPING: Record<string, string> = {
  accept: "Step mode: the server lets Node's accept() take one queued connection only when you step; until then the kernel keeps it in the accept queue.",
  recv: "Step mode: a real read of at most bufsize bytes on the socket's descriptor, from the program's own thread; it waits while the kernel's receive buffer is empty.",
  eof: "Step mode: the read returned 0 bytes: the peer closed its side (Python's recv() returns b'').",
  send: 'Step mode: a real write on the descriptor; sendall repeats it until the kernel has taken every byte.',
  connect: "Step mode: net.connect() does socket() and connect(); it returned when the kernels had finished the handshake, accepted or not.",
};

/** How the playground maps Node's API onto each Berkeley call: said plainly, not hidden. */
const NODE_MAPPING: Record<string, string> = {
  block:
    'Step mode only: the stepped program made a blocking call and its thread really waits in the kernel until the call returns. Event-loop code never blocks, so it emits no such event.',
  socket: 'Node creates the socket inside server.listen() or net.connect(); there is no separate call.',
  bind: 'Done inside server.listen(). A failed bind reaches Node as a listen error; the playground reports it as the bind it is.',
  listen: 'server.listen() returned: socket, bind and listen all happened in that one call.',
  accept: "The server's 'connection' event: Node's accept() returned a new socket.",
  connect: "net.connect() and its 'connect' event: the kernel finished the three-way handshake.",
  send: 'socket.write(): the bytes were handed to Node, which passes them to the kernel as its send buffer has room.',
  recv: "One 'data' chunk: what one read from the kernel returned.",
  eof: "The 'end' event: recv() returned 0 bytes because the peer closed its side.",
  close: "The 'close' event: the socket's file descriptor is closed.",
};
