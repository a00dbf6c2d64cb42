import type { DemoSummary } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { bytesText, count, expectedQueue, msText, plural, pyList, ratioText, sizesText, type DemoFacts, type Of, type Run } from './demo-numbers.ts';
import { demoFactsZh, ownersTextZh, runTextZh, SERVER_NAME_ZH } from './demo-sentences-zh.ts';

/** What a demonstration measured, in words (English here, 简体中文 in demo-sentences-zh.ts). */

export { bytesText, bytesTextIn, count, expectedQueue, msText, plural, pyList, ratioText, runsOf, sizesText, sum, type DemoFacts } from './demo-numbers.ts';

function recvBufsize(s: Of<'recv-bufsize'>): DemoFacts {
  const n = s.recvSizes.length;
  const lines = [
    Math.max(0, ...s.recvSizes) <= s.bufsize
      ? `No recv(${s.bufsize}) returned more than ${s.bufsize} bytes.`
      : `A recv returned more than ${s.bufsize} bytes, which recv(${s.bufsize}) should never do.`,
    `The echo server read the same bytes in ${plural(s.serverRecvSizes.length, 'read')} (${sizesText(s.serverRecvSizes)}): Node reads up to 64 KiB at a time.`,
  ];
  if (n > 1) lines.push(`A client that calls recv(${s.bufsize}) only once, like the notes’ client, would get just the first ${count(s.recvSizes[0] ?? 0)} bytes.`);
  return { headline: `The ${count(s.messageBytes)}-byte echo came back in ${plural(n, 'recv')}: ${sizesText(s.recvSizes)}`, lines };
}

function byteStream(s: Of<'byte-stream'>): DemoFacts {
  const sends = s.smallSendSizes.length;
  const recvs = s.smallRecvSizes.length;
  const merged = recvs < sends;
  return {
    headline: `${plural(sends, 'small send')} of ${pyList(s.smallSendSizes)} bytes came out of ${plural(recvs, 'recv')}: ${pyList(s.smallRecvSizes)}`,
    lines: [
      merged ? 'The receiver cannot tell where one send ended: the bytes arrived as one stream.' : 'Here every send came out of its own recv; the boundaries are still not kept by TCP.',
      `Not luck: ${s.how}.`,
      `One send of ${count(s.largeBytes)} bytes came out of ${plural(s.largeRecvSizes.length, 'recv')} of at most ${s.bufsize} bytes: ${sizesText(s.largeRecvSizes)}.`,
    ],
  };
}

function udp(s: Of<'udp'>): DemoFacts {
  const kept = s.recvSizes.length === s.sentSizes.length && s.recvSizes.every((n, i) => n === s.sentSizes[i]);
  return {
    headline: `${plural(s.sentSizes.length, 'datagram')} of ${pyList(s.sentSizes)} bytes came out of ${plural(s.recvSizes.length, 'recv')}: ${pyList(s.recvSizes)}`,
    lines: [
      kept ? 'One recv, one datagram: UDP keeps the boundaries of what was sent.' : 'The recvs did not match the datagrams one to one this time.',
      s.lostArrived
        ? `The ${s.lostBytes}-byte datagram sent before anyone was bound arrived after all — unexpected for UDP.`
        : `The ${s.lostBytes}-byte datagram sent while no socket was bound to port ${s.port} never arrived: the kernel dropped it, sendto() reported no error, and nobody sent it again.`,
      'No connect(), no accept(): the event list shows only socket, bind, send and recv.',
    ],
  };
}

function sendall(s: Of<'sendall'>): DemoFacts {
  const lines: string[] = [];
  if (s.maxSendQueue !== null && s.maxRecvQueue !== null) {
    lines.push(
      `While the reader slept, the kernel held up to ${bytesText(s.maxSendQueue)} in the sender’s send queue and ${bytesText(s.maxRecvQueue)} in the reader’s receive queue; Node kept up to ${bytesText(s.maxAppQueued)} more in its own write queue.`,
    );
  } else {
    lines.push(`Node kept up to ${bytesText(s.maxAppQueued)} in its own write queue. This system does not show the kernel’s queues, so only Node’s queue is measured.`);
  }
  lines.push(`The reader woke after ${msText(s.readerStartedMs)}; the last byte was read ${msText(s.durationMs)} after the start.`);
  lines.push(
    s.backpressured > 0
      ? 'Where write() returned false, Python’s send() would have taken only part of the bytes (or waited); sendall() would have kept calling it until the kernel took the last byte.'
      : 'Every write fitted: the buffers never filled. Send more, or let the reader sleep longer, to see backpressure.',
  );
  return {
    headline: `${plural(s.writes, 'write() call')} for ${bytesText(s.totalBytes)}: ${count(s.backpressured)} of them returned false (backpressure)`,
    lines,
  };
}

