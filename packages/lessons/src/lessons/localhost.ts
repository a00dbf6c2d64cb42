import type { Lesson } from '../lesson-types.ts';

/** Lesson 5: localhost, 127.0.0.1 and 0.0.0.0, each tried for real. */
export const localhostLesson: Lesson = {
  id: 'localhost',
  number: 5,
  title: { en: 'localhost, 127.0.0.1 and 0.0.0.0', zh: 'localhost、127.0.0.1 与 0.0.0.0' },
  summary: {
    en: 'A name, the loopback card and the wildcard address: what each means and what the kernel really does with it.',
    zh: '一个名字、回环网卡和通配地址：它们各自的含义，以及内核实际如何处理。',
  },
  steps: [
    {
      id: 'name',
      title: { en: 'localhost is a name', zh: 'localhost 是一个名字' },
      body: {
        en: '`localhost` is a host **name**, not an address. Before `connect()`, the client resolves it, normally through the hosts file, to `127.0.0.1` (and often also to `::1`; you can change the file). Start the echo server on `127.0.0.1`, then run the echo client with host `localhost`: the `connect` event shows the name you asked for and the address it became.',
        zh: '`localhost` 是一个主机**名**，不是地址。在 `connect()` 之前，客户端先解析它，通常是查 hosts 文件，得到 `127.0.0.1`（往往还有 `::1`；这个文件你也可以自己改）。先在 `127.0.0.1` 上启动回显服务器，再把客户端的地址填成 `localhost` 运行：`connect` 事件会同时显示你写的名字和它解析出的地址。',
      },
      setup: { view: 'list' },
      goal: { kind: 'echo', targetHost: 'localhost' },
      hints: [
        { en: 'Type `localhost` in the client\'s host field.', zh: '在客户端的地址栏里填 `localhost`。' },
        { en: 'If it fails with ECONNREFUSED on `::1`, your hosts file lists `::1` first: lesson 14 explains it.', zh: '如果报 `::1` 上的 ECONNREFUSED，说明你的 hosts 文件把 `::1` 放在前面，第 14 课会解释。' },
      ],
      showMe: [
        { do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 0, backlog: 128 } },
        { do: 'command', command: { type: 'client.run', host: 'localhost', port: '$port', message: 'Hello, localhost' } },
      ],
    },
    {
      id: 'loopback',
      title: { en: 'The loopback card', zh: '回环网卡' },
      body: {
        en: '`127.0.0.1` belongs to the **loopback** interface, a virtual network card that every host has next to its real ones (wired, Wi-Fi). Whatever is sent to it comes straight back inside the same machine and never reaches a cable. Every address that starts with `127.` is loopback. That is why a server bound to `127.0.0.1` can only be reached from its own machine.',
        zh: '`127.0.0.1` 属于**回环**接口，这是每台主机除了真实网卡（有线、无线）之外都有的一块虚拟网卡。发往它的数据会在本机内部直接返回，永远不会出现在网线上。所有以 `127.` 开头的地址都是回环地址。所以绑定在 `127.0.0.1` 上的服务器只有本机能连上。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'Loopback traffic never leaves the host.', zh: '回环流量从不离开本机。' }],
      question: {
        prompt: { en: 'A server listens on `127.0.0.1`. Who can connect to it?', zh: '一个服务器监听在 `127.0.0.1`。谁能连上它？' },
        choices: [
          { id: 'self', text: { en: 'Only programs on the same machine', zh: '只有同一台机器上的程序' } },
          { id: 'lan', text: { en: 'Any machine on the same LAN', zh: '同一局域网内的任何机器' } },
          { id: 'all', text: { en: 'Anyone on the Internet', zh: '互联网上的任何人' } },
        ],
        correct: ['self'],
        explain: {
          en: 'Packets to 127.0.0.1 never leave the host, and other hosts cannot send to your loopback: to them 127.0.0.1 is their own.',
          zh: '发往 127.0.0.1 的包从不离开本机；别的主机也无法把包送到你的回环接口，对它们来说 127.0.0.1 是它们自己。',
        },
      },
      showMe: [{ do: 'answer', choices: ['self'] }],
    },
    {
      id: 'wildcard',
      title: { en: 'Binding 0.0.0.0', zh: '绑定 0.0.0.0' },
      body: {
        en: 'For `bind`, `0.0.0.0` is not a real address: it means **every IPv4 address of this host**, loopback and all cards. Start the echo server on host `0.0.0.0`. The page asks you to confirm, because such a server can be reached from your network, not only from this machine; stop it when you are done.',
        zh: '对 `bind` 来说，`0.0.0.0` 不是一个真实地址，而是表示**本机的所有 IPv4 地址**：回环地址加上每块网卡的地址。把回显服务器的地址改成 `0.0.0.0` 再启动。页面会要求你确认，因为这样的服务器不只本机能连，你所在网络上的其他机器也能连；用完请停掉它。',
      },
      goal: { kind: 'listening', address: '0.0.0.0' },
      hints: [
        { en: 'Confirm the warning: without it the bridge refuses to bind beyond loopback.', zh: '确认那条警告：不确认的话，桥接程序不会绑定回环以外的地址。' },
        { en: 'The listening address in the server card now reads `0.0.0.0`.', zh: '服务器卡片里的监听地址此时显示为 `0.0.0.0`。' },
      ],
      showMe: [{ do: 'command', command: { type: 'server.start', host: '0.0.0.0', port: 0, backlog: 128, exposeConfirmed: true } }],
    },
    {
      id: 'connect-zero',
      title: { en: 'Connecting to 0.0.0.0', zh: '连接 0.0.0.0' },
      body: {
        en: 'Can a client connect **to** `0.0.0.0`? As a destination it is not a valid address, yet Linux and macOS quietly deliver such a `connect()` to this host, in practice to `127.0.0.1` (Windows rejects it). Start a server on `127.0.0.1` and run the client with host `0.0.0.0`: it connects, and the `connect` event shows the address the kernel used. Do not rely on this in real programs.',
        zh: '客户端能**连向** `0.0.0.0` 吗？作为目的地址它并不合法，但 Linux 和 macOS 会悄悄把这样的 `connect()` 送到本机，实际上就是 `127.0.0.1`（Windows 会拒绝）。先在 `127.0.0.1` 上启动服务器，再把客户端地址填成 `0.0.0.0` 运行：它能连上，`connect` 事件会显示内核实际使用的地址。在真正的程序里别依赖这种行为。',
      },
      goal: { kind: 'event', match: { call: 'connect', targetHost: '0.0.0.0' } },
      hints: [{ en: 'The server may listen on `127.0.0.1` or `0.0.0.0`; the client uses the same port.', zh: '服务器监听 `127.0.0.1` 或 `0.0.0.0` 都行，客户端用同一个端口。' }],
      showMe: [
        { do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 0, backlog: 128 } },
        { do: 'command', command: { type: 'client.run', host: '0.0.0.0', port: '$port', message: 'Hello, 0.0.0.0' } },
      ],
    },
  ],
};
