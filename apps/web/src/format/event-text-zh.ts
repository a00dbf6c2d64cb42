import type { LabEvent, LabEventOf } from '@socket-playground/protocol';
import { formatEndpoint, formatHostPort } from './address.ts';
import { formatByteCount } from './bytes.ts';

const bytesZh = (n: number): string => formatByteCount(n, 'zh');
import { formatDuration } from './time.ts';
import { groupDigits } from './number.ts';

/** The event row's one line in 简体中文 (see event-text.ts for the English and the rules). */

const BLOCK_WAITS: Record<LabEventOf<'block'>['blockedCall'], string> = {
  accept: '在内核中等待客户端连接',
  recv: '在内核中等待字节（或流的结束）',
  connect: '在内核中等待三次握手完成',
  send: '在内核中等待发送缓冲区腾出空间',
};

const CLOSE_REASONS: Record<LabEventOf<'close'>['reason'], string> = {
  local: '本端正常关闭',
  peer: '对端正常关闭',
  reset: '连接被重置（RST）：不是正常关闭',
  error: '出错后关闭',
};

export function closeReasonTextZh(reason: LabEventOf<'close'>['reason']): string {
  return CLOSE_REASONS[reason];
}

export function eventSummaryZh(event: LabEvent, blocked: string, errorTitle: () => string): string {
  switch (event.call) {
    case 'block':
      return `${blocked} 阻塞：线程正${BLOCK_WAITS[event.blockedCall]}`;
    case 'socket':
      return event.transport === 'udp'
        ? `socket(${event.family === 'IPv6' ? 'AF_INET6' : 'AF_INET'}, SOCK_DGRAM)：一个新的 UDP socket`
        : `socket(${event.family === 'IPv6' ? 'AF_INET6' : 'AF_INET'}, SOCK_STREAM)：一个新的 TCP socket`;
    case 'bind': {
      const where = event.local ? formatEndpoint(event.local) : formatHostPort(event.requested.host, event.requested.port);
      const chose = event.requested.port === 0 && event.local ? `（端口 0：内核选了 ${event.local.port}）` : '';
      return `绑定到 ${where}${chose}`;
    }
    case 'listen':
      return `开始监听；内核最多可排队 ${event.backlog} 个已完成的握手（backlog）`;
    case 'accept':
      return `接受了 ${event.remote ? formatEndpoint(event.remote) : '一个客户端'}，新 socket 为 ${event.newSocketId}`;
    case 'connect': {
      const asked = formatHostPort(event.target.host, event.target.port);
      const via = event.target.host !== event.target.address ? `（${event.target.address}）` : '';
      return `已连接到 ${asked}${via}；握手用时 ${formatDuration(event.durationMs)}`;
    }
    case 'send': {
      const queued = event.queued > 0 ? `还有 ${bytesZh(event.queued)}排在 Node 里，内核尚未取走` : '';
      return event.calls !== undefined ? `${mergedTextZh(event.call, event.calls, event.bytes)}${queued ? ` · ${queued}` : ''}` : queued;
    }
    case 'recv':
      if (event.eof) return 'recv() 返回 0 字节：对端已关闭';
      if (event.calls !== undefined) return mergedTextZh(event.call, event.calls, event.bytes);
      return event.bufsize !== undefined ? `recv(${event.bufsize}) 返回了 ${bytesZh(event.bytes)}` : '';
    case 'close':
      return `${closeReasonTextZh(event.reason)} · 发送 ${bytesZh(event.bytesSent)}，接收 ${bytesZh(event.bytesReceived)}`;
    case 'error': {
      const failed = event.failedCall === 'policy' ? '被练习场拒绝' : `${event.failedCall}() 失败`;
      return `${failed}：${errorTitle()}`;
    }
  }
}

/** 繁忙连接的多次调用合并成的一个事件："recv ×12，共 786,432 字节（已合并：繁忙的连接）"。 */
function mergedTextZh(call: 'send' | 'recv', calls: number, bytes: number): string {
  return `${call} ×${groupDigits(calls)}，共 ${bytesZh(bytes)}（已合并：繁忙的连接）`;
}

