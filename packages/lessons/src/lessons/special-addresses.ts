import type { Lesson } from '../lesson-types.ts';

/** Lesson 7: the notes' table of special IPv4 addresses, plus link-local and multicast. */
export const specialAddressesLesson: Lesson = {
  id: 'special-addresses',
  number: 7,
  title: { en: 'Special addresses', zh: '特殊地址' },
  summary: {
    en: 'Addresses with a fixed meaning: this host, broadcast, loopback, link-local and multicast, and where each may appear.',
    zh: '含义固定的地址：本主机、广播、回环、链路本地和多播，以及它们各自能出现在哪里。',
  },
  steps: [
    {
      id: 'zero',
      title: { en: 'All zeros: "this host"', zh: '全 0：“本主机”' },
      body: {
        en: 'In a packet, `0.0.0.0` means "this host on this network" and may only be a **source**: a machine that has no address yet (asking DHCP for one) sends from it. A network part of zeros with a host part, `{0, host-id}`, names a host on this network, also as a source only. Do not confuse this with `bind("0.0.0.0")`, where the same bits mean "every address of mine".',
        zh: '在数据包里，`0.0.0.0` 表示“本网络上的本主机”，只能作为**源地址**：还没有地址的机器（正在向 DHCP 申请）会用它发包。网络号全 0 加上主机号，即 `{0, host-id}`，表示本网络上的某台主机，同样只能作源地址。别把它和 `bind("0.0.0.0")` 混淆，在那里同样的比特表示“我的所有地址”。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'Think of a laptop that just joined a network.', zh: '想一想一台刚接入网络的笔记本。' }],
      question: {
        prompt: { en: 'Where may `0.0.0.0` appear in an IPv4 packet?', zh: '`0.0.0.0` 可以出现在 IPv4 数据包的什么位置？' },
        choices: [
          { id: 'source', text: { en: 'As the source, before the host has an address', zh: '作为源地址，在主机还没有地址时' } },
          { id: 'dest', text: { en: 'As the destination, to reach every host', zh: '作为目的地址，用来发给所有主机' } },
        ],
        correct: ['source'],
        explain: { en: 'It is source-only. Reaching every host is the job of broadcast addresses.', zh: '它只能作源地址。发给所有主机是广播地址的事。' },
      },
      showMe: [{ do: 'answer', choices: ['source'] }],
    },
    {
      id: 'broadcast',
      title: { en: 'Broadcast: all ones', zh: '广播：全 1' },
      body: {
        en: 'All ones is broadcast, and may only be a **destination**. `255.255.255.255` is the **limited broadcast**: every host on this network, and routers never forward it. A network part followed by a host part of all ones is a **directed broadcast** to that network: for `192.168.0.0/24` it is `192.168.0.255`. The notes\' table also lists subnet forms of it; most routers now drop directed broadcasts for safety.',
        zh: '全 1 表示广播，只能作**目的地址**。`255.255.255.255` 是**受限广播**：发给本网络上的所有主机，路由器从不转发它。网络号后面跟着全 1 的主机号是发往该网络的**直接广播**：对 `192.168.0.0/24` 来说就是 `192.168.0.255`。笔记的表里还列出了针对子网的形式；出于安全考虑，如今大多数路由器会丢弃直接广播。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'With /24, the host part is the last byte.', zh: '/24 时，主机号就是最后一个字节。' }],
      question: {
        prompt: { en: 'What is the directed broadcast address of `10.10.152.0/24`?', zh: '`10.10.152.0/24` 的直接广播地址是什么？' },
        choices: [
          { id: 'directed', text: { en: '10.10.152.255', zh: '10.10.152.255' } },
          { id: 'limited', text: { en: '255.255.255.255', zh: '255.255.255.255' } },
          { id: 'net', text: { en: '10.10.152.0', zh: '10.10.152.0' } },
          { id: 'wide', text: { en: '10.255.255.255', zh: '10.255.255.255' } },
        ],
        correct: ['directed'],
        explain: { en: 'Keep the 24 network bits, set the 8 host bits to one: 10.10.152.255.', zh: '保留 24 位网络号，把 8 位主机号全置 1：10.10.152.255。' },
      },
      showMe: [{ do: 'answer', choices: ['directed'] }],
    },
    {
      id: 'loopback',
      title: { en: 'The whole of 127/8', zh: '整个 127/8' },
      body: {
        en: 'Every address with network number `127` is **loopback**, not just `127.0.0.1`: `127.45.6.7` also stays inside the host. Such addresses must never appear on a network outside a host; a router that sees one drops it.',
        zh: '网络号为 `127` 的所有地址都是**回环**地址，而不只是 `127.0.0.1`：`127.45.6.7` 同样不会离开本机。这些地址绝不应该出现在主机外部的网络上，路由器看到了也会丢弃。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'Lesson 5 called it a virtual card.', zh: '第 5 课把它称为一块虚拟网卡。' }],
      question: {
        prompt: { en: 'Which of these are loopback addresses?', zh: '下面哪些是回环地址？' },
        choices: [
          { id: 'std', text: { en: '127.0.0.1', zh: '127.0.0.1' } },
          { id: 'other', text: { en: '127.45.6.7', zh: '127.45.6.7' } },
          { id: 'card', text: { en: '192.168.0.1', zh: '192.168.0.1' } },
          { id: 'v6', text: { en: '::1', zh: '::1' } },
        ],
        correct: ['std', 'other', 'v6'],
        explain: { en: 'All of 127/8 is IPv4 loopback, and `::1` is IPv6 loopback; 192.168.0.1 is a card.', zh: '整个 127/8 都是 IPv4 回环，`::1` 是 IPv6 回环；192.168.0.1 是网卡地址。' },
      },
      showMe: [{ do: 'answer', choices: ['std', 'other', 'v6'] }],
    },
    {
      id: 'link-local-multicast',
      title: { en: 'Link-local and multicast', zh: '链路本地与多播' },
      body: {
        en: 'Two ranges the notes\' table leaves out. `169.254.0.0/16` is **link-local**: a host gives itself such an address when no DHCP server answered, and it only works on the local link. `224.0.0.0/4` (the old class D, 224–239) is **multicast**: one sender, every host that joined the group receives, which suits UDP rather than TCP.',
        zh: '笔记的表里漏掉了两个段。`169.254.0.0/16` 是**链路本地**地址：没有 DHCP 服务器应答时，主机会给自己分配一个这样的地址，它只在本地链路上有效。`224.0.0.0/4`（即过去的 D 类，224–239）是**多播**地址：一个发送方，所有加入该组的主机都能收到，这适合 UDP 而不是 TCP。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'The first number tells it.', zh: '看第一个数字就知道。' }],
      question: {
        prompt: { en: 'A laptop shows the address `169.254.37.12`. What does it suggest?', zh: '一台笔记本显示地址 `169.254.37.12`。这说明什么？' },
        choices: [
          { id: 'nodhcp', text: { en: 'No DHCP server answered; it picked a link-local address itself', zh: '没有 DHCP 服务器应答，它自己选了一个链路本地地址' } },
          { id: 'public', text: { en: 'It has a public address', zh: '它拿到了一个公网地址' } },
          { id: 'multicast', text: { en: 'It joined a multicast group', zh: '它加入了一个多播组' } },
        ],
        correct: ['nodhcp'],
        explain: { en: '169.254/16 is self-assigned: the usual sign that DHCP failed.', zh: '169.254/16 是自己分配的地址，通常意味着 DHCP 失败了。' },
      },
      showMe: [{ do: 'answer', choices: ['nodhcp'] }],
    },
    {
      id: 'inspect',
      title: { en: 'Check them in the inspector', zh: '在检查器中验证' },
      body: {
        en: 'Open the **lab** view and type each special address into the **address inspector**: `0.0.0.0`, `255.255.255.255`, `192.168.0.255/24`, `127.45.6.7`, `169.254.37.12`, `224.0.0.1`. It names the rule for each one. Press **Done** when you have tried them.',
        zh: '打开 **lab** 视图，把每个特殊地址输入 **address inspector**：`0.0.0.0`、`255.255.255.255`、`192.168.0.255/24`、`127.45.6.7`、`169.254.37.12`、`224.0.0.1`。它会说出每个地址对应的规则。都试过之后点 **Done**。',
      },
      setup: { view: 'lab' },
      goal: { kind: 'read' },
      hints: [{ en: 'A directed broadcast depends on the prefix: write it after the address, as in `/24`.', zh: '直接广播取决于前缀长度：把它写在地址后面，例如 `/24`。' }],
      showMe: [{ do: 'open', view: 'lab' }, { do: 'read' }],
    },
  ],
};
