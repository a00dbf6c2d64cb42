import type { DemoSummary } from '@socket-playground/protocol';
import { bytesTextIn, count, expectedQueue, msText, pyList, ratioText, sizesText, type DemoFacts, type Of, type Run } from './demo-numbers.ts';

/** What a demonstration measured, in 简体中文 (the same facts as demo-sentences.ts, the same numbers). */

function recvBufsize(s: Of<'recv-bufsize'>): DemoFacts {
  const n = s.recvSizes.length;
  const lines = [
    Math.max(0, ...s.recvSizes) <= s.bufsize
      ? `没有一次 recv(${s.bufsize}) 返回超过 ${s.bufsize} 个字节。`
      : `有一次 recv 返回了超过 ${s.bufsize} 个字节，而 recv(${s.bufsize}) 本不应该这样。`,
    `echo 服务器用 ${count(s.serverRecvSizes.length)} 次读取（${sizesText(s.serverRecvSizes)}）读到了同样的字节：Node 每次最多读 64 KiB。`,
  ];
  if (n > 1) lines.push(`只调用一次 recv(${s.bufsize}) 的客户端（就像笔记里的客户端）只能拿到前 ${count(s.recvSizes[0] ?? 0)} 个字节。`);
  return { headline: `${count(s.messageBytes)} 字节的回显分 ${count(n)} 次 recv 收回：${sizesText(s.recvSizes)}`, lines };
}

/** The lab says how it made sure the small sends waited together; its known sentences in Chinese. */
function howZh(how: string): string {
  const queued = /^the client read only once its kernel receive queue held all (\d+) bytes/.exec(how);
  if (queued) return `客户端等到内核接收队列里攒齐了全部 ${queued[1]} 个字节才去读（在 /proc/net/tcp 中测得）`;
  if (how.startsWith('the client did not read for 200 ms')) return '客户端 200 ms 内没有读，足够让每次小发送都到达';
  if (how.startsWith('the client waited 2 s')) return '客户端等了 2 s，小发送仍未全部到达';
  return how;
}

function byteStream(s: Of<'byte-stream'>): DemoFacts {
  const sends = s.smallSendSizes.length;
  const recvs = s.smallRecvSizes.length;
  return {
    headline: `${count(sends)} 次小发送（${pyList(s.smallSendSizes)} 字节）从 ${count(recvs)} 次 recv 中出来：${pyList(s.smallRecvSizes)}`,
    lines: [
      recvs < sends ? '接收方分不出一次发送在哪里结束：这些字节是作为一条字节流到达的。' : '这一次每次发送都从各自的 recv 中出来；但 TCP 依然不保留边界。',
      `不是运气：${howZh(s.how)}。`,
      `一次 ${count(s.largeBytes)} 字节的发送，从 ${count(s.largeRecvSizes.length)} 次最多 ${s.bufsize} 字节的 recv 中出来：${sizesText(s.largeRecvSizes)}。`,
    ],
  };
}

function udp(s: Of<'udp'>): DemoFacts {
  const kept = s.recvSizes.length === s.sentSizes.length && s.recvSizes.every((n, i) => n === s.sentSizes[i]);
  return {
    headline: `${count(s.sentSizes.length)} 个数据报（${pyList(s.sentSizes)} 字节）从 ${count(s.recvSizes.length)} 次 recv 中出来：${pyList(s.recvSizes)}`,
    lines: [
      kept ? '一次 recv，一个数据报：UDP 保留了发送时的边界。' : '这一次 recv 和数据报没有一一对应。',
      s.lostArrived
        ? `在没有人绑定之前发送的那个 ${s.lostBytes} 字节的数据报最后还是到了——对 UDP 来说这出乎意料。`
        : `没有套接字绑定端口 ${s.port} 时发送的那个 ${s.lostBytes} 字节的数据报始终没有到达：内核把它丢掉了，sendto() 没有报错，也没有人重发它。`,
      '没有 connect()，也没有 accept()：事件列表里只有 socket、bind、send 和 recv。',
    ],
  };
}

const bytesZh = (n: number): string => bytesTextIn(n, 'zh');

function sendall(s: Of<'sendall'>): DemoFacts {
  const lines: string[] = [];
  if (s.maxSendQueue !== null && s.maxRecvQueue !== null) {
    lines.push(
      `读取方睡眠期间，内核在发送方的发送队列里最多存放了 ${bytesZh(s.maxSendQueue)}，在读取方的接收队列里最多存放了 ${bytesZh(s.maxRecvQueue)}；Node 还在自己的写队列里另外存放了最多 ${bytesZh(s.maxAppQueued)}。`,
    );
  } else {
    lines.push(`Node 在自己的写队列里最多存放了 ${bytesZh(s.maxAppQueued)}。这个系统看不到内核的队列，所以只测量了 Node 的队列。`);
  }
  lines.push(`读取方在 ${msText(s.readerStartedMs)} 后醒来；最后一个字节在开始后 ${msText(s.durationMs)} 被读到。`);
  lines.push(
    s.backpressured > 0
      ? '在 write() 返回 false 的地方，Python 的 send() 只会收下一部分字节（或者等待）；sendall() 会不断调用它，直到内核收下最后一个字节。'
      : '每次 write 都放得下：缓冲区从没满过。多发一些，或者让读取方多睡一会儿，就能看到背压。',
  );
  return { headline: `${count(s.writes)} 次 write() 调用写入 ${bytesZh(s.totalBytes)}：其中 ${count(s.backpressured)} 次返回 false（背压）`, lines };
}