const SERVER_NAME: Record<Run['server'], string> = { blocking: 'Blocking server', 'event-loop': 'Event loop' };

export function serverName(server: Run['server'], lang: Lang = 'en'): string {
  return (lang === 'zh' ? SERVER_NAME_ZH : SERVER_NAME)[server];
}

/** One run of the many-clients demonstration in a sentence. */
export function runText(run: Run, lang: Lang = 'en'): string {
  if (lang === 'zh') return runTextZh(run);
  const failed = run.failed > 0 ? ` (${count(run.failed)} failed)` : '';
  return `${SERVER_NAME[run.server]}: ${count(run.completed)} of ${plural(run.clients, 'client')} served in ${msText(run.totalMs)}, at most ${count(run.maxConcurrent)} at once${failed}.`;
}

function manyClients(s: Of<'many-clients'>): DemoFacts {
  const blocking = s.runs.find((r) => r.server === 'blocking');
  const loop = s.runs.find((r) => r.server === 'event-loop');
  const lines = s.runs.map((r) => runText(r));
  const faster = blocking && loop ? ratioText(blocking.totalMs, loop.totalMs) : null;
  if (blocking && loop) {
    lines.push(
      `The last client got its echo after ${msText(Math.max(0, ...blocking.doneMs))} from the blocking server and after ${msText(Math.max(0, ...loop.doneMs))} from the event loop.`,
    );
  }
  const headline =
    blocking && loop && faster
      ? `The blocking server served 1 client at a time and took ${msText(blocking.totalMs)}; the event loop served up to ${count(loop.maxConcurrent)} at once and took ${msText(loop.totalMs)} (${faster} faster)`
      : s.runs.map((r) => `${SERVER_NAME[r.server]}: ${msText(r.totalMs)}`).join('; ');
  return { headline, lines };
}

function backlogFacts(s: Of<'backlog'>): DemoFacts {
  const expected = expectedQueue(s.backlog, s.somaxconn);
  const lines: string[] = [];
  if (expected !== null) {
    lines.push(
      `With listen(${s.backlog}) Linux’s accept queue holds backlog + 1 = ${expected}; ${s.connectedBeforeAccept === Math.min(expected, s.clients) ? 'that is what happened' : `${count(s.connectedBeforeAccept)} got in`}.`,
    );
  }
  if (s.acceptQueue !== null) lines.push(`The kernel’s accept queue held ${plural(s.acceptQueue, 'connection')} at that moment (read from /proc/net/tcp).`);
  if (s.somaxconn !== null) lines.push(`net.core.somaxconn is ${count(s.somaxconn)} here: a larger backlog would be cut down to it.`);
  const waiting = s.clients - s.connectedBeforeAccept;
  if (waiting > 0) {
    const who = waiting === 1 ? 'The other client’s SYN was' : `The other ${count(waiting)} clients’ SYNs were`;
    lines.push(`${who} dropped, not refused: connect() kept waiting, sent the SYN again and got in once accept() began.`);
  }
  lines.push(`${count(s.served)} of ${plural(s.clients, 'client')} got their echo${s.failed > 0 ? `; ${count(s.failed)} gave up` : ''}.`);
  return { headline: `${count(s.connectedBeforeAccept)} of ${plural(s.clients, 'client')} were connected before the server called accept()`, lines };
}

export function demoFacts(summary: DemoSummary, lang: Lang = 'en'): DemoFacts {
  if (lang === 'zh') return demoFactsZh(summary);
  switch (summary.demo) {
    case 'recv-bufsize':
      return recvBufsize(summary);
    case 'byte-stream':
      return byteStream(summary);
    case 'sendall':
      return sendall(summary);
    case 'many-clients':
      return manyClients(summary);
    case 'backlog':
      return backlogFacts(summary);
    case 'udp':
      return udp(summary);
  }
}

/** Where the demonstration's calls are in the event list: the owners it gave its clients. */
export function ownersText(summary: DemoSummary, lang: Lang = 'en'): string {
  if (lang === 'zh') return ownersTextZh(summary);
  const id = summary.demoId;
  switch (summary.demo) {
    case 'many-clients': {
      const n = summary.runs[0]?.clients ?? 0;
      const names = summary.runs.map((r) => `${id}-${r.server === 'blocking' ? 'b' : 'e'}1…${n}`);
      return `Every call is in the event list: the clients are ${names.join(' and ')} (${summary.runs.map((r) => serverName(r.server).toLowerCase()).join(', ')}).`;
    }
    case 'backlog':
      return `Every call is in the event list: the clients are ${id}-c1…${summary.clients}, the server listens on port ${summary.port}.`;
    case 'udp':
      return `Every call is in the event list: both UDP sockets belong to ${id}; the receiver is bound to port ${summary.port}.`;
    default:
      return `Every call is in the event list: the client is ${id}, the server listens on port ${summary.port}.`;
  }
}
