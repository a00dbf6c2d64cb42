import type { LabEvent } from '@socket-playground/protocol';
import type { FlowArrow, FlowBlock, FlowLane, LaneKind } from './flow-types.ts';

/**
 * The call-flow diagram's words in 简体中文 (see labels.ts and lanes.ts for the English and the
 * rules). Pure. API names (send(), recv(), close()), FIN, RST and errno codes stay as they are.
 */

/** The few item labels that carry words; the rest (socket(), bind(…), recv() → 12 B) are code. */
export function itemWordsZh(event: LabEvent): string | null {
  if (event.call === 'close' && event.reason === 'error') return 'close()（出错后）';
  if (event.call === 'close' && event.reason === 'peer') return 'close()（EOF 后）';
  if (event.call === 'block') return `${event.blockedCall}() 阻塞`;
  return null;
}

/** "echo server srv1", "stepped client step2", "outside client". */
export function laneTitleZh(kind: LaneKind, stepped: boolean, owner: string | null, labHost: string): string {
  if (kind === 'outside-client') return '外部客户端';
  if (kind === 'outside-server') return '外部服务器';
  const what = kind === 'server' ? (stepped ? '单步服务器' : 'Echo 服务器') : stepped ? '单步客户端' : 'Echo 客户端';
  const title = `${what} ${owner ?? ''}`.trim();
  return labHost === 'local' ? title : `${labHost}：${title}`;
}

export function arrowLabelZh(arrow: FlowArrow, bytes: string): string {
  if (arrow.kind === 'fin') return arrow.toRow === null ? 'FIN（尚未读取）' : 'FIN';
  if (arrow.kind === 'rst') return 'RST';
  return `${bytes}${arrow.preview ? ` '${arrow.preview}'` : ''}`;
}

export function arrowDescriptionZh(arrow: FlowArrow, from: FlowLane | undefined, to: FlowLane | undefined, bytes: string): string {
  const who = (lane: FlowLane | undefined) => (lane ? lane.title : '对端');
  switch (arrow.kind) {
    case 'fin':
      return arrow.toRow === null
        ? `${who(from)} 关闭了它那一端：一个 FIN 正在等待；${who(to)} 的下一次 recv() 会返回 b''。`
        : `${who(from)} 关闭了它那一端（FIN）：${who(to)} 的 recv() 返回了 b''，即流的结束。`;
    case 'rst':
      return `连接被重置（RST）：${who(to)} 得到的是 ECONNRESET，而不是正常的结束。`;
    case 'data':
      if (arrow.fromSeq === null) return `${bytes} 来自 ${who(from)}（这里看不到它的 send()），由这次 recv() 返回。`;
      if (arrow.toSeq === null && arrow.toRow === null) return `已发送 ${bytes}，正在 ${who(to)} 的接收缓冲区里等待：还没有 recv() 取走它们。`;
      if (arrow.toSeq === null) return `已发送 ${bytes} 给 ${who(to)}（在练习场之外）。`;
      return `这次 send() 的 ${bytes} 由那次 recv() 取出：TCP 是字节流，send 和 recv 不必一一对应。`;
  }
}

const WAITS_ZH: Record<FlowBlock['call'], string> = {
  accept: '等待客户端',
  recv: '等待字节',
  connect: '正在握手',
  send: '发送缓冲区已满',
};

export function blockWaitZh(call: FlowBlock['call']): string {
  return WAITS_ZH[call];
}

/** "阻塞在 accept()：等待客户端 · 2.345 s", "accept() 阻塞了 2.345 s". */
export function blockLabelZh(call: string, wait: string, took: string, open: boolean): string {
  return open ? `阻塞在 ${call}：${wait} · ${took}` : `${call} 阻塞了 ${took}`;
}
