import type { Lesson } from '../lesson-types.ts';

/** Lesson 9: listen() and its backlog, measured for real. */
export const backlogLesson: Lesson = {
  id: 'backlog',
  number: 9,
  title: { en: 'listen() and the backlog', zh: 'listen() 与 backlog' },
  summary: {
    en: 'Connections the server has not accepted yet wait in a kernel queue; the backlog sets its size.',
    zh: '服务器还没 accept 的连接在内核队列里等待；backlog 决定这个队列的大小。',
  },
  steps: [
    {
      id: 'queue',
      title: { en: 'A queue in the kernel', zh: '内核里的队列' },
      body: {
        en: 'After `listen()`, the kernel completes handshakes on its own, even while the program is busy elsewhere, and keeps the finished connections in an **accept queue** until `accept()` takes them. `listen(backlog)` sets how long that queue may grow. Open **Demonstrations** and run **backlog** with backlog `1` and `4` clients: the server waits before its first `accept()`, and the page shows how many clients had connected by then.',
        zh: '`listen()` 之后，即使程序正忙着别的事，内核也会自己完成握手，并把已完成的连接放进**全连接队列**（accept 队列），直到 `accept()` 把它们取走。`listen(backlog)` 决定这个队列最多能有多长。打开 **Demonstrations**，用 backlog `1`、`4` 个客户端运行 **backlog** 演示：服务器在第一次 `accept()` 之前先等一会儿，页面会显示那时已有几个客户端连接成功。',
      },
      setup: { view: 'demos' },
      goal: { kind: 'demo', demo: 'backlog' },
      hints: [
        { en: 'The demonstration\'s server is the notes\' blocking server: it really does not call accept() while it waits.', zh: '演示里的服务器就是笔记中的阻塞式服务器：等待期间它确实没有调用 accept()。' },
        { en: 'Watch the "connected before accept" count.', zh: '留意 “connected before accept” 这个数字。' },
      ],
      showMe: [
        { do: 'open', view: 'demos' },
        { do: 'command', command: { type: 'demo.run', spec: { demo: 'backlog', backlog: 1, clients: 4, waitMs: 600 } } },
      ],
    },
    {
      id: 'plus-one',
      title: { en: 'backlog + 1', zh: 'backlog 加 1' },
      body: {
        en: 'On Linux the accept queue counts as full only when it holds **more** than the backlog, so `listen(1)` lets two connections complete before anyone accepts them. The value is also capped by `/proc/sys/net/core/somaxconn` (4096 on recent kernels); a larger backlog is silently reduced to it. Other systems count differently.',
        zh: '在 Linux 上，只有当全连接队列里的连接数**超过** backlog 时才算满，所以 `listen(1)` 能让两个连接在没人 accept 的情况下完成握手。这个值还受 `/proc/sys/net/core/somaxconn` 限制（较新的内核是 4096），更大的 backlog 会被悄悄截到这个值。其他系统的算法不同。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'Compare the count in the demonstration with the backlog you gave.', zh: '把演示中的数字和你设置的 backlog 比较一下。' }],
      question: {
        prompt: { en: 'On Linux, a server calls `listen(1)` and never accepts. How many clients complete `connect()`?', zh: '在 Linux 上，服务器调用 `listen(1)` 后一直不 accept。有几个客户端能完成 `connect()`？' },
        choices: [
          { id: 'one', text: { en: '1', zh: '1 个' } },
          { id: 'two', text: { en: '2', zh: '2 个' } },
          { id: 'all', text: { en: 'All of them', zh: '全部' } },
        ],
        correct: ['two'],
        explain: { en: 'The queue is full only above the backlog: backlog + 1 = 2 connections wait completed.', zh: '队列只有超过 backlog 才算满：backlog + 1 = 2 个连接完成握手后等待。' },
      },
      showMe: [{ do: 'answer', choices: ['two'] }],
    },
    {
      id: 'beyond',
      title: { en: 'The clients beyond the queue', zh: '队列之外的客户端' },
      body: {
        en: 'What happens to the third and fourth clients? Linux does not refuse them: it drops their handshake packets, and their kernels retry the SYN with growing pauses (1 s, 2 s, 4 s…, `tcp_syn_retries` times). Their `connect()` just waits, and succeeds once the server accepts and frees room, or times out after a long while. That is what you saw: the late clients were served after the server began accepting.',
        zh: '第三、第四个客户端会怎样？Linux 不会拒绝它们，而是丢弃它们的握手包；它们的内核会以逐渐变长的间隔重发 SYN（1 秒、2 秒、4 秒……，重试 `tcp_syn_retries` 次）。它们的 `connect()` 只是在等待：服务器开始 accept、腾出位置后就会成功，或者在很久之后超时。演示里也是这样：晚到的客户端在服务器开始 accept 之后得到了服务。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'Did any client of the demonstration fail?', zh: '演示中有客户端失败吗？' }],
      question: {
        prompt: { en: 'The accept queue is full. What does a new client on Linux experience, by default?', zh: '全连接队列已满。默认情况下，Linux 上一个新客户端会遇到什么？' },
        choices: [
          { id: 'refused', text: { en: 'An immediate ECONNREFUSED', zh: '立即收到 ECONNREFUSED' } },
          { id: 'waits', text: { en: 'connect() waits while its SYN is retried', zh: 'connect() 一直等待，SYN 被反复重传' } },
          { id: 'queued', text: { en: 'It is queued anyway, beyond the backlog', zh: '无论如何都会被放进队列，超出 backlog' } },
        ],
        correct: ['waits'],
        explain: {
          en: 'Linux drops the SYN and the client retries; only with `tcp_abort_on_overflow` set would it get a reset.',
          zh: 'Linux 丢弃 SYN，客户端重试；只有设置了 `tcp_abort_on_overflow` 才会收到复位（RST）。',
        },
      },
      showMe: [{ do: 'answer', choices: ['waits'] }],
    },
  ],
};
