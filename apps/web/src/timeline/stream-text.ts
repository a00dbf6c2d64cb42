import type { Lang } from '../i18n/prefs.ts';
import type { MatchSummary } from './matching.ts';
import type { ByteBlock, DirIndex, Side, StreamConnection } from './stream-types.ts';

/** The words of the Bytes tab: names of sides and directions, and what a block's matches mean. */

/** "12 B", "1,024 B": exact, since offsets are exact. */
export function formatB(n: number): string {
  return `${n.toLocaleString('en-US')} B`;
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
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'byte' : 'bytes'}`;
}

export const DIR_LABEL: Record<DirIndex, string> = { 0: 'client → server', 1: 'server → client' };
/** The direction in `lang`. */
export function dirLabel(dir: DirIndex, lang: Lang = 'en'): string {
  return (lang === 'zh' ? DIR_LABEL_ZH : DIR_LABEL)[dir];
}

export const DIR_SHORT: Record<DirIndex, string> = { 0: 'c→s', 1: 's→c' };

/** "client cli1", "server srv1", "outside client 127.0.0.1:50234". */
export function sideName(conn: StreamConnection, side: Side): string {
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
export function connectionWho(conn: StreamConnection): string {
  const who = (side: Side) => {
    const end = conn[side];
    if (!end) return 'outside';
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
  const part = from === block.offset && to === block.offset + block.bytes ? '' : `, bytes ${from.toLocaleString('en-US')}–${(to - 1).toLocaleString('en-US')} of it`;
  return `${blockName(block)} (${formatB(block.bytes)} at offset ${block.offset.toLocaleString('en-US')}${part})`;
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
    const which = s.matched === block.bytes ? `These ${bytesWord(block.bytes)}` : `${s.matched.toLocaleString('en-US')} of these ${bytesWord(block.bytes)}`;
    parts.push(`${which} ${verb} ${calls}`);
  }
  if (s.unread > 0) parts.push(`${bytesWord(s.unread)} not read by the receiver yet`);
  if (s.unseen > 0) {
    if (block.call === 'send') parts.push(s.outside ? `${bytesWord(s.unseen)} went to a program outside the playground, whose recvs are not seen` : `${bytesWord(s.unseen)} were read by recvs no longer in the page's memory`);
    else parts.push(s.outside ? `${bytesWord(s.unseen)} were sent by a program outside the playground` : `${bytesWord(s.unseen)} came from sends no longer in the page's memory`);
  }
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/* The same sentences in 简体中文. */

const num = (n: number): string => n.toLocaleString('en-US');

const bytesWordZh = (n: number): string => `${num(n)} 个字节`;

const DIR_LABEL_ZH: Record<DirIndex, string> = { 0: '客户端 → 服务器', 1: '服务器 → 客户端' };

function blockRefZh(block: ByteBlock, name: string, from: number, to: number): string {
  const part = from === block.offset && to === block.offset + block.bytes ? '' : `，其中第 ${num(from)}–${num(to - 1)} 字节`;
  return `${name}（${num(block.bytes)} B，位于偏移 ${num(block.offset)}${part}）`;
}

function matchSentenceZh(block: ByteBlock, s: MatchSummary): string {
  if (block.bytes === 0) return '这次调用没有传输任何字节。';
  const n = s.matches.length;
  const send = block.call === 'send';
  const parts: string[] = [];
  if (n > 0) {
    const which = s.matched === block.bytes ? `这 ${bytesWordZh(block.bytes)}` : `这 ${bytesWordZh(block.bytes)}中的 ${num(s.matched)} 字节`;
    parts.push(send ? `${which}由 ${n} 次 recv 收到` : `${which}来自 ${n} 次 send`);
  }
  if (s.unread > 0) parts.push(`${bytesWordZh(s.unread)}接收方还没有读`);
  if (s.unseen > 0) {
    const b = bytesWordZh(s.unseen);
    if (send) parts.push(s.outside ? `${b}发给了 playground 之外的程序，看不到它的 recv` : `${b}被已不在页面内存中的 recv 读走`);
    else parts.push(s.outside ? `${b}由 playground 之外的程序发送` : `${b}来自已不在页面内存中的 send`);
  }
  return `${parts.join('；')}。`;
}
