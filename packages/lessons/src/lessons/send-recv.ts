import type { Lesson } from '../lesson-types.ts';

/** Lesson 10: recv(bufsize) returns at most bufsize bytes; send may take only part, sendall loops. */
export const sendRecvLesson: Lesson = {
  id: 'send-recv',
  number: 10,
  title: { en: 'send vs sendall, and recv\'s buffer size', zh: 'send 与 sendall，以及 recv 的缓冲区大小' },
  summary: {
    en: 'Why one recv(1024) is not "the message", and why sendall exists.',
    zh: '为什么一次 recv(1024) 并不等于“整条消息”，以及为什么会有 sendall。',
  },
  steps: [
    {
      id: 'recv-bufsize',
      title: { en: 'recv(1024) returns at most 1024 bytes', zh: 'recv(1024) 最多返回 1024 字节' },
      body: {
        en: 'The `1024` in `recv(1024)` is the **most** bytes one call may return, not the size of a message. Run the **recv-bufsize** demonstration: a client sends 5,000 bytes and reads the echo with `recv(1024)`. It takes several calls, most of them full 1024-byte reads, and the last one shorter. A program that reads once, like the notes\' client, would miss the rest.',
        zh: '`recv(1024)` 里的 `1024` 是一次调用**最多**能返回的字节数，而不是消息的大小。运行 **recv-bufsize** 演示：客户端发送 5000 字节，再用 `recv(1024)` 读取回显。它需要调用好几次，大多数是读满 1024 字节，最后一次较短。像笔记里的客户端那样只读一次的程序，会漏掉剩下的部分。',
      },
      setup: { view: 'demos' },
      goal: { kind: 'event', match: { call: 'recv', bufsize: 1024, bytes: 1024 }, count: 2 },
      hints: [
        { en: 'Open **Bytes** afterwards to see each recv as a block on the stream.', zh: '之后打开 **Bytes**，可以看到每次 recv 是字节流上的一块。' },
        { en: 'Keep bufsize at 1024 and the message larger than 2048 bytes.', zh: 'bufsize 保持 1024，消息要大于 2048 字节。' },
      ],
      showMe: [
        { do: 'open', view: 'demos' },
        { do: 'command', command: { type: 'demo.run', spec: { demo: 'recv-bufsize', messageBytes: 5000, bufsize: 1024 } } },
      ],
    },
    {
      id: 'send-returns',
      title: { en: 'send() may send only part', zh: 'send() 可能只发出一部分' },
      body: {
        en: '`send(data)` copies into the kernel\'s send buffer as much as fits **now** and returns that count, which may be less than `len(data)`. Checking it and sending the rest is your job. `sendall(data)` does that loop for you: it returns only when every byte was handed over, or raises an error.',
        zh: '`send(data)` 把此刻内核发送缓冲区能容纳的部分复制进去，并返回复制的字节数，这个数可能小于 `len(data)`。检查返回值并发送剩余部分是你的责任。`sendall(data)` 替你完成这个循环：只有当所有字节都交出去之后才返回，否则抛出异常。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'Look at what `send` returns.', zh: '看看 `send` 返回的是什么。' }],
      question: {
        prompt: { en: '`n = s.send(data)` returned a number smaller than `len(data)`. What now?', zh: '`n = s.send(data)` 返回的数小于 `len(data)`。接下来该怎么做？' },
        choices: [
          { id: 'rest', text: { en: 'Send `data[n:]`, and repeat until all is sent', zh: '发送 `data[n:]`，重复直到全部发完' } },
          { id: 'lost', text: { en: 'The rest is lost: start over', zh: '剩下的丢了，从头再来' } },
          { id: 'later', text: { en: 'Nothing: the kernel sends the rest later', zh: '什么都不用做：内核稍后会发送剩下的' } },
        ],
        correct: ['rest'],
        explain: { en: 'Only the first n bytes were taken. The rest is still yours to send; `sendall` is exactly this loop.', zh: '内核只接收了前 n 个字节，剩下的仍需你自己发送；`sendall` 就是这个循环。' },
      },
      showMe: [{ do: 'answer', choices: ['rest'] }],
    },
    {
      id: 'sendall',
      title: { en: 'Buffers fill up', zh: '缓冲区被填满' },
      body: {
        en: 'Run the **sendall** demonstration: a sender writes 16 MiB while the reader sleeps for a moment. The reader\'s receive buffer fills, then the sender\'s send buffer, and then the sender must wait (Node keeps the rest in its own write queue and says "wait for drain"). When the reader wakes up, the buffers drain and every byte arrives.',
        zh: '运行 **sendall** 演示：发送方写 16 MiB，而读取方先睡一会儿。先是读取方的接收缓冲区满了，接着是发送方的发送缓冲区，之后发送方只能等待（Node 把剩下的数据放在自己的写队列里，并提示“等待 drain”）。读取方醒来后，缓冲区逐渐排空，每个字节都到达了。',
      },
      goal: { kind: 'demo', demo: 'sendall' },
      hints: [{ en: 'The chart shows the kernel\'s queues over time.', zh: '图表显示了内核队列随时间的变化。' }],
      showMe: [
        { do: 'open', view: 'demos' },
        { do: 'command', command: { type: 'demo.run', spec: { demo: 'sendall', totalBytes: 16 * 1024 * 1024, chunkBytes: 64 * 1024, readerPauseMs: 300 } } },
      ],
    },
  ],
};
