import type { Lesson } from '../lesson-types.ts';

/** Lesson 3 of the curriculum: the notes' echo server and client, then a client of your own (nc, Python). */
export const echoLesson: Lesson = {
  id: 'echo',
  number: 3,
  title: { en: 'The echo server and client', zh: '回显服务器与客户端' },
  summary: {
    en: 'Start the server from the notes, run its client, and watch every call they make.',
    zh: '启动笔记里的服务器，运行它的客户端，观察它们做的每一个调用。',
  },
  steps: [
    {
      id: 'server',
      title: { en: 'Start the echo server', zh: '启动回显服务器' },
      body: {
        en: 'The notes\' server binds to `127.0.0.1`, port `65432`, and listens. In the **Echo server** card, keep the host and port and press **Start server**. In the event list, `socket`, `bind` and `listen` appear: Node makes all three inside one call, `server.listen()`.',
        zh: '笔记里的服务器绑定到 `127.0.0.1` 的 `65432` 端口并开始监听。在 **Echo server** 卡片中保持地址和端口不变，点击 **Start server**。事件列表里会出现 `socket`、`bind` 和 `listen`：Node 在一次调用 `server.listen()` 里完成这三步。',
      },
      setup: { view: 'list' },
      goal: { kind: 'event', match: { call: 'listen' } },
      hints: [
        { en: 'The Echo server card is under Tools, below this lesson.', zh: 'Echo 服务器卡片在本课下方的“工具”里。' },
        { en: 'If the port is in use, another program already listens on 65432: pick another port, or 0 to let the kernel choose.', zh: '如果端口被占用，说明已有程序在监听 65432：换一个端口，或填 0 让内核自己选。' },
      ],
      showMe: [{ do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 65432, backlog: 128 } }],
    },
    {
      id: 'client',
      title: { en: 'Run the client', zh: '运行客户端' },
      body: {
        en: 'The client connects, sends `Hello, world` with `sendall`, reads the echo with `recv(1024)` and closes. Run it from the **Echo client** card and follow its calls: `connect` on the client, `accept` on the server, then the bytes going there and back.',
        zh: '客户端先 `connect`，用 `sendall` 发送 `Hello, world`，再用 `recv(1024)` 读取回显，然后关闭。在 **Echo client** 卡片中运行它，观察这些调用：客户端的 `connect`、服务器的 `accept`，以及来回的字节。',
      },
      goal: { kind: 'echo', targetHost: '127.0.0.1' },
      hints: [
        { en: 'The client must use the port the server listens on.', zh: '客户端的端口必须和服务器监听的端口一致。' },
        { en: 'If nothing listens there, connect() fails with ECONNREFUSED.', zh: '如果那里没有程序在监听，connect() 会以 ECONNREFUSED 失败。' },
      ],
      showMe: [
        // Port 0: the learner's server from the first step may still hold 65432.
        { do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 0, backlog: 128 } },
        { do: 'command', command: { type: 'client.run', host: '127.0.0.1', port: '$port', message: 'Hello, world' } },
      ],
    },
    {
      id: 'terminal',
      title: { en: 'Talk to it from your own terminal', zh: '在你自己的终端里和它对话' },
      body: {
        en: 'The server does not care who connects. With the server running, open a terminal and type `nc 127.0.0.1 65432`, then a line of text: it comes back, and the page shows your `nc` as a new `accept` with its bytes. A Python client like the notes\' (`s.connect(("127.0.0.1", 65432))`, `s.sendall(b"hi")`, `s.recv(1024)`) works the same way. Show me cannot type in your terminal, so it stands in with the page\'s own client.',
        zh: '服务器并不在乎是谁连上来的。在服务器运行时打开一个终端，输入 `nc 127.0.0.1 65432`，再输入一行文字：它会原样回来，页面上也会出现一次新的 `accept` 和你的 `nc` 发送的字节。像笔记里那样的 Python 客户端（`s.connect(("127.0.0.1", 65432))`、`s.sendall(b"hi")`、`s.recv(1024)`）效果相同。“演示”没法替你在终端里打字，所以用页面自带的客户端代替。',
      },
      setup: { view: 'list' },
      goal: { kind: 'event', match: { call: 'recv', role: 'accepted', minBytes: 1 } },
      hints: [
        { en: 'No `nc`? `python3 -c "import socket; s=socket.create_connection((\'127.0.0.1\', 65432)); s.sendall(b\'hi\'); print(s.recv(1024))"`', zh: '没有 `nc`？`python3 -c "import socket; s=socket.create_connection((\'127.0.0.1\', 65432)); s.sendall(b\'hi\'); print(s.recv(1024))"`' },
        { en: 'Use the port your server really listens on.', zh: '用服务器实际监听的端口。' },
        { en: 'Press Ctrl-C to end `nc`: the server then sees recv return 0.', zh: '按 Ctrl-C 结束 `nc`：服务器随后会看到 recv 返回 0。' },
      ],
      showMe: [
        { do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 0, backlog: 128 } },
        { do: 'command', command: { type: 'client.run', host: '127.0.0.1', port: '$port', message: 'hi from my terminal' } },
      ],
    },
  ],
};
