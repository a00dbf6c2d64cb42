import type { Action, Lesson } from '../lesson-types.ts';

/** The stepped blocking server of the notes, listening and blocked in accept() (steppers: $stepper1). */
const serverInAccept: readonly Action[] = [
  { do: 'open', view: 'flow' },
  { do: 'command', command: { type: 'stepper.start', program: 'blocking-echo-server', host: '127.0.0.1', port: 0, backlog: 1, bufsize: 1024 } },
  { do: 'step', times: 2 },
];

/** A stepped client of the notes connected to that server ($stepper2). */
const clientConnected: readonly Action[] = [
  ...serverInAccept,
  { do: 'command', command: { type: 'stepper.start', program: 'echo-client', host: '127.0.0.1', port: '$port', message: 'Hello, world', bufsize: 1024 } },
  { do: 'step', stepperId: '$stepper2', times: 1 },
];

/** The client sent, the server read and echoed, the client read the echo. */
const echoed: readonly Action[] = [
  ...clientConnected,
  { do: 'step', stepperId: '$stepper2', times: 1 },
  { do: 'step', stepperId: '$stepper1', times: 2 },
  { do: 'step', stepperId: '$stepper2', times: 1 },
];

const notePort = {
  en: '(Show me starts a fresh server on a port the kernel picks, so it does not collide with yours.)',
  zh: '（“演示”会另起一个服务器，端口由内核挑选，以免和你的服务器冲突。）',
};

