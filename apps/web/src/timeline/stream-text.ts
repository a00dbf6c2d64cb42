import type { Lang } from '../i18n/prefs.ts';
import type { MatchSummary } from './matching.ts';
import type { ByteBlock, DirIndex, Side, StreamConnection, StreamMark } from './stream-types.ts';
import { blockRefZh, bytesWordZh, DIR_LABEL_ZH, DIR_SHORT_ZH, markLabelZh, matchSentenceZh, OUTSIDE_ZH, sideNameZh } from './stream-text-zh.ts';
import { groupDigits } from '../format/number.ts';

/** The words of the Bytes tab: names of sides and directions, and what a block's matches mean. */

/** "12 B", "1,024 B": exact, since offsets are exact. */
export function formatB(n: number): string {
  return `${groupDigits(n)} B`;
}

/** A short time since `origin` for narrow columns: "+0.412 ms", "+731.4 ms", "+24.991 s". */
export function shortTime(ts: number, origin: number): string {
  const d = ts - origin;
  const sign = d < 0 ? '−' : '+';
  const a = Math.abs(d);
  if (a >= 1000) return `${sign}${(a / 1000).toFixed(3)} s`;
  if (a >= 100) return `${sign}${a.toFixed(1)} ms`;
  return `${sign}${a.toFixed(3)} ms`;
}

/** "12 bytes", "1 byte". */
export function bytesWord(n: number, lang: Lang = 'en'): string {
  if (lang === 'zh') return bytesWordZh(n);
  return `${groupDigits(n)} ${n === 1 ? 'byte' : 'bytes'}`;
}

export const DIR_LABEL: Record<DirIndex, string> = { 0: 'client → server', 1: 'server → client' };
/** The direction in `lang`. */
export function dirLabel(dir: DirIndex, lang: Lang = 'en'): string {
  return (lang === 'zh' ? DIR_LABEL_ZH : DIR_LABEL)[dir];
}

export const DIR_SHORT: Record<DirIndex, string> = { 0: 'c→s', 1: 's→c' };
/** The direction in a narrow column, in `lang`. */
export function dirShort(dir: DirIndex, lang: Lang = 'en'): string {
  return (lang === 'zh' ? DIR_SHORT_ZH : DIR_SHORT)[dir];
}

/** "client cli1", "server srv1", "outside client 127.0.0.1:50234". */
export function sideName(conn: StreamConnection, side: Side, lang: Lang = 'en'): string {
  if (lang === 'zh') return sideNameZh(conn, side);
  const end = conn[side];
  const what = side === 'a' ? 'client' : 'server';
  if (end) return end.labHost === 'local' ? `${what} ${end.owner}` : `${end.labHost}: ${what} ${end.owner}`;
  const address = side === 'a' ? conn.aEnd : conn.bEnd;
  return `outside ${what}${address ? ` ${address}` : ''}`;
}

/** "127.0.0.1:50001 ⇄ 127.0.0.1:65432" (client first). */
export function connectionTitle(conn: StreamConnection): string {
  return `${conn.aEnd ?? '?'} ⇄ ${conn.bEnd ?? '?'}`;
}

/** "cli1 ⇄ srv1", "outside ⇄ srv1". */
export function connectionWho(conn: StreamConnection, lang: Lang = 'en'): string {
  const who = (side: Side) => {
    const end = conn[side];
    if (!end) return lang === 'zh' ? OUTSIDE_ZH : 'outside';
    return end.labHost === 'local' ? end.owner : `${end.labHost}/${end.owner}`;
  };
  return `${who('a')} ⇄ ${who('b')}`;
}

/** "send #12" */
export function blockName(block: Pick<ByteBlock, 'call' | 'seq'>): string {
  return `${block.call} #${block.seq}`;
}

/** "recv #12 (1,024 B at offset 0)" */
export function blockRef(block: ByteBlock, from = block.offset, to = block.offset + block.bytes, lang: Lang = 'en'): string {
  if (lang === 'zh') return blockRefZh(block, blockName(block), from, to);
  const part = from === block.offset && to === block.offset + block.bytes ? '' : `, bytes ${groupDigits(from)}–${groupDigits(to - 1)} of it`;
  return `${blockName(block)} (${formatB(block.bytes)} at offset ${groupDigits(block.offset)}${part})`;
}

/** The sentence above the list of matches: where this block's bytes went, or came from. */
export function matchSentence(block: ByteBlock, s: MatchSummary, lang: Lang = 'en'): string {
  if (lang === 'zh') return matchSentenceZh(block, s);
  if (block.bytes === 0) return 'This call moved no bytes.';
  const n = s.matches.length;
  const calls = block.call === 'send' ? (n === 1 ? 'one recv' : `${n} recvs`) : n === 1 ? 'one send' : `${n} sends`;
  const verb = block.call === 'send' ? 'arrived in' : 'came from';
  const parts: string[] = [];
  if (n > 0) {
    const which = s.matched === block.bytes ? `These ${bytesWord(block.bytes)}` : `${groupDigits(s.matched)} of these ${bytesWord(block.bytes)}`;
    parts.push(`${which} ${verb} ${calls}`);
  }
  if (s.later.length > 0) {
    const m = s.later.length;
    if (block.call === 'send') parts.push(`${bytesWord(s.laterBytes)} not read yet at the replay position (read later, by ${m === 1 ? 'one recv' : `${m} recvs`})`);
    else parts.push(`${bytesWord(s.laterBytes)} came from ${m === 1 ? 'a send' : `${m} sends`} after the replay position`);
  }
  if (s.unread > 0) parts.push(`${bytesWord(s.unread)} not read by the receiver yet`);
  if (s.unseen > 0) {
    if (block.call === 'send') parts.push(s.outside ? `${bytesWord(s.unseen)} went to a program outside the playground, whose recvs are not seen` : `${bytesWord(s.unseen)} were read by recvs no longer in the page's memory`);
    else parts.push(s.outside ? `${bytesWord(s.unseen)} were sent by a program outside the playground` : `${bytesWord(s.unseen)} came from sends no longer in the page's memory`);
  }
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** A close, reset, EOF or error on the timeline: "close (peer)", "reset (RST)", "EOF", "recv: ECONNRESET". */
export function markLabel(mark: StreamMark, lang: Lang = 'en'): string {
  return lang === 'zh' ? markLabelZh(mark) : mark.label;
}
