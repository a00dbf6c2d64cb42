import type { DemoName } from '@socket-playground/protocol';

/**
 * The presets' words in 简体中文, laid over the English presets in demo-presets.ts (the numbers,
 * keys and bounds live there once). API names stay as they are; `backticks` still mark code.
 */
export interface FieldWords {
  label: string;
  noun?: string;
  unit?: string;
  help: string;
}

export interface PresetWords {
  title: string;
  short: string;
  tag: string;
  lead: string;
  why: readonly string[];
  fields: Readonly<Record<string, FieldWords>>;
}

const BYTES = '字节';

const bufsize: FieldWords = { label: 'recv bufsize', noun: 'recv 的 bufsize', unit: BYTES, help: '一次 recv() 最多返回的字节数' };

export const PRESET_WORDS_ZH: Readonly<Record<DemoName, PresetWords>> = {
  'recv-bufsize': {
    title: 'recv(bufsize) 最多返回 bufsize 个字节',
    short: 'recv(bufsize)',
    tag: 'recv(1024)',
    lead: '客户端向 echo 服务器发送一条消息，再用 `recv(bufsize)` 读取回显，就像笔记里的 `data = s.recv(1024)`。',
    why: [
      '`recv(bufsize)` 交出内核到目前为止收到的数据，但绝不会超过 bufsize 个字节。比 bufsize 长的消息需要多次 recv；笔记里的客户端只调用一次 recv，只能看到第一部分。',
      '要读到完整的消息，就得反复调用 recv，直到全部读完——所以程序必须知道消息有多长（在前面放一个长度，或者用换行这样的结束标记）。',
    ],
    fields: {
      messageBytes: { label: '消息', noun: '消息大小', unit: BYTES, help: '客户端发送的字节数' },
      bufsize,
    },
  },
  'byte-stream': {
    title: 'TCP 是字节流，不是一条条消息',
    short: '字节流',
    tag: '没有边界',
    lead: '服务器趁客户端还没开始读，先做几次小的发送，再做一次大的发送；客户端用 `recv(bufsize)` 把它们全部读出来。',
    why: [
      'TCP 保持字节的顺序，但不记得一次 send 在哪里结束、下一次从哪里开始。一起等在接收方内核队列里的几次小发送，会从同一次 recv 里一起出来；一次大的发送则要分成多少次 recv 就分多少次出来。',
      'Nagle 算法也可能在发送方合并小的发送（前一个小报文段还没被确认时，它会先扣住新的小报文段）；`setNoDelay(true)`——Python 里是 `TCP_NODELAY`——可以关掉它。这里的服务器就关掉了，所以你看到的合并发生在接收方。',
    ],
    fields: {
      smallSends: { label: '小发送', help: '2 到 8 次发送，用 | 分隔；空格也算在内' },
      largeBytes: { label: '大发送', noun: '大发送', unit: BYTES, help: '随后一次发送这么多字节' },
      bufsize,
    },
  },
  sendall: {
    title: 'send()、sendall() 与写满的缓冲区',
    short: 'send 与 sendall',
    tag: '背压',
    lead: '客户端写入的数据远远多于读取方取走的：读取方先睡一会儿，然后再把所有数据读完。',
    why: [
      '字节在路上要在两个内核缓冲区里等待：发送方的发送队列和接收方的接收队列。没有人读时，两个队列都会被填满，内核就不再接收更多数据。',
      '这时 Python 的阻塞 `send()` 会等到有空间，并返回它收下了多少字节——常常比交给它的少——所以 `sendall()` 会一遍又一遍地调用它，直到每个字节都被收下。Node 的 `write()` 从不阻塞：它把剩下的数据留在程序自己的队列里，一旦这个队列超过高水位线就返回 false，请程序等待 \'drain\'。',
      '读取方醒来后，所有队列都流动起来：读取方清空自己的接收队列，发送队列里的数据流进接收队列，Node 把自己队列里的数据交给内核，并触发 \'drain\'。',
    ],
    fields: {
      totalMiB: { label: '总量', noun: '总量', help: '客户端一共写入的字节数' },
      chunkKiB: { label: '每次 write()', noun: '每次 write()', help: '每次 write() 调用写入的字节数' },
      readerPauseMs: { label: '读取方睡眠', noun: '读取方的睡眠时间', help: '在读取任何数据之前' },
    },
  },
  'many-clients': {
    title: '多个客户端：一次一个，还是事件循环',
    short: '多个客户端',
    tag: '并发',
    lead: '多个客户端同时连接；每个客户端发送一行，等待回显，把连接保持片刻（代表它的工作），然后关闭。两个服务器先后接待它们。',
    why: [
      '笔记里的服务器是阻塞式的：它一直服务一个客户端，直到这个客户端关闭，然后才再次调用 `accept()`。其他客户端都在内核的 accept 队列里等着，所以时间会累加起来：客户端数 × 保持时间。',
      '事件循环服务器（Node 的 net、Python 的 `selectors` 或 `asyncio`）会问内核哪些套接字已经就绪，哪个就绪就服务哪个，所以所有客户端同时得到服务，整个过程大约只需要一个保持时间。多线程是另一种解决办法。',
    ],
    fields: {
      clients: { label: '客户端', noun: '客户端数量', help: '同时连接的客户端数' },
      holdMs: { label: '保持', noun: '保持时间', help: '每个客户端保持连接这么久' },
    },
  },
  udp: {
    title: 'UDP：数据报，没有连接，也不会重发',
    short: 'UDP 作对比',
    tag: 'SOCK_DGRAM',
    lead: '发送方先向一个还没有套接字绑定的端口发送一个数据报，然后接收方绑定这个端口，发送方再发送几个小数据报。',
    why: [
      'UDP 没有连接：`sendto()` 只是把数据报交给内核。端口上没有人绑定时，内核就把它丢掉；之后也没有人重发，所以后来才绑定的接收方永远看不到它。换成 TCP，连接会被拒绝（ECONNREFUSED），或者丢失的报文段会被不断重传。',
      '每个数据报都保留自己的边界：一次 `recvfrom()` 正好返回一个数据报，不会是半个，也不会是两个——不像上面那些小的 TCP 发送，它们从同一次 recv 里一起出来了。',
    ],
    fields: {
      datagrams: { label: '数据报', help: '2 到 8 个数据报，用 | 分隔；空格也算在内' },
    },
  },
  backlog: {
    title: 'listen(backlog) 与 accept 队列',
    short: 'Backlog',
    tag: 'listen(1)',
    lead: '笔记里的阻塞服务器用一个很小的 backlog 监听，并且暂时不调用 `accept()`；在此期间来连接的客户端比 backlog 多。',
    why: [
      '内核自己完成每一次握手，并把连接放进队列，直到程序 accept 它。在 Linux 上，这个 accept 队列能容纳 backlog + 1 个连接，而程序请求的任何 backlog 都不能超过 `net.core.somaxconn`。',
      '队列满了以后，Linux 会悄悄丢弃后来客户端的 SYN，而不是拒绝它们。它们的 `connect()` 只是继续等待，并在 1 秒、3 秒、7 秒……之后重发 SYN，所以等服务器开始 accept 后，它们还是能连进来。',
    ],
    fields: {
      backlog: { label: 'backlog', noun: 'backlog', help: '传给 listen() 的数字' },
      clients: { label: '客户端', noun: '客户端数量', help: '来连接的客户端数' },
      waitMs: { label: '多久后 accept', noun: 'accept() 之前的等待时间', help: '服务器从这时开始 accept' },
    },
  },
};
