import type { Lesson } from '../lesson-types.ts';

/** Lesson 12: one-at-a-time blocking server against an event loop, with many clients. */
export const manyConnectionsLesson: Lesson = {
  id: 'many-connections',
  number: 12,
  title: { en: 'Many connections', zh: '多个连接' },
  summary: {
    en: 'The notes\' server serves one client at a time. What happens with twenty, and how an event loop does better.',
    zh: '笔记里的服务器一次只服务一个客户端。来二十个会怎样，事件循环又是如何做得更好的。',
  },
  steps: [
    {
      id: 'demo',
      title: { en: 'Twenty clients, two servers', zh: '二十个客户端，两种服务器' },
      body: {
        en: 'The notes\' server blocks in `recv` for one client until that client is done; everyone else waits in the accept queue. Run **many-clients** with `20` clients that each hold their connection for `20` ms: once against a blocking server, once against an event-loop server. Compare the total times and "most served at once".',
        zh: '笔记里的服务器会为一个客户端阻塞在 `recv` 上，直到这个客户端结束；其他人都在全连接队列里等着。用 `20` 个客户端运行 **many-clients**，每个客户端占用连接 `20` 毫秒：一次对阻塞式服务器，一次对事件循环服务器。比较两者的总耗时和 “most served at once”。',
      },
      setup: { view: 'demos' },
      goal: { kind: 'demo', demo: 'many-clients' },
      hints: [{ en: 'Choose both servers to compare them in one run.', zh: '同时选择两种服务器，一次运行就能比较。' }],
      showMe: [
        { do: 'open', view: 'demos' },
        { do: 'command', command: { type: 'demo.run', spec: { demo: 'many-clients', clients: 20, holdMs: 20, servers: ['blocking', 'event-loop'] } } },
      ],
    },
    {
      id: 'why',
      title: { en: 'Blocking vs event loop', zh: '阻塞与事件循环' },
      body: {
        en: 'A blocking server spends its only thread waiting, so 20 clients of 20 ms take about 400 ms in a row. An **event loop** asks the kernel which sockets are ready (`select`, `epoll`, or Python\'s `selectors`) and only calls `recv` or `send` on those, so it serves all clients at once and finishes in a few tens of milliseconds. Threads, one per client, are the other classic answer.',
        zh: '阻塞式服务器唯一的线程都花在等待上，所以 20 个各需 20 毫秒的客户端要一个接一个地处理，大约 400 毫秒。**事件循环**会问内核哪些 socket 已就绪（`select`、`epoll`，或 Python 的 `selectors`），只对这些 socket 调用 `recv` 或 `send`，因此能同时服务所有客户端，几十毫秒就完成。每个客户端一个线程，是另一种经典做法。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'Where does each server spend its time?', zh: '两种服务器各自把时间花在了哪里？' }],
      question: {
        prompt: { en: 'Why does the event-loop server finish so much sooner?', zh: '为什么事件循环服务器完成得快得多？' },
        choices: [
          { id: 'ready', text: { en: 'It only calls recv on sockets the kernel says are ready, so it never sits waiting for one client', zh: '它只对内核报告已就绪的 socket 调用 recv，所以不会为某一个客户端干等' } },
          { id: 'faster', text: { en: 'Its network is faster', zh: '它的网络更快' } },
          { id: 'backlog', text: { en: 'It uses a bigger backlog', zh: '它用了更大的 backlog' } },
        ],
        correct: ['ready'],
        explain: {
          en: 'Both run on the same loopback. The difference is waiting: the event loop waits for any socket at once instead of one socket at a time.',
          zh: '两者跑在同一个回环接口上。区别在于等待方式：事件循环同时等待所有 socket，而不是一次只等一个。',
        },
      },
      showMe: [{ do: 'answer', choices: ['ready'] }],
    },
  ],
};
