import type { LabEvent } from '@socket-playground/protocol';
import { explain } from '../bridge/page-errors.ts';
import { closeReasonTextZh } from '../format/event-text-zh.ts';
import type { enCalls } from '../i18n/en/calls.ts';
import type { Lang } from '../i18n/prefs.ts';

/**
 * The details panel in the page's language: eventFields() (format/event-text.ts) labels its
 * fields in English; these are the keys of their names in `calls.details.fields`, and the values
 * that are words, in 简体中文. Numbers, addresses, API names and errno codes stay as they are. Pure.
 */
export type FieldKey = keyof typeof enCalls.details.fields;

export const FIELD_KEYS: Readonly<Record<string, FieldKey>> = {
  seq: 'seq',
  call: 'call',
  time: 'time',
  'ts (epoch ms)': 'epoch',
  'lab host': 'labHost',
  socket: 'socket',
  owner: 'owner',
  role: 'role',
  inside: 'inside',
  local: 'local',
  remote: 'remote',
  'blocked in': 'blockedIn',
  bufsize: 'bufsize',
  family: 'family',
  requested: 'requested',
  backlog: 'backlog',
  'new socket': 'newSocket',
  target: 'target',
  handshake: 'handshake',
  bytes: 'bytes',
  'stream offset': 'streamOffset',
  'queued in Node': 'queuedInNode',
  eof: 'eof',
  'data id': 'dataId',
  reason: 'reason',
  'bytes sent': 'bytesSent',
  'bytes received': 'bytesReceived',
  'failed call': 'failedCall',
  error: 'error',
  errno: 'errno',
  what: 'what',
  why: 'why',
  'raw message': 'rawMessage',
  'in Node': 'inNode',
};

const ROLES_ZH: Record<LabEvent['role'], string> = {
  listener: 'listener（监听）',
  accepted: 'accepted（accept 所得）',
  client: 'client（客户端）',
};

/** Step mode runs the notes' blocking program in a thread of its own, with real blocking calls. */
const STEP_MAPPING_ZH: Record<string, string> = {
  accept: '单步模式：只有在你单步执行时，服务器才让 Node 的 accept() 取出一个排队的连接；在那之前，连接留在内核的 accept 队列里。',
  recv: '单步模式：在程序自己的线程里，对 socket 的描述符真实地读取最多 bufsize 个字节；内核的接收缓冲区为空时，它会等待。',
  eof: "单步模式：读取返回了 0 字节：对端关闭了它那一端（Python 的 recv() 返回 b''）。",
  send: '单步模式：对描述符真实地写入；sendall 会重复写，直到内核收下每一个字节。',
  connect: '单步模式：net.connect() 完成 socket() 和 connect()；两端内核完成握手时它就返回，不管服务器有没有 accept。',
};

/** How the playground maps Node's API onto each Berkeley call. */
const NODE_MAPPING_ZH: Record<string, string> = {
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

/** A field's value in Chinese, where it is words; otherwise the value as it is. */
export function fieldValueZh(key: FieldKey | undefined, value: string, event: LabEvent): string {
  switch (key) {
    case 'role':
      return ROLES_ZH[event.role];
    case 'eof':
      return event.call === 'recv' && event.eof ? '是：recv() 返回了 0' : '否';
    case 'reason':
      return event.call === 'close' ? closeReasonTextZh(event.reason) : value;
    case 'what':
    case 'why':
      if (event.call !== 'error') return value;
      return explain(event.error, 'zh')[key === 'what' ? 'title' : 'why'];
    case 'inNode': {
      const call = event.call === 'recv' && event.eof ? 'eof' : event.call;
      const stepped = event.owner.startsWith('step') ? STEP_MAPPING_ZH[call] : undefined;
      return stepped ?? NODE_MAPPING_ZH[call] ?? value;
    }
    default:
      return value;
  }
}

/** Every field, its name and value in the page's language; `label` stays the English key. */
export function localizeFields(fields: ReadonlyArray<[string, string]>, event: LabEvent, lang: Lang, name: (key: FieldKey) => string): Array<{ label: string; name: string; value: string }> {
  return fields.map(([label, value]) => {
    const key = FIELD_KEYS[label];
    return { label, name: key ? name(key) : label, value: lang === 'zh' ? fieldValueZh(key, value, event) : value };
  });
}
