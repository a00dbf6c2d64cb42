import type { Lesson } from '../lesson-types.ts';

/** Lesson 3 of the curriculum: the notes' echo server and client, then a client of your own. */
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
        { en: 'The server card is at the top left.', zh: '服务器卡片在左上方。' },
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
        { do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 65432, backlog: 128 } },
        { do: 'command', command: { type: 'client.run', host: '127.0.0.1', port: '$port', message: 'Hello, world' } },
      ],
    },
  ],
};
