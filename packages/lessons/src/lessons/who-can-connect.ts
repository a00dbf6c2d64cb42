import type { Action, Choice, Lesson, Step, Text } from '../lesson-types.ts';

/** Who may try what in the notes' topology: pc1 (two cards) and pc2 (on pc1's first LAN). */
const TARGETS: readonly Choice[] = [
  { id: 'pc1-lo', text: { en: 'pc1 → 127.0.0.1', zh: 'pc1 → 127.0.0.1' } },
  { id: 'pc1-card1', text: { en: 'pc1 → 192.168.0.1', zh: 'pc1 → 192.168.0.1' } },
  { id: 'pc1-card2', text: { en: 'pc1 → 10.10.152.8', zh: 'pc1 → 10.10.152.8' } },
  { id: 'pc1-zero', text: { en: 'pc1 → 0.0.0.0', zh: 'pc1 → 0.0.0.0' } },
  { id: 'pc2-card1', text: { en: 'pc2 → 192.168.0.1', zh: 'pc2 → 192.168.0.1' } },
  { id: 'pc2-card2', text: { en: 'pc2 → 10.10.152.8', zh: 'pc2 → 10.10.152.8' } },
];

const PROMPT: Text = { en: 'Predict: which of these connections will succeed? Then the lab runs them for real.', zh: '先预测：下面哪些连接会成功？然后实验室会真的把它们跑一遍。' };

/** A predict-then-run step: answer, then the real matrix for this bind on pc1. */
function scenario(id: string, hosts: readonly string[], title: Text, body: Text, correct: readonly string[], explain: Text, hint: Text, startLab = false): Step {
  const showMe: Action[] = [
    { do: 'open', view: 'lab' },
    // The step's setup starts the lab in the page; only the first show-me (re)builds it itself.
    ...(startLab ? [{ do: 'command', command: { type: 'netlab.start' } } as const] : []),
    { do: 'answer', choices: correct },
    { do: 'command', command: { type: 'netlab.matrix', serverHost: 'pc1', bind: { hosts: [...hosts], port: 65432 } } },
  ];
  return {
    id,
    title,
    body,
    setup: { view: 'lab', netlab: true, bind: { hosts: [...hosts], port: 65432 } },
    goal: { kind: 'all', goals: [{ kind: 'answered' }, { kind: 'matrix', bind: hosts }] },
    hints: [hint, { en: 'After you answer, press **Run** in the matrix to check.', zh: '回答之后，在矩阵里点 **Run** 验证。' }],
    question: { prompt: PROMPT, choices: TARGETS, correct, explain, predict: true },
    showMe,
  };
}

