import type { Lesson } from '../lesson-types.ts';

/** The app server of each show-me: port 0, since the learner's own may hold 65432. */
const startAppServer = { do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 0, backlog: 128, kind: 'app' } } as const;

/** Lesson 13: the notes' third program, an application protocol with its own header. */
export const appProtocolLesson: Lesson = {
  id: 'app-protocol',
  number: 13,
  title: { en: 'An application protocol with its own header', zh: '带自己头部的应用协议' },
  summary: {
    en: 'A 2-byte length, a JSON header, then the content: the Real Python tutorial’s format, on real sockets, byte for byte.',
    zh: '2 字节的长度、JSON 头部、然后是内容：Real Python 教程的格式，跑在真实的套接字上，逐字节一致。',
  },
  steps: [
    {
      id: 'server',
      title: { en: 'Start the application server', zh: '启动应用服务器' },
      body: {
        en: 'The notes end with a client and server “like a full socket application, with its own custom header and content”. Every message, each way, is three parts:\n\n1. a **protoheader**: 2 bytes, big-endian, the length of the JSON header;\n2. the **JSON header**, with `byteorder`, `content-type`, `content-encoding` and `content-length`;\n3. the **content**: `content-length` bytes.\n\nOpen the **Protocol** tab and start the application server. It speaks exactly the format of the tutorial’s `libserver.py`, so the tutorial’s Python client can talk to it too.',
        zh: '笔记的最后是一个“像完整的套接字应用那样，带有自定义头部和内容”的客户端和服务器。每条消息（两个方向都一样）分三部分：\n\n1. **protoheader**：2 个字节，大端序，表示 JSON 头部的长度；\n2. **JSON 头部**，包含 `byteorder`、`content-type`、`content-encoding` 和 `content-length`；\n3. **内容**：`content-length` 个字节。\n\n打开 **应用协议** 标签页，启动应用服务器。它说的正是教程里 `libserver.py` 的格式，所以教程的 Python 客户端也能和它对话。',
      },
      setup: { view: 'app' },
      goal: { kind: 'listening', serverKind: 'app' },
      hints: [
        { en: 'The Protocol tab is the last one; its first card is the application server.', zh: '应用协议是最后一个标签页；它的第一张卡片就是应用服务器。' },
        { en: 'If 65432 is taken by your echo server, use another port, or 0 to let the kernel choose.', zh: '如果 65432 被你的回显服务器占着，换一个端口，或者用 0 让内核来选。' },
      ],
      showMe: [{ do: 'open', view: 'app' }, startAppServer],
    },
    {
      id: 'search',
      title: { en: 'Send a search', zh: '发送一次搜索' },
      body: {
        en: 'Send the client’s default request: the action `search` with the value `morpheus`. A search travels as JSON, so the request is `2 + 103 + 41 = 146` bytes (on a little-endian machine). The server looks the value up in its small table and answers with `{"result": …}`, then closes: one request, one response per connection.\n\nBelow the response, the **frame view** shows both messages split into their three parts, as their receivers read them.',
        zh: '发送客户端的默认请求：动作 `search`，值 `morpheus`。搜索以 JSON 发送，所以请求是 `2 + 103 + 41 = 146` 字节（在小端机器上）。服务器在它的小表里查这个值，用 `{"result": …}` 回答，然后关闭连接：每个连接一个请求、一个响应。\n\n在响应下方，**帧视图**把两条消息都分成三部分显示，就像各自的接收方读到的那样。',
      },
      setup: { view: 'app' },
      goal: { kind: 'app', response: 'json' },
      hints: [
        { en: 'The client fills in the port of the newest application server by itself.', zh: '客户端会自动填入最新的应用服务器的端口。' },
        { en: "`morpheus` is not in the table: the answer “No match for 'morpheus'.” is still a whole, valid response.", zh: "`morpheus` 不在表里：回答 “No match for 'morpheus'.” 仍然是一个完整、有效的响应。" },
      ],
      showMe: [
        { do: 'open', view: 'app' },
        startAppServer,
        { do: 'command', command: { type: 'app.request', host: '127.0.0.1', port: '$port', request: { kind: 'action', action: 'search', value: 'morpheus' } } },
      ],
    },
    {
      id: 'header',
      title: { en: 'How the receiver finds the end', zh: '接收方怎样找到结尾' },
      body: {
        en: 'TCP is a byte stream (lesson 11), so the receiver cannot ask “give me the next message”. It reads in three phases: first exactly 2 bytes; they say how long the JSON header is; it reads exactly that many bytes and parses them; the header’s `content-length` says how many content bytes follow. Each phase calls `recv` as often as it takes.',
        zh: 'TCP 是字节流（第 11 课），所以接收方不能说“给我下一条消息”。它分三个阶段读取：先读正好 2 个字节，它们说明 JSON 头部有多长；再读正好这么多字节并解析；头部里的 `content-length` 说明后面还有多少字节内容。每个阶段需要调用几次 `recv` 就调用几次。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'Only one of the three parts has a fixed size.', zh: '三部分里只有一部分的大小是固定的。' }],
      question: {
        prompt: { en: 'The first two bytes are `00 67`. What does the receiver do next?', zh: '前两个字节是 `00 67`。接收方接下来做什么？' },
        choices: [
          { id: 'read-103', text: { en: 'Read exactly 103 bytes and parse them as JSON', zh: '正好读 103 个字节，并按 JSON 解析' } },
          { id: 'recv-1024', text: { en: 'Call `recv(1024)` once: the header is in there', zh: '调用一次 `recv(1024)`：头部就在里面' } },
          { id: 'read-67', text: { en: 'Read 67 bytes of content', zh: '读 67 个字节的内容' } },
          { id: 'newline', text: { en: 'Read until a newline', zh: '一直读到换行' } },
        ],
        correct: ['read-103'],
        explain: {
          en: '`0x0067` is 103, big-endian: the length of the JSON header. One `recv` may return fewer bytes, or bytes of the content too, so the receiver keeps reading and buffering until it has exactly 103.',
          zh: '`0x0067` 按大端序是 103：JSON 头部的长度。一次 `recv` 可能返回得更少，也可能连内容一起返回，所以接收方会不断读取、缓存，直到正好凑够 103 个字节。',
        },
      },
      showMe: [{ do: 'answer', choices: ['read-103'] }],
    },
    {
      id: 'binary',
      title: { en: 'Any other action travels as binary', zh: '其他动作以二进制发送' },
      body: {
        en: 'Only `search` is JSON. Any other action is sent as **binary** content — the action and the value as UTF-8 bytes — with `content-type: binary/custom-client-binary-type`. The server cannot interpret it, so it answers with the first 10 bytes it received. Try the action `double` with the value `hello`.',
        zh: '只有 `search` 是 JSON。其他任何动作都以**二进制**内容发送——动作和值的 UTF-8 字节——并带上 `content-type: binary/custom-client-binary-type`。服务器无法理解它，于是回答它收到的前 10 个字节。试试动作 `double`、值 `hello`。',
      },
      setup: { view: 'app' },
      goal: { kind: 'app', response: 'binary' },
      hints: [{ en: 'Change the action in the client card; the value can be anything.', zh: '在客户端卡片里修改动作；值随意。' }],
      showMe: [
        startAppServer,
        { do: 'command', command: { type: 'app.request', host: '127.0.0.1', port: '$port', request: { kind: 'action', action: 'double', value: 'hello' } } },
      ],
    },
    {
      id: 'fragments',
      title: { en: 'One byte at a time', zh: '一次一个字节' },
      body: {
        en: 'The receiver must work however the bytes arrive. Under **How to write it**, choose **one byte per write** and send the search again: each write is a separate `send`, with a pause, so the server’s `recv` calls return a byte or two at a time. In the frame view, step through the server’s recvs with ◀ ▶ and watch its state move from *reading the protoheader* to *reading the header* to *reading the content*.',
        zh: '无论字节怎样到达，接收方都必须正确工作。在“怎样写出”里选择**每次写一个字节**，再发送一次搜索：每次写入都是一次单独的 `send`，中间有停顿，所以服务器的 `recv` 每次只返回一两个字节。在帧视图里用 ◀ ▶ 逐次查看服务器的 recv，看它的状态从“正在读 protoheader”到“正在读头部”，再到“正在读内容”。',
      },
      setup: { view: 'app' },
      goal: { kind: 'app', response: 'json', minWrites: 20 },
      hints: [
        { en: 'A pause of 10 ms between writes is enough for each to arrive on its own.', zh: '两次写入之间停 10 ms 就足以让它们分别到达。' },
        { en: 'The response is the same as before: framing makes the result independent of how TCP cut the stream.', zh: '响应和之前一样：分帧让结果与 TCP 怎样切分字节流无关。' },
      ],
      showMe: [
        startAppServer,
        {
          do: 'command',
          command: { type: 'app.request', host: '127.0.0.1', port: '$port', request: { kind: 'action', action: 'search', value: 'morpheus' }, chunks: Array.from({ length: 60 }, () => 1), gapMs: 5 },
        },
      ],
    },
    {
      id: 'broken',
      title: { en: 'A header that breaks the rules', zh: '违反规则的头部' },
      body: {
        en: 'Choose **Craft it by hand** and load **no content-length**, then send it. The frame is whole, but the server checks the header for the four required keys and finds `content-length` missing: without it, it cannot know where the content ends. It reports the error and closes the connection in order, without an answer. Try the other broken requests too: a header that is not JSON, a protoheader that claims 65,535 bytes, a peer that leaves mid-message.',
        zh: '选择 **手工构造**，载入 **没有 content-length**，然后发送。帧是完整的，但服务器会检查头部是否有四个必需的键，发现缺少 `content-length`：没有它，就无法知道内容在哪里结束。它报告错误，按顺序关闭连接，不作回答。也试试其他有问题的请求：不是 JSON 的头部、声称有 65,535 字节的 protoheader、在消息中途离开的对方。',
      },
      setup: { view: 'app' },
      goal: { kind: 'event', match: { call: 'error', role: 'accepted', code: 'FRAME_MISSING_HEADER_KEY' } },
      hints: [
        { en: 'The broken requests are one click each, above the header field.', zh: '有问题的请求都在头部输入框上方，点一下就能载入。' },
        { en: 'The event list shows the server’s error too, as a failure of its own protocol (`frame`), not of the kernel.', zh: '事件列表里也会显示服务器的错误：它是服务器自己协议（`frame`）的失败，而不是内核的。' },
      ],
      showMe: [
        startAppServer,
        {
          do: 'command',
          command: {
            type: 'app.request',
            host: '127.0.0.1',
            port: '$port',
            request: { kind: 'crafted', header: '{"byteorder": "little", "content-type": "text/json", "content-encoding": "utf-8"}', content: '{"action": "search", "value": "morpheus"}' },
          },
        },
      ],
    },
    {
      id: 'reuse',
      title: { en: 'Restarting on the same port: SO_REUSEADDR', zh: '在同一端口上重启：SO_REUSEADDR' },
      body: {
        en: 'The tutorial’s server sets `SO_REUSEADDR` before `bind`. After a server closes a connection first, that connection waits in `TIME_WAIT` for a minute or so; without the option, a restarted server on the same port fails with `EADDRINUSE` until it is gone. Node’s `listen()` sets `SO_REUSEADDR` by default on Linux and macOS, so the playground’s servers restart at once.',
        zh: '教程里的服务器在 `bind` 之前设置了 `SO_REUSEADDR`。服务器先关闭一个连接后，这个连接会在 `TIME_WAIT` 里等一分钟左右；如果不设置这个选项，在同一端口重启的服务器会以 `EADDRINUSE` 失败，直到它消失。Node 的 `listen()` 在 Linux 和 macOS 上默认就设置了 `SO_REUSEADDR`，所以 Playground 的服务器可以立即重启。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'Which side closed the connection first in this protocol?', zh: '在这个协议里，是哪一方先关闭连接的？' }],
      question: {
        prompt: { en: 'Why does a server that closes connections first want `SO_REUSEADDR`?', zh: '为什么先关闭连接的服务器需要 `SO_REUSEADDR`？' },
        choices: [
          { id: 'time-wait', text: { en: 'Its closed connections sit in TIME_WAIT on its port, which would block a restart', zh: '它关闭的连接会在它的端口上处于 TIME_WAIT，会妨碍重启' } },
          { id: 'share', text: { en: 'So two servers can serve the same port at once', zh: '为了让两个服务器同时使用同一个端口' } },
          { id: 'faster', text: { en: 'It makes sends faster', zh: '它让 send 更快' } },
        ],
        correct: ['time-wait'],
        explain: {
          en: 'The side that closes first keeps the connection in TIME_WAIT. SO_REUSEADDR lets a new listener bind the port anyway; on Linux it does not let two listeners share it (that is SO_REUSEPORT).',
          zh: '先关闭的一方会让连接停留在 TIME_WAIT。SO_REUSEADDR 允许新的监听者照样绑定这个端口；在 Linux 上它并不允许两个监听者共享端口（那是 SO_REUSEPORT）。',
        },
      },
      showMe: [{ do: 'answer', choices: ['time-wait'] }],
    },
  ],
};
