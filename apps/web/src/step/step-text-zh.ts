import type { StepperInfo } from '@socket-playground/protocol';
import { formatEndpoint } from '../format/address.ts';
import { formatByteCount } from '../format/bytes.ts';
import type { StepButton, StepFacts } from './step-text.ts';

const bytesZh = (n: number): string => formatByteCount(n, 'zh');

/** The step panel's sentences in 简体中文 (see step-text.ts for the English and the rules). */

const RUNNING = ' 自动运行中：大约每 300 ms 一次调用。';

export function serverStatusZh(info: StepperInfo, facts: StepFacts): string {
  const tail = info.running && !info.finished ? RUNNING : '';
  const peer = info.connection ? formatEndpoint(info.connection.remote) : '客户端';
  const queue = info.kernel?.acceptQueue.length;
  if (info.finished || info.next === null) return '已结束：服务器关闭了它的 socket。重置即可重新开始。';
  switch (info.blockedIn) {
    case 'accept':
      return `阻塞在 accept()：等待客户端。线程在内核中休眠，直到有连接进入队列。${tail}`;
    case 'recv':
      return `阻塞在 recv(${info.bufsize})：等待 ${peer} 发来字节。接收缓冲区是空的。${tail}`;
    case 'send':
      return `阻塞在 sendall()：发送缓冲区已满，等待 ${peer} 读取。${tail}`;
    case 'connect':
    case null:
      break;
  }
  const where = info.listening ? formatEndpoint(info.listening) : '?';
  switch (info.next) {
    case 'listen':
      return '还没有任何网络操作。第一步会创建监听 socket。';
    case 'accept':
      if (queue === undefined) return `正在 ${where} 上监听。accept() 取出下一个排队的连接，或者阻塞到有客户端连接。${tail}`;
      if (queue === 0) return `正在 ${where} 上监听。accept 队列是空的：accept() 会阻塞到有客户端连接。${tail}`;
      return `正在 ${where} 上监听。accept 队列里有 ${queue} 个连接在等：accept() 会立即返回第一个。${tail}`;
    case 'recv': {
      const waiting = info.kernel?.connection?.recvQueue;
      const buffer = waiting === undefined ? '' : waiting === 0 ? '它的接收缓冲区是空的，所以 recv() 会阻塞。' : `它的接收缓冲区里有 ${bytesZh(waiting)}在等。`;
      return `正在服务 ${peer}。recv(${info.bufsize}) 最多返回 ${bytesZh(info.bufsize)}。${buffer}${tail}`;
    }
    case 'sendall': {
      const got = facts.lastRecv ? `recv() 返回了 ${facts.lastRecv.repr}（${bytesZh(facts.lastRecv.bytes)}）。` : '';
      return `${got}sendall(data) 把同样的字节发回去。${tail}`;
    }
    case 'close':
      return `recv() 返回了 b''：${peer} 关闭了它那一端。close() 结束这个连接，然后循环再次调用 accept()。${tail}`;
    default:
      return tail.trim();
  }
}

export function clientStatusZh(info: StepperInfo, facts: StepFacts): string {
  const tail = info.running && !info.finished ? RUNNING : '';
  const server = `${info.target.host}:${info.target.port}`;
  const notAccepted = facts.accepted === false;
  if (info.finished || info.next === null) return '已结束：socket 已关闭。';
  switch (info.blockedIn) {
    case 'connect':
      return `阻塞在 connect()：两端内核正在与 ${server} 握手。服务器的 accept 队列满时，它的内核会丢弃 SYN，connect() 会等待并重试。${tail}`;
    case 'recv':
      return notAccepted
        ? `阻塞在 recv(${info.bufsize})：服务器连这个连接都还没 accept，回显不可能到来。${tail}`
        : `阻塞在 recv(${info.bufsize})：等待回显；服务器还没有发回来。${tail}`;
    case 'send':
      return `阻塞在 sendall()：发送缓冲区已满。${tail}`;
    case 'accept':
    case null:
      break;
  }
  switch (info.next) {
    case 'connect':
      return `尚未连接。connect() 让内核与 ${server} 完成三次握手。`;
    case 'sendall':
      return notAccepted ? `connect() 已返回：内核完成了握手并把连接放进队列；服务器还没有 accept 它。${tail}` : `已连接到 ${server}。sendall() 把消息交给内核。${tail}`;
    case 'recv':
      return notAccepted
        ? `已发送 ${bytesZh(facts.sent)}：虽然服务器还没 accept 这个连接，它们已在服务器的接收缓冲区里等着。recv(${info.bufsize}) 会阻塞到回显到来。${tail}`
        : `已发送 ${bytesZh(facts.sent)}。recv(${info.bufsize}) 返回回显，或者阻塞到它到达。${tail}`;
    case 'close':
      return `${facts.lastRecv ? `收到 ${facts.lastRecv.repr}。` : ''}close() 结束连接（FIN）。${tail}`;
    default:
      return tail.trim();
  }
}

export function backlogTextZh(backlog: number): string {
  return `listen(${backlog})：Linux 最多排队 ${backlog + 1} 个已完成的握手（backlog + 1），直到 accept() 取走它们；队列满时，新客户端会在 connect() 中等待。`;
}

/** The button's note where Node makes several Berkeley calls in one. */
export const STEP_NOTES_ZH = {
  listen: 'Node 在这一个调用里完成 socket()、bind() 和 listen()',
  connect: 'Node 在这一个调用里完成 socket() 和 connect()（net.connect()）',
} as const;

export const FINISHED_ZH: StepButton = { label: '已结束' };

/** "127.0.0.1:54321 · ESTABLISHED · 12 字节在等待". */
export function queuedTextZh(remote: string, state: string, recvQueue: number): string {
  return `${remote} · ${state} · ${recvQueue === 0 ? '没有字节在等待' : `${bytesZh(recvQueue)}在等待`}`;
}