export const SERVER_NAME_ZH: Record<Run['server'], string> = { blocking: '阻塞服务器', 'event-loop': '事件循环' };

export function runTextZh(run: Run): string {
  const failed = run.failed > 0 ? `（${count(run.failed)} 个失败）` : '';
  return `${SERVER_NAME_ZH[run.server]}：${count(run.clients)} 个客户端中有 ${count(run.completed)} 个在 ${msText(run.totalMs)} 内得到服务，最多同时 ${count(run.maxConcurrent)} 个${failed}。`;
}

function manyClients(s: Of<'many-clients'>): DemoFacts {
  const blocking = s.runs.find((r) => r.server === 'blocking');
  const loop = s.runs.find((r) => r.server === 'event-loop');
  const lines = s.runs.map((r) => runTextZh(r));
  const faster = blocking && loop ? ratioText(blocking.totalMs, loop.totalMs) : null;
  if (blocking && loop) {
    lines.push(`最后一个客户端从阻塞服务器收到回显用了 ${msText(Math.max(0, ...blocking.doneMs))}，从事件循环收到回显用了 ${msText(Math.max(0, ...loop.doneMs))}。`);
  }
  const headline =
    blocking && loop && faster
      ? `阻塞服务器一次服务 1 个客户端，用了 ${msText(blocking.totalMs)}；事件循环最多同时服务 ${count(loop.maxConcurrent)} 个，用了 ${msText(loop.totalMs)}（快 ${faster}）`
      : s.runs.map((r) => `${SERVER_NAME_ZH[r.server]}：${msText(r.totalMs)}`).join('；');
  return { headline, lines };
}

function backlogFacts(s: Of<'backlog'>): DemoFacts {
  const expected = expectedQueue(s.backlog, s.somaxconn);
  const lines: string[] = [];
  if (expected !== null) {
    const same = s.connectedBeforeAccept === Math.min(expected, s.clients);
    lines.push(`用 listen(${s.backlog}) 时，Linux 的 accept 队列能容纳 backlog + 1 = ${expected} 个连接；${same ? '实际情况正是如此' : `实际连上了 ${count(s.connectedBeforeAccept)} 个`}。`);
  }
  if (s.acceptQueue !== null) lines.push(`那一刻，内核的 accept 队列里有 ${count(s.acceptQueue)} 个连接（从 /proc/net/tcp 读到）。`);
  if (s.somaxconn !== null) lines.push(`这里的 net.core.somaxconn 是 ${count(s.somaxconn)}：更大的 backlog 会被削减到这个值。`);
  const waiting = s.clients - s.connectedBeforeAccept;
  if (waiting > 0) {
    const who = waiting === 1 ? '另一个客户端的 SYN' : `其余 ${count(waiting)} 个客户端的 SYN`;
    lines.push(`${who}被丢弃了，而不是被拒绝：connect() 一直在等待，重发了 SYN，并在 accept() 开始后连了进来。`);
  }
  lines.push(`${count(s.clients)} 个客户端中有 ${count(s.served)} 个收到了回显${s.failed > 0 ? `；${count(s.failed)} 个放弃了` : ''}。`);
  return { headline: `服务器调用 accept() 之前，${count(s.clients)} 个客户端中已有 ${count(s.connectedBeforeAccept)} 个连上`, lines };
}

export function demoFactsZh(summary: DemoSummary): DemoFacts {
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

export function ownersTextZh(summary: DemoSummary): string {
  const id = summary.demoId;
  switch (summary.demo) {
    case 'many-clients': {
      const n = summary.runs[0]?.clients ?? 0;
      const names = summary.runs.map((r) => `${id}-${r.server === 'blocking' ? 'b' : 'e'}1…${n}`);
      return `所有调用都在事件列表里：客户端是 ${names.join(' 和 ')}（${summary.runs.map((r) => SERVER_NAME_ZH[r.server]).join('、')}）。`;
    }
    case 'backlog':
      return `所有调用都在事件列表里：客户端是 ${id}-c1…${summary.clients}，服务器在端口 ${summary.port} 上监听。`;
    case 'udp':
      return `所有调用都在事件列表里：两个 UDP 套接字都属于 ${id}；接收方绑定在端口 ${summary.port}。`;
    default:
      return `所有调用都在事件列表里：客户端是 ${id}，服务器在端口 ${summary.port} 上监听。`;
  }
}
