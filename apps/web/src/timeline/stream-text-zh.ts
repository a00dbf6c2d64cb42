import type { MatchSummary } from './matching.ts';
import type { MissingRange } from './stream-bytes.ts';
import type { ByteBlock, CloseReason, DirIndex, Side, StreamConnection, StreamMark } from './stream-types.ts';
import { groupDigits } from '../format/number.ts';

/**
 * The Bytes tab's sentences in 简体中文 (see stream-text.ts and stream-bytes.ts for the English
 * and the rules). API names (send, recv, close), EOF, RST, errno names and numbers stay as they are.
 */

const num = (n: number): string => groupDigits(n);

export const bytesWordZh = (n: number): string => `${num(n)} 个字节`;

export const DIR_LABEL_ZH: Record<DirIndex, string> = { 0: '客户端 → 服务器', 1: '服务器 → 客户端' };
export const DIR_SHORT_ZH: Record<DirIndex, string> = { 0: '客→服', 1: '服→客' };

/** "客户端 cli1"、"服务器 srv1"、"外部客户端 127.0.0.1:50234"。 */
export function sideNameZh(conn: StreamConnection, side: Side): string {
  const end = conn[side];
  const what = side === 'a' ? '客户端' : '服务器';
  if (end) return end.labHost === 'local' ? `${what} ${end.owner}` : `${end.labHost}：${what} ${end.owner}`;
  const address = side === 'a' ? conn.aEnd : conn.bEnd;
  return `外部${what}${address ? ` ${address}` : ''}`;
}

/** A program outside the playground, in "cli1 ⇄ 外部". */
export const OUTSIDE_ZH = '外部';

export function blockRefZh(block: ByteBlock, name: string, from: number, to: number): string {
  const part = from === block.offset && to === block.offset + block.bytes ? '' : `，其中第 ${num(from)}–${num(to - 1)} 字节`;
  return `${name}（${num(block.bytes)} B，位于偏移 ${num(block.offset)}${part}）`;
}

export function matchSentenceZh(block: ByteBlock, s: MatchSummary): string {
  if (block.bytes === 0) return '这次调用没有传输任何字节。';
  const n = s.matches.length;
  const send = block.call === 'send';
  const parts: string[] = [];
  if (n > 0) {
    const which = s.matched === block.bytes ? `这 ${bytesWordZh(block.bytes)}` : `这 ${bytesWordZh(block.bytes)}中的 ${num(s.matched)} 字节`;
    parts.push(send ? `${which}由 ${n} 次 recv 收到` : `${which}来自 ${n} 次 send`);
  }
  if (s.later.length > 0) {
    const b = bytesWordZh(s.laterBytes);
    parts.push(send ? `${b}在回放位置时还没被读走（之后由 ${s.later.length} 次 recv 读走）` : `${b}来自回放位置之后的 ${s.later.length} 次 send`);
  }
  if (s.unread > 0) parts.push(`${bytesWordZh(s.unread)}接收方还没有读`);
  if (s.unseen > 0) {
    const b = bytesWordZh(s.unseen);
    if (send) parts.push(s.outside ? `${b}发给了 playground 之外的程序，看不到它的 recv` : `${b}被已不在页面内存中的 recv 读走`);
    else parts.push(s.outside ? `${b}由 playground 之外的程序发送` : `${b}来自已不在页面内存中的 send`);
  }
  return `${parts.join('；')}。`;
}

const CLOSE_ZH: Record<CloseReason, string> = { local: '本端', peer: '对端', reset: 'RST', error: '出错' };

/** The timeline's words for a close or reset: "close（对端）"、"重置（RST）"; EOF and errno names stay. */
export function markLabelZh(mark: StreamMark): string {
  if (mark.kind === 'eof' || mark.code !== undefined || mark.reason === undefined) return mark.label;
  return mark.reason === 'reset' ? '重置（RST）' : `close（${CLOSE_ZH[mark.reason]}）`;
}

/** "第 0–1,023 字节（它们的调用已不在页面中）"。 */
export function missingTextZh(m: MissingRange): string {
  const range = `第 ${num(m.from)}–${num(m.to - 1)} 字节`;
  return `${range}（${m.why === 'gone' ? '它们的调用已不在页面中' : '桥接程序已不再保存，只留下了前几个字节'}）`;
}

/** The note after a .bin export. */
export function savedNoteZh(name: string, dir: DirIndex): string {
  return `已保存 ${name}，即完整的 ${DIR_LABEL_ZH[dir]} 字节流。`;
}

export function savedPartNoteZh(name: string, total: string, shown: string, moreGaps: number, live: boolean): string {
  const more = moreGaps > 0 ? `；还有 ${moreGaps} 处缺口` : '';
  return `已保存 ${name}（共 ${total}），只包含现有的部分。缺少：${shown}${more}。${live ? '' : '已保存的会话只保留每次调用的前几个字节。'}`;
}
