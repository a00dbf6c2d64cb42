import type { Lesson } from '../lesson-types.ts';

/** Lesson 11: TCP keeps no message boundaries, so applications frame their messages. */
export const byteStreamLesson: Lesson = {
  id: 'byte-stream',
  number: 11,
  title: { en: 'TCP is a byte stream', zh: 'TCP 是字节流' },
  summary: {
    en: 'Sends and recvs do not pair up: three sends can arrive in one recv, one send in many. Messages need framing.',
    zh: 'send 与 recv 并不一一对应：三次 send 可能在一次 recv 中到达，一次 send 也可能分成多次。消息需要分帧。',
  },
  steps: [
    {
      id: 'demo',
      title: { en: 'Three sends, one recv', zh: '三次 send，一次 recv' },
      body: {
        en: 'Run the **byte-stream** demonstration. A client makes three small sends (`one `, `two `, `three`) before the reader reads: a single `recv` returns all of them glued together. Then one large send of 100,000 bytes arrives in many recvs. Open **Bytes** to see the sends above and the recvs below the same stream.',
        zh: '运行 **byte-stream** 演示。客户端在读取方读之前做了三次小的 send（`one `、`two `、`three`）：一次 `recv` 就把它们连在一起全部返回了。接着一次 100000 字节的大 send 分成了许多次 recv 到达。打开 **Bytes**，可以看到同一条字节流上方的 send 和下方的 recv。',
      },
      setup: { view: 'demos' },
      goal: { kind: 'demo', demo: 'byte-stream' },
      hints: [{ en: 'The demonstration waits until all three sends are queued in the kernel before it reads, so the result is certain, not luck.', zh: '演示会等三次 send 都在内核排好队之后才读取，所以结果是确定的，而不是碰巧。' }],
      showMe: [
        { do: 'open', view: 'demos' },
        { do: 'command', command: { type: 'demo.run', spec: { demo: 'byte-stream', smallSends: ['one ', 'two ', 'three'], largeBytes: 100_000, bufsize: 4096 } } },
      ],
    },
    {
      id: 'why',
      title: { en: 'Why there are no boundaries', zh: '为什么没有边界' },
      body: {
        en: 'TCP promises only that the **bytes** arrive, complete and in order. The kernel may join small sends into one segment, split a large one, and hand the receiver whatever has arrived so far. Nothing in the stream marks where one `send` ended, so a `recv` cannot know either.',
        zh: 'TCP 只保证**字节**完整、按顺序地到达。内核可以把几次小的 send 合并成一个报文段，也可以把一次大的拆开，并把目前已到达的数据交给接收方。字节流里没有任何东西标记一次 `send` 在哪里结束，所以 `recv` 也无从知道。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'What does TCP promise, exactly?', zh: 'TCP 到底保证了什么？' }],
      question: {
        prompt: { en: 'A client sends `"hi"` and then `"there"`. What can one `recv(1024)` on the server return?', zh: '客户端先发送 `"hi"`，再发送 `"there"`。服务器的一次 `recv(1024)` 可能返回什么？' },
        choices: [
          { id: 'hi', text: { en: '`hi`', zh: '`hi`' } },
          { id: 'hithere', text: { en: '`hithere`', zh: '`hithere`' } },
          { id: 'h', text: { en: '`h`', zh: '`h`' } },
          { id: 'there', text: { en: '`there` (before `hi`)', zh: '`there`（在 `hi` 之前）' } },
        ],
        correct: ['hi', 'hithere', 'h'],
        explain: {
          en: 'Any prefix of what has not been read yet: one byte, one send, or both sends together. Never out of order.',
          zh: '可以是尚未读取部分的任意前缀：一个字节、一次 send 的内容，或者两次 send 连在一起。但绝不会乱序。',
        },
      },
      showMe: [{ do: 'answer', choices: ['hi', 'hithere', 'h'] }],
    },
    {
      id: 'framing',
      title: { en: 'Framing: where a message ends', zh: '分帧：消息在哪里结束' },
      body: {
        en: 'So the application must mark its messages itself. Two common ways: a **delimiter** after each message (a newline, as in HTTP headers or line protocols), or a **length prefix** before it (say, 4 bytes holding the length, then that many bytes). The reader keeps calling `recv` and buffering until a whole message is there. A later lesson builds a small application protocol this way.',
        zh: '因此应用程序必须自己标出消息的边界。常见的两种方法：在每条消息后面加一个**分隔符**（例如换行，就像 HTTP 头或按行的协议那样），或者在消息前面加一个**长度前缀**（比如用 4 个字节表示长度，后面跟着这么多字节）。读取方不断调用 `recv` 并缓存数据，直到一条完整的消息到齐。后面的课程会用这种方式搭建一个小小的应用层协议。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'Two of the choices describe the same idea as the text.', zh: '有两个选项和正文讲的是同一回事。' }],
      question: {
        prompt: { en: 'Which of these let the reader find where each message ends?', zh: '下面哪些方法能让读取方找到每条消息的结尾？' },
        choices: [
          { id: 'length', text: { en: 'A 4-byte length before each message', zh: '每条消息前加 4 字节的长度' } },
          { id: 'newline', text: { en: 'A newline after each message (no newlines inside)', zh: '每条消息后加一个换行（消息内部没有换行）' } },
          { id: 'one-recv', text: { en: 'One `recv(1024)` per message', zh: '每条消息一次 `recv(1024)`' } },
          { id: 'sleep', text: { en: 'Sleeping between sends', zh: '两次 send 之间 sleep 一下' } },
        ],
        correct: ['length', 'newline'],
        explain: {
          en: 'Both are framing: the boundary is in the bytes. One recv per message and pauses only work by luck, as the demonstration showed.',
          zh: '这两种都是分帧：边界写在字节里。一条消息一次 recv、或者靠停顿，都只是碰运气，演示已经证明了这一点。',
        },
      },
      showMe: [{ do: 'answer', choices: ['length', 'newline'] }],
    },
  ],
};
