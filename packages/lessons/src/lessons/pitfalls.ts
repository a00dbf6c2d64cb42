import type { Lesson } from '../lesson-types.ts';

/** Lesson 14: three classic surprises, two of them run for real. */
export const pitfallsLesson: Lesson = {
  id: 'pitfalls',
  number: 14,
  title: { en: 'Pitfalls: ::1, ::, and a port still in use', zh: '常见陷阱：::1、:: 和仍被占用的端口' },
  summary: {
    en: 'localhost that becomes ::1, a dual-stack listener that reports IPv4 peers as IPv6, and restarts that find the port busy.',
    zh: 'localhost 变成了 ::1、双栈监听把 IPv4 对端显示成 IPv6 地址，以及重启时端口仍被占用。',
  },
  steps: [
    {
      id: 'localhost-v6',
      title: { en: 'ECONNREFUSED on ::1', zh: '::1 上的 ECONNREFUSED' },
      body: {
        en: 'Many systems resolve `localhost` to `::1` (IPv6 loopback) as well as `127.0.0.1`, and some clients try `::1` first. A server bound to `127.0.0.1` listens on IPv4 only, so a `connect()` to `::1` finds nobody and fails with **ECONNREFUSED**. Start the server on `127.0.0.1` and run the client with host `::1` to see it. Fix: bind both, or connect to `127.0.0.1` explicitly.',
        zh: '很多系统会把 `localhost` 同时解析为 `::1`（IPv6 回环）和 `127.0.0.1`，有些客户端会先试 `::1`。绑定在 `127.0.0.1` 的服务器只监听 IPv4，所以连向 `::1` 的 `connect()` 找不到任何人，以 **ECONNREFUSED** 失败。在 `127.0.0.1` 上启动服务器，再用地址 `::1` 运行客户端就能看到。解决办法：两个地址都绑定，或者明确连接 `127.0.0.1`。',
      },
      setup: { view: 'list' },
      goal: { kind: 'event', match: { call: 'error', code: 'ECONNREFUSED' } },
      hints: [
        { en: 'Same port, different address family.', zh: '端口相同，地址族不同。' },
        { en: 'Type `::1` as the client\'s host.', zh: '在客户端地址栏里填 `::1`。' },
      ],
      showMe: [
        { do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 0, backlog: 128 } },
        { do: 'command', command: { type: 'client.run', host: '::1', port: '$port', message: 'Hello, ::1' } },
      ],
    },
    {
      id: 'dual-stack',
      title: { en: 'A dual-stack listener on ::', zh: '监听 :: 的双栈服务器' },
      body: {
        en: '`::` is IPv6\'s "every address". On Linux a socket bound to `::` is **dual-stack** by default: it also accepts IPv4 clients, and shows each one as an IPv4-mapped IPv6 address such as `::ffff:127.0.0.1`. Start the server on `::` (confirm the warning: it is reachable from your network) and connect a client to `127.0.0.1`; look at the remote address of the `accept`.',
        zh: '`::` 是 IPv6 的“所有地址”。在 Linux 上，绑定 `::` 的 socket 默认是**双栈**的：它也接受 IPv4 客户端，并把它们显示为 IPv4 映射的 IPv6 地址，例如 `::ffff:127.0.0.1`。在 `::` 上启动服务器（确认警告：网络上的其他机器也能连上它），再让客户端连接 `127.0.0.1`，看看 `accept` 的对端地址。',
      },
      goal: { kind: 'event', match: { call: 'accept', remoteAddress: '::ffff:127.0.0.1' } },
      hints: [
        { en: 'The client still uses plain `127.0.0.1`.', zh: '客户端仍然用普通的 `127.0.0.1`。' },
        { en: 'Code that compares peer addresses with "127.0.0.1" misses this spelling.', zh: '拿对端地址与 “127.0.0.1” 直接比较的代码会漏掉这种写法。' },
      ],
      showMe: [
        { do: 'command', command: { type: 'server.start', host: '::', port: 0, backlog: 128, exposeConfirmed: true } },
        { do: 'command', command: { type: 'client.run', host: '127.0.0.1', port: '$port', message: 'Hello, dual stack' } },
      ],
    },
    {
      id: 'time-wait',
      title: { en: 'Address already in use after a restart', zh: '重启后 “Address already in use”' },
      body: {
        en: 'Stop a server that had connections and start it again at once: a Python server often fails with `EADDRINUSE`. The side that closed first keeps each connection in **TIME_WAIT** for a while (60 s on Linux), so late packets cannot confuse a new connection. Setting `SO_REUSEADDR` before `bind` allows binding despite those old connections. Node\'s `listen()` sets `SO_REUSEADDR` for you on Unix, which is why this playground rarely shows the problem.',
        zh: '停掉一个有过连接的服务器后立刻重启，Python 服务器常常以 `EADDRINUSE` 失败。先关闭连接的一方会让每条连接在 **TIME_WAIT** 状态停留一段时间（Linux 上是 60 秒），防止迟到的包干扰新连接。在 `bind` 之前设置 `SO_REUSEADDR`，就可以无视这些旧连接完成绑定。Node 的 `listen()` 在 Unix 上会自动设置 `SO_REUSEADDR`，所以这个练习场很少出现这个问题。',
      },
      goal: { kind: 'answered' },
      hints: [
        { en: 'The listener is gone; what is left are old connections.', zh: '监听 socket 已经没了，剩下的是旧连接。' },
        { en: 'Python: `s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`.', zh: 'Python：`s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`。' },
      ],
      question: {
        prompt: { en: 'Your Python server restarts and gets `EADDRINUSE`, though nothing listens on the port. What helps?', zh: '你的 Python 服务器重启时得到 `EADDRINUSE`，可端口上并没有程序在监听。怎么办？' },
        choices: [
          { id: 'reuse', text: { en: 'Set `SO_REUSEADDR` before `bind`', zh: '在 `bind` 之前设置 `SO_REUSEADDR`' } },
          { id: 'backlog', text: { en: 'A larger `listen` backlog', zh: '把 `listen` 的 backlog 调大' } },
          { id: 'reboot', text: { en: 'Only a reboot frees the port', zh: '只有重启电脑才能释放端口' } },
        ],
        correct: ['reuse'],
        explain: {
          en: 'The port is held by connections in TIME_WAIT, not by a listener. `SO_REUSEADDR` lets a new listener bind anyway; waiting about a minute also works.',
          zh: '占用端口的是处于 TIME_WAIT 的旧连接，而不是监听 socket。`SO_REUSEADDR` 让新的监听 socket 照样能绑定；等一分钟左右也可以。',
        },
      },
      showMe: [{ do: 'answer', choices: ['reuse'] }],
    },
  ],
};