/** The details panel's field names in 简体中文, keyed by the English label eventFields() uses. */
export const FIELD_LABELS_ZH: Readonly<Record<string, string>> = {
  seq: '序号',
  call: '调用',
  time: '时间',
  'ts (epoch ms)': 'ts（epoch 毫秒）',
  'lab host': '实验主机',
  socket: 'socket',
  owner: '所属程序',
  role: '角色',
  inside: '所在调用',
  local: '本端',
  remote: '对端',
  'blocked in': '阻塞在',
  bufsize: 'bufsize',
  family: '地址族',
  requested: '请求的地址',
  backlog: 'backlog',
  'new socket': '新 socket',
  target: '目标',
  handshake: '握手用时',
  'calls merged': '合并的调用',
  bytes: '字节数',
  'stream offset': '流中偏移',
  'queued in Node': '在 Node 中排队',
  eof: 'EOF',
  'data id': '数据 id',
  reason: '原因',
  'bytes sent': '已发送字节',
  'bytes received': '已接收字节',
  'failed call': '失败的调用',
  error: '错误',
  errno: 'errno',
  what: '发生了什么',
  why: '为什么',
  'raw message': '原始消息',
  'in Node': '在 Node 中',
};

export const ROLES_ZH: Readonly<Record<LabEvent['role'], string>> = {
  listener: 'listener（监听）',
  accepted: 'accepted（accept 所得）',
  client: 'client（客户端）',
};

/** Step mode runs the notes' blocking program in a thread of its own, with real blocking calls. */
export const STEP_MAPPING_ZH: Readonly<Record<string, string>> = {
  accept: '单步模式：只有在你单步执行时，服务器才让 Node 的 accept() 取出一个排队的连接；在那之前，连接留在内核的 accept 队列里。',
  recv: '单步模式：在程序自己的线程里，对 socket 的描述符真实地读取最多 bufsize 个字节；内核的接收缓冲区为空时，它会等待。',
  eof: "单步模式：读取返回了 0 字节：对端关闭了它那一端（Python 的 recv() 返回 b''）。",
  send: '单步模式：对描述符真实地写入；sendall 会重复写，直到内核收下每一个字节。',
  connect: '单步模式：net.connect() 完成 socket() 和 connect()；两端内核完成握手时它就返回，不管服务器有没有 accept。',
};

/** How the playground maps Node's API onto each Berkeley call. */
export const NODE_MAPPING_ZH: Readonly<Record<string, string>> = {
  block: '仅在单步模式中出现：单步程序发起了一个阻塞调用，它的线程真的在内核中等待，直到调用返回。事件循环式的代码从不阻塞，所以不会产生这种事件。',
  socket: 'Node 在 server.listen() 或 net.connect() 内部创建 socket；没有单独的调用。',
  bind: '在 server.listen() 内部完成。bind 失败时，Node 收到的是一个 listen 错误；练习场把它如实报告为 bind 错误。',
  listen: 'server.listen() 返回了：socket、bind 和 listen 都在这一次调用里完成。',
  accept: "服务器的 'connection' 事件：Node 的 accept() 返回了一个新的 socket。",
  connect: "net.connect() 和它的 'connect' 事件：内核完成了三次握手。",
  send: 'socket.write()：字节交给了 Node，Node 在内核发送缓冲区有空间时把它们交给内核。',
  recv: "一个 'data' 数据块：一次从内核读取所返回的内容。",
  eof: "'end' 事件：recv() 返回 0 字节，因为对端关闭了它那一端。",
  close: "'close' 事件：socket 的文件描述符已关闭。",
};

/**
 * One details field in 简体中文: its name, and its value where the value is words (numbers,
 * addresses, API names and errno codes stay). `explained`: the error's title and why, in Chinese.
 */
export function eventFieldZh(label: string, value: string, event: LabEvent, explained: () => { title: string; why: string }): [string, string] {
  const name = FIELD_LABELS_ZH[label] ?? label;
  switch (label) {
    case 'role':
      return [name, ROLES_ZH[event.role]];
    case 'calls merged':
      return [name, event.call === 'send' || event.call === 'recv' ? `${event.calls ?? 1}：繁忙连接在几毫秒内的 ${event.call} 调用，合并为一个事件报告` : value];
    case 'eof':
      return [name, event.call === 'recv' && event.eof ? '是：recv() 返回了 0' : '否'];
    case 'reason':
      return [name, event.call === 'close' ? closeReasonTextZh(event.reason) : value];
    case 'what':
      return [name, explained().title];
    case 'why':
      return [name, explained().why];
    case 'in Node': {
      const call = event.call === 'recv' && event.eof ? 'eof' : event.call;
      const stepped = event.owner.startsWith('step') ? STEP_MAPPING_ZH[call] : undefined;
      return [name, stepped ?? NODE_MAPPING_ZH[call] ?? value];
    }
    default:
      return [name, value];
  }
}