/** Lesson 2: the TCP call sequence, one real call per click. */
export const tcpCallFlowLesson: Lesson = {
  id: 'tcp-call-flow',
  number: 2,
  title: { en: 'The TCP call flow, one call at a time', zh: 'TCP 调用流程，一次一个调用' },
  summary: {
    en: 'Step the notes\' blocking echo server and client through socket, bind, listen, accept, connect, recv, sendall and close.',
    zh: '单步运行笔记里的阻塞式回显服务器和客户端：socket、bind、listen、accept、connect、recv、sendall、close。',
  },
  steps: [
    {
      id: 'listen',
      title: { en: 'Create the server and listen', zh: '创建服务器并 listen' },
      body: {
        en: 'Open **Call flow**, choose the stepped **blocking echo server** with host `127.0.0.1`, port `65432`, backlog `1` and `recv(1024)`, and create it. Nothing happens on the network yet. Click **Step** once: `socket()`, `bind()` and `listen()` run, and the kernel now answers connection requests for this port. ' + notePort.en,
        zh: '打开 **Call flow**，选择单步的 **blocking echo server**，地址 `127.0.0.1`、端口 `65432`、backlog `1`、`recv(1024)`，创建它。此时网络上还什么都没发生。点一次 **Step**：`socket()`、`bind()`、`listen()` 依次执行，从现在起内核会替这个端口应答连接请求。' + notePort.zh,
      },
      setup: { view: 'flow' },
      goal: { kind: 'event', match: { call: 'listen', role: 'listener' } },
      hints: [
        { en: 'Creating the program is not yet a call: the first **Step** is.', zh: '创建程序本身还不是调用，第一次 **Step** 才是。' },
        { en: 'If 65432 is in use, stop your other server or choose port 0.', zh: '如果 65432 被占用，先停掉另一个服务器，或把端口设为 0。' },
      ],
      showMe: [
        { do: 'open', view: 'flow' },
        { do: 'command', command: { type: 'stepper.start', program: 'blocking-echo-server', host: '127.0.0.1', port: 0, backlog: 1, bufsize: 1024 } },
        { do: 'step', times: 1 },
      ],
    },
    {
      id: 'accept',
      title: { en: 'accept() blocks', zh: 'accept() 阻塞' },
      body: {
        en: 'Step again: the server calls `accept()`. No client has connected, so the call **blocks**: the thread sleeps in the kernel and the diagram draws a growing bar. A blocking server can do nothing else meanwhile. ' + notePort.en,
        zh: '再点一次 Step：服务器调用 `accept()`。还没有客户端连接，所以这个调用会**阻塞**：线程在内核里睡眠，图上画出一根不断变长的条。阻塞期间服务器什么别的事都做不了。' + notePort.zh,
      },
      goal: { kind: 'event', match: { call: 'block', role: 'listener' } },
      hints: [{ en: 'A `block` event on the listening socket marks the wait.', zh: '监听 socket 上的 `block` 事件表示开始等待。' }],
      showMe: serverInAccept,
    },
    {
      id: 'connect',
      title: { en: 'A client connects', zh: '客户端连接' },
      body: {
        en: 'Create a stepped **echo client** for `127.0.0.1` and the server\'s port, and step it once: `connect()` performs the three-way handshake. The kernel completes it on the server\'s behalf, and the blocked `accept()` returns a **new** socket for this one client; the listening socket stays as it was.',
        zh: '为 `127.0.0.1` 和服务器的端口创建一个单步的 **echo client**，点一次 Step：`connect()` 完成三次握手。握手由内核代替服务器完成，阻塞中的 `accept()` 随即返回一个专属于这个客户端的**新** socket，监听 socket 保持不变。',
      },
      goal: { kind: 'all', goals: [{ kind: 'event', match: { call: 'connect', role: 'client' } }, { kind: 'event', match: { call: 'accept' } }] },
      hints: [
        { en: 'The client needs the port the server really listens on (see the server\'s lane).', zh: '客户端要用服务器真正监听的端口（看服务器那一栏）。' },
        { en: 'A normal client from the Echo client card works too.', zh: '用 Echo client 卡片里的普通客户端也可以。' },
      ],
      showMe: clientConnected,
    },
    {
      id: 'recv-sendall',
      title: { en: 'recv(1024) and sendall()', zh: 'recv(1024) 与 sendall()' },
      body: {
        en: 'Step the client: `sendall()` hands `Hello, world` (12 bytes) to the kernel. Step the server: `recv(1024)` returns those 12 bytes, at most 1024. Step it again: `sendall()` echoes them. Step the client: its `recv(1024)` reads the echo.',
        zh: '单步客户端：`sendall()` 把 `Hello, world`（12 字节）交给内核。单步服务器：`recv(1024)` 返回这 12 个字节（最多 1024）。再单步一次：`sendall()` 把它们原样发回。再单步客户端：它的 `recv(1024)` 读到回显。',
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { call: 'recv', role: 'accepted', bufsize: 1024, bytes: 12 } },
          { kind: 'event', match: { call: 'send', role: 'accepted', bytes: 12 } },
          { kind: 'event', match: { call: 'recv', role: 'client', bytes: 12 } },
        ],
      },
      hints: [
        { en: 'If the server steps into `recv` before the client sent, it blocks until the bytes arrive.', zh: '如果服务器在客户端发送之前就进入 `recv`，它会阻塞，直到字节到达。' },
        { en: 'The server and the client each have their own Step button.', zh: '服务器和客户端各有自己的 Step 按钮。' },
      ],
      showMe: echoed,
    },
    {
      id: 'close',
      title: { en: 'close(), and recv() returns 0', zh: 'close()，以及 recv() 返回 0' },
      body: {
        en: 'Step the client: it calls `close()`. Step the server: its next `recv(1024)` returns **0 bytes**, which means the peer closed its side (`if not data: break`). Step once more: the server closes the connection and goes back to `accept()` for the next client.',
        zh: '单步客户端：它调用 `close()`。单步服务器：下一次 `recv(1024)` 返回 **0 字节**，表示对方关闭了自己那一端（`if not data: break`）。再单步一次：服务器关闭这条连接，回到 `accept()` 等下一个客户端。',
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { call: 'recv', role: 'accepted', eof: true } },
          { kind: 'event', match: { call: 'close', role: 'accepted' } },
        ],
      },
      hints: [{ en: 'An empty recv is not an error: it is the end of the stream.', zh: 'recv 返回空并不是错误，而是字节流结束了。' }],
      showMe: [...echoed, { do: 'step', stepperId: '$stepper2', times: 1 }, { do: 'step', stepperId: '$stepper1', times: 2 }],
    },
  ],
};
