import type { Lesson } from '../lesson-types.ts';

/** Lesson 4: IPv4 addresses: classes, network and host parts, public and private ranges, NAT. */
export const ipAddressesLesson: Lesson = {
  id: 'ip-addresses',
  number: 4,
  title: { en: 'IP addresses', zh: 'IP 地址' },
  summary: {
    en: 'Classes A to E, the network and host parts of an address, public against private ranges, and NAT.',
    zh: 'A 到 E 类地址、地址中的网络号与主机号、公网与私有地址段，以及 NAT。',
  },
  steps: [
    {
      id: 'classes',
      title: { en: 'Classes by the leading bits', zh: '按开头几位分类' },
      body: {
        en: 'An IPv4 address is 32 bits, written as four bytes. The old **classes** are told apart by the first bits: class A starts with `0` (network part: 1 byte), B with `10` (2 bytes), C with `110` (3 bytes). D (`1110`) is multicast, E (`1111`) is reserved. Today networks use prefixes of any length (`/24`, `/20`…), but the classes still explain many old rules.',
        zh: 'IPv4 地址有 32 位，写成四个字节。过去的**分类**靠开头几位区分：A 类以 `0` 开头（网络号占 1 字节），B 类以 `10` 开头（2 字节），C 类以 `110` 开头（3 字节）。D 类（`1110`）用于多播，E 类（`1111`）保留。如今的网络使用任意长度的前缀（`/24`、`/20`……），但分类仍能解释许多老规则。',
      },
      setup: { view: 'lab' },
      goal: { kind: 'answered' },
      hints: [
        { en: '172 is 10101100 in binary.', zh: '172 的二进制是 10101100。' },
        { en: 'Type the address into the **address inspector** of the lab view.', zh: '把地址输入 lab 视图里的 **address inspector**。' },
      ],
      question: {
        prompt: { en: 'Which class is `172.20.1.5`?', zh: '`172.20.1.5` 属于哪一类？' },
        choices: [
          { id: 'a', text: { en: 'A', zh: 'A 类' } },
          { id: 'b', text: { en: 'B', zh: 'B 类' } },
          { id: 'c', text: { en: 'C', zh: 'C 类' } },
          { id: 'd', text: { en: 'D', zh: 'D 类' } },
        ],
        correct: ['b'],
        explain: { en: '172 = 10101100: it starts with `10`, so class B (128–191).', zh: '172 = 10101100，以 `10` 开头，所以是 B 类（128–191）。' },
      },
      showMe: [{ do: 'open', view: 'lab' }, { do: 'answer', choices: ['b'] }],
    },
    {
      id: 'parts',
      title: { en: 'Network part and host part', zh: '网络号与主机号' },
      body: {
        en: 'Every address has a **network** part, shared by all hosts on one network, and a **host** part that tells them apart. In the notes\' lab, pc1\'s `192.168.0.1/24` and pc2\'s `192.168.0.2/24` share the network `192.168.0` and differ in the last byte; that is why they can talk directly. The prefix length (`/24`) says how many bits belong to the network.',
        zh: '每个地址都有**网络号**部分（同一网络的主机都相同）和**主机号**部分（用来区分各台主机）。在笔记的实验里，pc1 的 `192.168.0.1/24` 和 pc2 的 `192.168.0.2/24` 共享网络 `192.168.0`，只有最后一个字节不同，所以它们能直接通信。前缀长度（`/24`）表示有多少位属于网络号。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: '/24 = the first three bytes.', zh: '/24 就是前三个字节。' }],
      question: {
        prompt: { en: 'Which address is on the same /24 network as `192.168.0.2`?', zh: '哪个地址与 `192.168.0.2` 在同一个 /24 网络？' },
        choices: [
          { id: 'same', text: { en: '192.168.0.200', zh: '192.168.0.200' } },
          { id: 'other', text: { en: '192.168.1.2', zh: '192.168.1.2' } },
          { id: 'far', text: { en: '10.10.152.8', zh: '10.10.152.8' } },
        ],
        correct: ['same'],
        explain: { en: 'Only 192.168.0.200 has the same first 24 bits, 192.168.0.', zh: '只有 192.168.0.200 的前 24 位同样是 192.168.0。' },
      },
      showMe: [{ do: 'answer', choices: ['same'] }],
    },
    {
      id: 'private',
      title: { en: 'Public and private ranges', zh: '公网地址与私有地址' },
      body: {
        en: 'A **public** address is unique on the whole Internet and assigned through the registries. Three ranges are **private**, free for anyone to use inside their own network and never routed on the Internet: `10.0.0.0/8`, `172.16.0.0/12` (172.16–172.31) and `192.168.0.0/16`. Two different LANs may well use the same private address.',
        zh: '**公网**地址在整个互联网上唯一，由地址注册机构分配。有三个段是**私有**地址，任何人都可以在自己的网络内部随意使用，但它们不会在互联网上被路由：`10.0.0.0/8`、`172.16.0.0/12`（172.16–172.31）和 `192.168.0.0/16`。两个不同的局域网完全可以使用同一个私有地址。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: '172.32 is just outside the middle range.', zh: '172.32 恰好在中间那个段之外。' }],
      question: {
        prompt: { en: 'Which of these are private addresses?', zh: '下面哪些是私有地址？' },
        choices: [
          { id: 'ten', text: { en: '10.1.2.3', zh: '10.1.2.3' } },
          { id: 'b31', text: { en: '172.31.0.1', zh: '172.31.0.1' } },
          { id: 'b32', text: { en: '172.32.0.1', zh: '172.32.0.1' } },
          { id: 'c', text: { en: '192.168.10.128', zh: '192.168.10.128' } },
          { id: 'dns', text: { en: '8.8.8.8', zh: '8.8.8.8' } },
        ],
        correct: ['ten', 'b31', 'c'],
        explain: { en: '10/8, 172.16/12 and 192.168/16 are private; 172.32.0.1 and 8.8.8.8 are public.', zh: '10/8、172.16/12 和 192.168/16 是私有地址；172.32.0.1 和 8.8.8.8 是公网地址。' },
      },
      showMe: [{ do: 'answer', choices: ['ten', 'b31', 'c'] }],
    },
    {
      id: 'nat',
      title: { en: 'NAT: many hosts, one public address', zh: 'NAT：许多主机共用一个公网地址' },
      body: {
        en: 'How does a laptop at `192.168.10.128` reach the Internet? Its router does **NAT** (network address translation): it rewrites the source of outgoing packets to the router\'s own public address and a port of its choosing, and translates the replies back. The whole LAN appears on the Internet as one public address, which saves addresses and hides the inside hosts.',
        zh: '地址为 `192.168.10.128` 的笔记本怎样访问互联网？它的路由器在做 **NAT**（网络地址转换）：把发出去的包的源地址改写成路由器自己的公网地址和一个它选定的端口，再把回来的包转换回去。整个局域网在互联网上看起来只有一个公网地址，这既节省了地址，也隐藏了内部主机。',
      },
      goal: { kind: 'answered' },
      hints: [{ en: 'What does a web server on the Internet see as the source?', zh: '互联网上的 Web 服务器看到的源地址是什么？' }],
      question: {
        prompt: { en: 'LAN A and LAN B each have a host `192.168.10.128`, both behind NAT. They visit the same web server. Is that a conflict?', zh: '局域网 A 和局域网 B 各有一台 `192.168.10.128` 的主机，都在 NAT 之后。它们访问同一个 Web 服务器，会冲突吗？' },
        choices: [
          { id: 'no', text: { en: 'No: the server sees each router\'s public address', zh: '不会：服务器看到的是各自路由器的公网地址' } },
          { id: 'yes', text: { en: 'Yes: the replies could go to the wrong host', zh: '会：回复可能发给错误的主机' } },
        ],
        correct: ['no'],
        explain: { en: 'Private addresses never appear on the Internet; each NAT maps its own hosts behind its own public address.', zh: '私有地址从不出现在互联网上；每个 NAT 都把自己的主机映射到自己的公网地址之后。' },
      },
      showMe: [{ do: 'answer', choices: ['no'] }],
    },
    {
      id: 'inspect',
      title: { en: 'Inspect addresses yourself', zh: '自己检查地址' },
      body: {
        en: 'In the **lab** view, the **address inspector** tells for any address its class, whether it is private, public or special, and what NAT would do with it. Try `10.10.152.8`, `172.16.0.1`, `8.8.8.8` and `224.0.0.1`, then press **Done**.',
        zh: '在 **lab** 视图中，**address inspector** 会告诉你任一地址的类别、它是私有、公网还是特殊地址，以及 NAT 会如何处理它。试试 `10.10.152.8`、`172.16.0.1`、`8.8.8.8` 和 `224.0.0.1`，然后点 **Done**。',
      },
      setup: { view: 'lab' },
      goal: { kind: 'read' },
      hints: [{ en: 'The inspector runs in the page; no network is used.', zh: '检查器在页面里运行，不会用到网络。' }],
      showMe: [{ do: 'open', view: 'lab' }, { do: 'read' }],
    },
  ],
};