/** Lesson 6: the notes' four scenarios, built for real, and where the notes and Linux disagree. */
export const whoCanConnectLesson: Lesson = {
  id: 'who-can-connect',
  number: 6,
  title: { en: 'Who can connect?', zh: '谁能连上？' },
  summary: {
    en: 'The notes\' pc1 with two cards and pc2 beside it: bind the server four ways, predict, then let every host try every address.',
    zh: '笔记里有两块网卡的 pc1 和旁边的 pc2：用四种方式绑定服务器，先预测，再让每台主机去连每个地址。',
  },
  steps: [
    scenario(
      'loopback',
      ['127.0.0.1'],
      { en: 'Bound to 127.0.0.1', zh: '绑定 127.0.0.1' },
      {
        en: 'pc1 has two cards, `192.168.0.1` and `10.10.152.8`; pc2 (`192.168.0.2`) sits on the first LAN. The server on pc1 binds `127.0.0.1` only. Loopback packets never leave pc1, and the listener accepts only connections addressed to `127.0.0.1`. (Where the page cannot build real hosts, cells it could not run are marked "modelled".)',
        zh: 'pc1 有两块网卡：`192.168.0.1` 和 `10.10.152.8`；pc2（`192.168.0.2`）接在第一个局域网上。pc1 上的服务器只绑定 `127.0.0.1`。回环包从不离开 pc1，监听 socket 也只接受目的地址是 `127.0.0.1` 的连接。（如果页面无法搭建真实主机，没能实际运行的格子会标为 “modelled”。）',
      },
      ['pc1-lo', 'pc1-zero'],
      {
        en: 'Only pc1 itself, through loopback. Its connect to 0.0.0.0 also works, because Linux sends it to 127.0.0.1. The cards refuse (ECONNREFUSED): nobody listens on their addresses.',
        zh: '只有 pc1 自己能通过回环连上。它连 0.0.0.0 也能成功，因为 Linux 把它送到了 127.0.0.1。连网卡地址会被拒绝（ECONNREFUSED）：没有人在这些地址上监听。',
      },
      { en: 'Can a packet from pc2 ever reach pc1\'s loopback?', zh: 'pc2 发出的包能到达 pc1 的回环接口吗？' },
      true,
    ),
    scenario(
      'one-card',
      ['192.168.0.1'],
      { en: 'Bound to one card, 192.168.0.1', zh: '绑定一块网卡 192.168.0.1' },
      {
        en: 'Now the server binds the first card, `192.168.0.1`. A connection is accepted only when its destination address is exactly that one, whoever sends it: pc1 itself or pc2 across the LAN. Other addresses of pc1, loopback included, have no listener.',
        zh: '现在服务器绑定第一块网卡 `192.168.0.1`。只有目的地址恰好是它的连接才会被接受，不管是 pc1 自己发起还是 pc2 隔着局域网发起。pc1 的其他地址（包括回环）上都没有监听 socket。',
      },
      ['pc1-card1', 'pc2-card1'],
      {
        en: 'pc1 and pc2 both reach 192.168.0.1; everything else is refused. The notes say pc1 can also connect to 0.0.0.0 here: on Linux it cannot, because that connect goes to 127.0.0.1, where nothing listens.',
        zh: 'pc1 和 pc2 都能连上 192.168.0.1，其余都被拒绝。笔记说这时 pc1 还能连 0.0.0.0，但在 Linux 上不行：这个连接会被送到 127.0.0.1，而那里没有监听。',
      },
      { en: 'What matters is the destination address of the connection.', zh: '关键看连接的目的地址。' },
    ),
    scenario(
      'both-cards',
      ['192.168.0.1', '10.10.152.8'],
      { en: 'Bound to both cards', zh: '绑定两块网卡' },
      {
        en: 'The server now has two listening sockets, one per card. pc2 is not on `10.10.152.0/24`, but its default route goes through pc1, and pc1 accepts a packet for any of its own addresses on any card. Loopback still has no listener.',
        zh: '现在服务器有两个监听 socket，每块网卡一个。pc2 不在 `10.10.152.0/24` 网段上，但它的默认路由经过 pc1，而 pc1 会在任何一块网卡上接收发给它自己任一地址的包。回环地址上仍然没有监听。',
      },
      ['pc1-card1', 'pc1-card2', 'pc2-card1', 'pc2-card2'],
      {
        en: 'Both cards work from both hosts; 127.0.0.1 is refused. The notes count 0.0.0.0 as reachable from pc1 here too; on Linux it is refused, for the same reason as before.',
        zh: '两台主机都能连上两块网卡；127.0.0.1 被拒绝。笔记认为这时 pc1 也能连 0.0.0.0；在 Linux 上它会被拒绝，原因和上一步相同。',
      },
      { en: 'Look at pc2\'s route: where do its packets for 10.10.152.8 go?', zh: '看 pc2 的路由：它发往 10.10.152.8 的包走到哪里？' },
    ),
    scenario(
      'wildcard',
      ['0.0.0.0'],
      { en: 'Bound to 0.0.0.0', zh: '绑定 0.0.0.0' },
      {
        en: 'Finally the server binds `0.0.0.0`: every IPv4 address of pc1, loopback and both cards. Every address now has a listener. This is convenient for tests across machines, but it also means the server can no longer hide from any network pc1 is on.',
        zh: '最后服务器绑定 `0.0.0.0`：pc1 的全部 IPv4 地址，回环和两块网卡都包括在内。每个地址上都有监听了。多机测试时这很方便，但也意味着服务器对 pc1 所在的任何网络都不再隐藏。',
      },
      ['pc1-lo', 'pc1-card1', 'pc1-card2', 'pc1-zero', 'pc2-card1', 'pc2-card2'],
      { en: 'Everything connects.', zh: '全部都能连上。' },
      { en: 'Which addresses of pc1 are not covered by 0.0.0.0?', zh: 'pc1 有哪些地址不在 0.0.0.0 的范围内？' },
    ),
    {
      id: 'notes-differ',
      title: { en: 'Where the notes are wrong', zh: '笔记错在哪里' },
      body: {
        en: 'The notes claim that a client on pc1 can always connect to `0.0.0.0`, whatever address the server binds. As a destination `0.0.0.0` means nothing, and Linux turns such a `connect()` into one to `127.0.0.1`. So it succeeds only when something listens on loopback (a bind to `127.0.0.1` or `0.0.0.0`). Run the one-card bind again and look at the `pc1 → 0.0.0.0` cell; the **Notes\' claims** panel lists every disagreement.',
        zh: '笔记声称，不论服务器绑定哪个地址，pc1 上的客户端都能连上 `0.0.0.0`。作为目的地址，`0.0.0.0` 没有意义，Linux 会把这样的 `connect()` 变成连向 `127.0.0.1`。因此只有当回环上有监听（绑定 `127.0.0.1` 或 `0.0.0.0`）时才会成功。再运行一次“绑定一块网卡”，看 `pc1 → 0.0.0.0` 那一格；**Notes\' claims** 面板列出了所有不一致之处。',
      },
      setup: { view: 'lab', netlab: true, bind: { hosts: ['192.168.0.1'], port: 65432 } },
      goal: { kind: 'all', goals: [{ kind: 'answered' }, { kind: 'matrix', bind: ['192.168.0.1'] }] },
      hints: [
        { en: 'Which address does the kernel really connect to?', zh: '内核实际连接的是哪个地址？' },
        { en: 'The connect event of a client to 0.0.0.0 shows the address it became.', zh: '客户端连接 0.0.0.0 的 connect 事件会显示它实际变成的地址。' },
      ],
      question: {
        prompt: { en: 'The server on pc1 binds only `192.168.0.1`. A client on pc1 connects to `0.0.0.0`. On Linux…', zh: 'pc1 上的服务器只绑定 `192.168.0.1`。pc1 上的客户端连接 `0.0.0.0`。在 Linux 上……' },
        choices: [
          { id: 'connected', text: { en: 'it connects, as the notes say', zh: '能连上，正如笔记所说' } },
          { id: 'refused', text: { en: 'it is refused: the connect goes to 127.0.0.1', zh: '被拒绝：这个连接被送往 127.0.0.1' } },
          { id: 'invalid', text: { en: 'connect() rejects the address as invalid', zh: 'connect() 认为地址非法而拒绝' } },
        ],
        correct: ['refused'],
        explain: {
          en: 'Linux delivers a connect to 0.0.0.0 to 127.0.0.1; nothing listens there, so ECONNREFUSED. Other systems may behave differently; never connect to 0.0.0.0 on purpose.',
          zh: 'Linux 把连向 0.0.0.0 的连接送到 127.0.0.1；那里没有监听，于是得到 ECONNREFUSED。其他系统的行为可能不同；不要故意去连接 0.0.0.0。',
        },
        predict: true,
      },
      showMe: [
        { do: 'open', view: 'lab' },
        { do: 'answer', choices: ['refused'] },
        { do: 'command', command: { type: 'netlab.matrix', serverHost: 'pc1', bind: { hosts: ['192.168.0.1'], port: 65432 } } },
      ],
    },
  ],
};
