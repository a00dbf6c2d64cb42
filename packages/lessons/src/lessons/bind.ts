import type { Lesson } from '../lesson-types.ts';

/** Lesson 8: bind() in detail: the host, the port, port 0, privileged ports and EADDRINUSE. */
export const bindLesson: Lesson = {
  id: 'bind',
  number: 8,
  title: { en: 'bind() in detail', zh: '深入 bind()' },
  summary: {
    en: 'What the (host, port) pair of bind may be, who picks port 0, why ports below 1024 are special, and what "address in use" means.',
    zh: 'bind 的 (host, port) 可以取什么值、端口 0 由谁来选、1024 以下的端口为何特殊，以及 “address in use” 的含义。',
  },
  steps: [
    {
      id: 'host',
      title: { en: 'The host: address, name or ""', zh: 'host：地址、名字或空字符串' },
      body: {
        en: '`bind()` ties a socket to one local address and port. For `AF_INET` Python takes a pair `(host, port)`. The host may be an IPv4 address (`127.0.0.1`), a name that is resolved first (`localhost`), or the empty string `""`, which Python turns into `0.0.0.0`: every IPv4 address of the host.',
        zh: '`bind()` 把 socket 绑定到一个本地地址和端口。对 `AF_INET`，Python 接收一个二元组 `(host, port)`。host 可以是 IPv4 地址（`127.0.0.1`），也可以是先要解析的名字（`localhost`），或者空字符串 `""`，Python 会把它变成 `0.0.0.0`，即本机的所有 IPv4 地址。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'Lesson 5 showed what 0.0.0.0 means for bind.', zh: '第 5 课讲过 0.0.0.0 对 bind 意味着什么。' }],
      question: {
        prompt: { en: 'A Python server calls `s.bind(("", 65432))`. Where does it listen?', zh: 'Python 服务器调用 `s.bind(("", 65432))`。它监听在哪里？' },
        choices: [
          { id: 'loopback', text: { en: 'On 127.0.0.1 only', zh: '只在 127.0.0.1' } },
          { id: 'all', text: { en: 'On every IPv4 address of the host', zh: '本机的所有 IPv4 地址' } },
          { id: 'error', text: { en: 'Nowhere: an empty host is an error', zh: '哪里都不：空 host 会报错' } },
        ],
        correct: ['all'],
        explain: { en: 'The empty string means `INADDR_ANY`, the same as `0.0.0.0`.', zh: '空字符串表示 `INADDR_ANY`，与 `0.0.0.0` 相同。' },
      },
      showMe: [{ do: 'answer', choices: ['all'] }],
    },
    {
      id: 'port-zero',
      title: { en: 'Port 0: the kernel chooses', zh: '端口 0：由内核选择' },
      body: {
        en: 'A port is a number from 1 to 65535. Port 0 is reserved, and in `bind` it means "any free port, please": the kernel picks one from its ephemeral range. Start the echo server on `127.0.0.1` with port `0` and read the port it really got in the `bind` event; `getsockname()` tells a program the same.',
        zh: '端口是 1 到 65535 之间的数字。端口 0 是保留值，在 `bind` 中表示“随便给我一个空闲端口”：内核从它的临时端口范围里挑一个。用端口 `0` 在 `127.0.0.1` 上启动回显服务器，在 `bind` 事件里看它实际拿到的端口；程序用 `getsockname()` 也能查到。',
      },
      setup: { view: 'list' },
      goal: { kind: 'event', match: { call: 'bind', role: 'listener', localAddress: '127.0.0.1' } },
      hints: [{ en: 'Type 0 in the port field.', zh: '在端口栏里填 0。' }],
      showMe: [{ do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 0, backlog: 128 } }],
    },
    {
      id: 'privileged',
      title: { en: 'Ports below 1024', zh: '1024 以下的端口' },
      body: {
        en: 'Ports 1–1023 are **privileged** on Unix: only root (or a program given the capability `CAP_NET_BIND_SERVICE`) may bind them. An ordinary user\'s `bind` to port 80 fails with **EACCES**, "permission denied". That is why the notes use 65432. (If this playground runs as root, it cannot show the error, so here it is a question.)',
        zh: '在 Unix 上，1–1023 号端口是**特权端口**：只有 root（或被授予 `CAP_NET_BIND_SERVICE` 能力的程序）才能绑定。普通用户 `bind` 80 端口会以 **EACCES**（权限不足）失败。这就是笔记使用 65432 的原因。（如果练习场以 root 身份运行，就演示不出这个错误，所以这里用一道题来代替。）',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'The error is about permission, not about the port being busy.', zh: '这个错误与权限有关，而不是端口被占用。' }],
      question: {
        prompt: { en: 'An ordinary user binds port 80. What happens on Linux?', zh: '普通用户绑定 80 端口，在 Linux 上会怎样？' },
        choices: [
          { id: 'eacces', text: { en: '`bind` fails with EACCES', zh: '`bind` 以 EACCES 失败' } },
          { id: 'eaddrinuse', text: { en: '`bind` fails with EADDRINUSE', zh: '`bind` 以 EADDRINUSE 失败' } },
          { id: 'ok', text: { en: 'It works like any other port', zh: '与其他端口一样正常工作' } },
        ],
        correct: ['eacces'],
        explain: {
          en: 'Ports below 1024 need privilege. (On Linux an administrator may move the limit with `net.ipv4.ip_unprivileged_port_start`.)',
          zh: '1024 以下的端口需要特权。（在 Linux 上，管理员可以用 `net.ipv4.ip_unprivileged_port_start` 调整这个界限。）',
        },
      },
      showMe: [{ do: 'answer', choices: ['eacces'] }],
    },
    {
      id: 'in-use',
      title: { en: 'EADDRINUSE: two servers, one port', zh: 'EADDRINUSE：两个服务器，一个端口' },
      body: {
        en: 'Only one listening socket may own an address and port. Start the echo server, then start a second one on the **same** host and port: its `bind` fails with **EADDRINUSE**, "address already in use", and the event list shows the error. Stop the first server, or choose another port, and it works.',
        zh: '一个地址和端口只能被一个监听 socket 占用。先启动回显服务器，再在**同一个**地址和端口上启动第二个：它的 `bind` 以 **EADDRINUSE**（地址已被占用）失败，事件列表会显示这个错误。停掉第一个服务器或换一个端口，就能成功。',
      },
      goal: { kind: 'event', match: { call: 'error', code: 'EADDRINUSE' } },
      hints: [
        { en: 'Press **Start server** twice with the same port.', zh: '用同一个端口点两次 **Start server**。' },
        { en: 'Show me starts the first server on a port the kernel picks, then the second on that same port.', zh: '“演示”先让内核为第一个服务器挑一个端口，再让第二个服务器使用同一个端口。' },
      ],
      showMe: [
        { do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 0, backlog: 128 } },
        { do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: '$port', backlog: 128 } },
      ],
    },
  ],
};
