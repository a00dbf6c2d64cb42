import type { LabEvent } from '@socket-playground/protocol';
import { formatEndpoint, formatHostPort } from '../format/address.ts';
import { formatDuration } from '../format/time.ts';
import type { Lang } from '../i18n/prefs.ts';
import type { FlowArrow, FlowBlock, FlowLane, ItemTone } from './flow-types.ts';
import { arrowDescriptionZh, arrowLabelZh, blockLabelZh, blockWaitZh, itemWordsZh } from './labels-zh.ts';

/** The short words the diagram writes on its items, arrows and bars. Pure, shared with tests. */

/** "12 B", "1.5 KiB": short enough for an arrow. */
export function shortBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** What an item on a lane says: the call as a program would write it, and what it returned. */
export function itemLabel(event: LabEvent, lang: Lang = 'en'): { label: string; tone: ItemTone } {
  const english = itemLabelEn(event);
  const zh = lang === 'zh' ? itemWordsZh(event) : null;
  return zh === null ? english : { ...english, label: zh };
}

function itemLabelEn(event: LabEvent): { label: string; tone: ItemTone } {
  switch (event.call) {
    case 'socket':
      return { label: 'socket()', tone: 'setup' };
    case 'bind':
      return { label: `bind(${event.local ? formatEndpoint(event.local) : formatHostPort(event.requested.host, event.requested.port)})`, tone: 'setup' };
    case 'listen':
      return { label: `listen(${event.backlog})`, tone: 'setup' };
    case 'accept':
      return { label: `accept() → ${event.newSocketId}`, tone: 'connect' };
    case 'connect':
      return { label: 'connect()', tone: 'connect' };
    case 'send':
      return { label: `send() ${shortBytes(event.bytes)}`, tone: 'data' };
    case 'recv': {
      const call = event.bufsize !== undefined ? `recv(${event.bufsize})` : 'recv()';
      return event.eof ? { label: `${call} → b''`, tone: 'eof' } : { label: `${call} → ${shortBytes(event.bytes)}`, tone: 'data' };
    }
    case 'close':
      switch (event.reason) {
        case 'reset':
          return { label: 'close(): RST', tone: 'reset' };
        case 'error':
          return { label: 'close() after error', tone: 'error' };
        case 'peer':
          return { label: 'close() after EOF', tone: 'close' };
        case 'local':
          return { label: event.role === 'listener' ? 'close()' : 'close(): FIN', tone: 'close' };
      }
      return { label: 'close()', tone: 'close' };
    case 'error':
      return { label: `✗ ${event.error.code}`, tone: event.error.code === 'ECONNRESET' ? 'reset' : 'error' };
    case 'block':
      return { label: `${event.blockedCall}() blocks`, tone: 'setup' };
  }
}

/** "+12.3 ms", "+1.234 s", "+2 min 5 s": time since the session's first event, short for the gutter. */
export function compactTime(ts: number, originTs: number | null): string {
  if (originTs === null) return '';
  const d = Math.max(0, ts - originTs);
  if (d < 1) return `+${d.toFixed(2)} ms`;
  if (d < 1000) return `+${d.toFixed(1)} ms`;
  if (d < 60_000) return `+${(d / 1000).toFixed(3)} s`;
  return `+${Math.floor(d / 60_000)} min ${Math.floor((d % 60_000) / 1000)} s`;
}

/** "1.2 s", "3 min": the length of a pause. */
export function pauseText(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** "12 B 'Hello, world'", "FIN", "RST" (one argument, so it maps over arrows). */
export function arrowLabel(arrow: FlowArrow): string {
  return arrowLabelIn(arrow, 'en');
}

/** arrowLabel in the page's language: "FIN（尚未读取）". */
export function arrowLabelIn(arrow: FlowArrow, lang: Lang): string {
  if (lang === 'zh') return arrowLabelZh(arrow, shortBytes(arrow.bytes));
  if (arrow.kind === 'fin') return arrow.toRow === null ? 'FIN (not read yet)' : 'FIN';
  if (arrow.kind === 'rst') return 'RST';
  const text = arrow.preview ? ` '${arrow.preview}'` : '';
  return `${shortBytes(arrow.bytes)}${text}`;
}

/** The sentence a tooltip gives an arrow. */
export function arrowDescription(arrow: FlowArrow, from: FlowLane | undefined, to: FlowLane | undefined, lang: Lang = 'en'): string {
  if (lang === 'zh') return arrowDescriptionZh(arrow, from, to, shortBytes(arrow.bytes));
  const who = (lane: FlowLane | undefined) => (lane ? lane.title : 'the peer');
  switch (arrow.kind) {
    case 'fin':
      return arrow.toRow === null
        ? `${who(from)} closed its side: a FIN is waiting; the next recv() of ${who(to)} returns b''.`
        : `${who(from)} closed its side (FIN): recv() of ${who(to)} returned b'', the end of the stream.`;
    case 'rst':
      return `The connection was reset (RST): ${who(to)} got ECONNRESET instead of an orderly end.`;
    case 'data':
      if (arrow.fromSeq === null) return `${shortBytes(arrow.bytes)} from ${who(from)} (its send() is not visible here) returned by this recv().`;
      if (arrow.toSeq === null && arrow.toRow === null) return `${shortBytes(arrow.bytes)} sent, waiting in the receive buffer of ${who(to)}: no recv() has taken them yet.`;
      if (arrow.toSeq === null) return `${shortBytes(arrow.bytes)} sent to ${who(to)} (outside the playground).`;
      return `${shortBytes(arrow.bytes)} of this send() came out of that recv(): TCP is a byte stream, so sends and recvs need not match one to one.`;
  }
}

const WAITS: Record<FlowBlock['call'], string> = {
  accept: 'waiting for a client',
  recv: 'waiting for bytes',
  connect: 'handshake in progress',
  send: 'send buffer full',
};

/** "accept()", "recv(1024)": the blocking call as the program wrote it. */
export function blockCall(block: FlowBlock): string {
  return block.call === 'recv' && block.bufsize !== undefined ? `recv(${block.bufsize})` : `${block.call}()`;
}

/** The parts of a bar's words: what it waits for and how long it has (or had) waited. */
export function blockParts(block: FlowBlock, now: number, lang: Lang = 'en'): { call: string; wait: string; took: string; open: boolean } {
  const end = block.endTs ?? now;
  return {
    call: blockCall(block),
    wait: lang === 'zh' ? blockWaitZh(block.call) : WAITS[block.call],
    took: formatDuration(Math.max(0, end - block.startTs)),
    open: block.endRow === null,
  };
}

/** The pill at the top of a bar: "accept() blocks". */
export function blockMarker(block: FlowBlock, lang: Lang = 'en'): string {
  return lang === 'zh' ? `${blockCall(block)} 阻塞` : `${blockCall(block)} blocks`;
}

/** "blocked in accept(): 2.345 s" on the bar; `now` for a bar still open. */
export function blockLabel(block: FlowBlock, now: number, lang: Lang = 'en'): string {
  const { call, wait, took, open } = blockParts(block, now, lang);
  if (lang === 'zh') return blockLabelZh(call, wait, took, open);
  return open ? `blocked in ${call}: ${wait} · ${took}` : `${call} blocked ${took}`;
}
