import type { Lesson } from '../lesson-types.ts';

/** Lesson 1: what a socket is, the four meanings of the word, TCP and UDP, and a first real socket(). */
export const whatIsASocketLesson: Lesson = {
  id: 'what-is-a-socket',
  number: 1,
  title: { en: 'What a socket is', zh: '什么是 socket' },
  summary: {
    en: 'The plug analogy, the four things called "socket", TCP against UDP, and your first real socket() call.',
    zh: '插座的比喻、被叫作 “socket” 的四种东西、TCP 与 UDP 的区别，以及你的第一个真实 socket() 调用。',
  },
  steps: [
    {
      id: 'plug',
      title: { en: 'A plug for data', zh: '数据的插座' },
      body: {
        en: 'A socket is the end point a program uses to talk to another program: think of a wall socket into which a data cable is plugged. The program asks the operating system for one, then sends and receives bytes through it; the kernel does the networking. Sockets are a form of inter-process communication, between programs on one machine or on machines across the Internet.',
        zh: 'socket 是程序与另一个程序通信时使用的端点：可以把它想成墙上的插座，数据线插在上面。程序向操作系统要一个 socket，然后通过它收发字节，真正的网络工作由内核完成。socket 是一种进程间通信方式，通信双方可以在同一台机器上，也可以隔着整个互联网。',
      },
      setup: { view: 'list' },
      goal: { kind: 'read' },
      hints: [{ en: 'Press **Done** when you have read it.', zh: '读完后点 **Done**。' }],
      showMe: [{ do: 'read' }],
    },
    {
      id: 'meanings',
      title: { en: 'Four things called "socket"', zh: '四种 “socket”' },
      body: {
        en: 'The word has several meanings. A **network socket** is an end point of a conversation across a network. A **Unix domain socket** connects processes on the same machine through a path in the file system, with no network involved. `socket()` is the system call of the Berkeley sockets API that creates either kind. A **CPU socket** is something else entirely: the connector on the motherboard that holds the processor.',
        zh: '这个词有好几个意思。**网络 socket** 是网络通信一端的端点。**Unix 域 socket** 通过文件系统里的一个路径连接同一台机器上的进程，完全不经过网络。`socket()` 是 Berkeley sockets API 中的系统调用，用来创建这两种 socket。**CPU 插槽**（CPU socket）则完全是另一回事：它是主板上安放处理器的插座。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'One of them has nothing to do with software.', zh: '其中有一个与软件毫无关系。' }],
      question: {
        prompt: { en: 'Which of these is **not** a communication end point?', zh: '下面哪一个**不是**通信端点？' },
        choices: [
          { id: 'network', text: { en: 'A network socket', zh: '网络 socket' } },
          { id: 'unix', text: { en: 'A Unix domain socket', zh: 'Unix 域 socket' } },
          { id: 'cpu', text: { en: 'A CPU socket', zh: 'CPU 插槽' } },
        ],
        correct: ['cpu'],
        explain: {
          en: 'A CPU socket holds a processor on the motherboard; the other two are end points programs talk through.',
          zh: 'CPU 插槽是主板上固定处理器的插座；另外两个才是程序用来通信的端点。',
        },
      },
      showMe: [{ do: 'answer', choices: ['cpu'] }],
    },
    {
      id: 'tcp-udp',
      title: { en: 'TCP or UDP', zh: 'TCP 还是 UDP' },
      body: {
        en: 'In Python, `socket.socket(socket.AF_INET, socket.SOCK_STREAM)` makes a **TCP** socket: IPv4, a byte stream. TCP sets up a connection first, retransmits what the network lost and delivers bytes in the order they were sent. `SOCK_DGRAM` makes a **UDP** socket: no connection, single datagrams that may be lost, duplicated or reordered. The next step runs a real UDP exchange.',
        zh: '在 Python 里，`socket.socket(socket.AF_INET, socket.SOCK_STREAM)` 创建一个 **TCP** socket：IPv4、字节流。TCP 先建立连接，重传网络中丢失的数据，并按发送顺序交付字节。`SOCK_DGRAM` 创建 **UDP** socket：没有连接，一个个独立的数据报，可能丢失、重复或乱序。下一步就来一次真实的 UDP 收发。',
      },
      goal: { kind: 'answered' },
      hints: [
        { en: 'Pick every property TCP gives you: there are three.', zh: '选出 TCP 提供的全部特性：一共三个。' },
        { en: 'Message boundaries are a datagram property.', zh: '消息边界是数据报的特性。' },
      ],
      question: {
        prompt: { en: 'Which of these does **TCP** guarantee?', zh: '下面哪些是 **TCP** 保证的？' },
        choices: [
          { id: 'reliable', text: { en: 'Lost packets are detected and sent again', zh: '丢失的数据包会被发现并重传' } },
          { id: 'ordered', text: { en: 'Bytes arrive in the order they were sent', zh: '字节按发送顺序到达' } },
          { id: 'connection', text: { en: 'A connection is set up before any data', zh: '发送数据之前先建立连接' } },
          { id: 'boundaries', text: { en: 'Each send arrives as one separate message', zh: '每次 send 都作为一条独立的消息到达' } },
        ],
        correct: ['reliable', 'ordered', 'connection'],
        explain: {
          en: 'TCP is reliable, ordered and connection-oriented, but it is a byte stream: it keeps no message boundaries (lesson 11 shows it). UDP keeps datagram boundaries but promises none of the rest.',
          zh: 'TCP 可靠、有序、面向连接，但它是字节流，不保留消息边界（第 11 课会演示）。UDP 保留数据报的边界，但其余几项都不保证。',
        },
      },
      showMe: [{ do: 'answer', choices: ['reliable', 'ordered', 'connection'] }],
    },
    {
      id: 'udp-for-real',
      title: { en: 'UDP, for real', zh: '真实的 UDP' },
      body: {
        en: 'In **Demonstrations**, run **UDP for contrast**. A sender first sends a datagram to a port where no socket is bound: `sendto()` reports no error, the kernel drops it, and nobody ever sends it again. Then a receiver binds that port and three small datagrams arrive, each in its own `recvfrom()` — the boundaries are kept. There is no `connect()` and no `accept()` in the event list: UDP has no connection.',
        zh: '在 **Demonstrations** 里运行 **UDP for contrast**。发送方先向一个没有任何 socket 绑定的端口发一个数据报：`sendto()` 不报错，内核直接丢弃它，之后也没有人重发。接着接收方绑定这个端口，三个小数据报依次到达，每个都由一次 `recvfrom()` 收到——边界被保留。事件列表里没有 `connect()` 也没有 `accept()`：UDP 没有连接。',
      },
      setup: { view: 'demos' },
      goal: { kind: 'demo', demo: 'udp' },
      hints: [
        { en: 'The UDP card is in the Demonstrations tab; press Run.', zh: 'UDP 卡片在 Demonstrations 标签页里，点击 Run。' },
        { en: 'Compare its recv sizes with the byte-stream card: [4, 4, 5] against [13].', zh: '把它的 recv 大小和 byte-stream 卡片比较：[4, 4, 5] 对 [13]。' },
      ],
      showMe: [
        { do: 'open', view: 'demos' },
        { do: 'command', command: { type: 'demo.run', spec: { demo: 'udp', datagrams: ['one ', 'two ', 'three'] } } },
      ],
    },
    {
      id: 'first-socket',
      title: { en: 'Your first socket()', zh: '你的第一个 socket()' },
      body: {
        en: 'Time for a real one. In the **Echo server** card, keep `127.0.0.1` and port `65432` and press **Start server**. The first line in the event list is `socket()`: the kernel created the socket and gave the program a handle to it. `bind` and `listen` follow; lesson 2 takes them one at a time.',
        zh: '来一个真的。在 **Echo server** 卡片里保持 `127.0.0.1` 和端口 `65432`，点击 **Start server**。事件列表中的第一行就是 `socket()`：内核创建了 socket，并把它的句柄交给程序。随后是 `bind` 和 `listen`，第 2 课会一个一个地讲。',
      },
      setup: { view: 'list' },
      goal: { kind: 'event', match: { call: 'socket', role: 'listener' } },
      hints: [
        { en: 'The Echo server card is under Tools, below this lesson.', zh: 'Echo 服务器卡片在本课下方的“工具”里。' },
        { en: 'Port in use? Choose another one, or 0.', zh: '端口被占用？换一个，或者填 0。' },
      ],
      showMe: [{ do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 65432, backlog: 128 } }],
    },
  ],
};
