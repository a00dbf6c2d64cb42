import { DEFAULT_LOCALHOST } from '@socket-playground/netmodel';
import type { BindConflict, BindResolution, ClaimExplanationId, ListenerStart, NotesClaim, ReachStep, ReachStepId, RejectCode, RuleId } from '@socket-playground/netmodel';
import type { ReachOutcome } from '@socket-playground/protocol';
import { rejectZh } from './address-words-zh.ts';

/**
 * The reachability model's sentences in 简体中文, keyed by netmodel's ids: each rule's general
 * line, each step of a prediction's story, and each explanation of a notes claim. The values
 * (addresses, hosts, cards, routes, errno codes) come from the step's args unchanged.
 */

export const RULE_LINE_ZH: Readonly<Record<RuleId, string>> = {
  'R-INVALID-TARGET': '目标不是规范的 IP 地址（localhost 这样的名字要先解析）。',
  'R-ZERO-IS-LOOPBACK': '在 Linux 和 macOS 上，连接 0.0.0.0 会经由 127.0.0.1 到达本机（:: 则经由 ::1）——它并不表示“每一个地址”。',
  'R-ZERO-INVALID-WINDOWS': 'Windows 根本不允许连接 0.0.0.0 或 ::：EADDRNOTAVAIL。',
  'R-LOOPBACK-IS-LOCAL': '127.x.y.z 和 ::1 永远指客户端自己所在的主机，不管客户端在哪台主机上。',
  'R-NOT-UNICAST': 'TCP 不能连接广播或组播地址：ENETUNREACH。',
  'R-LOCAL-ADDRESS': '目标是客户端主机自己某块网卡的地址时，数据包从不离开主机；监听在这个地址、0.0.0.0 或 :: 上的监听者会接受它。',
  'R-NO-ROUTE': '客户端主机没有路由（它的局域网都不包含目标，也没有网关路由覆盖它）：立即 ENETUNREACH。',
  'R-NO-NEIGHBOUR': '路由指向的局域网上没有主机为下一跳回应 ARP：几秒后 EHOSTUNREACH。',
  'R-NO-FORWARDING': '数据包到了一台并不拥有目标地址的网关主机；实验环境的主机不转发，所以它被悄悄丢弃：ETIMEDOUT。',
  'R-STRONG-HOST': 'Windows（强主机模型）丢弃发给它某个地址、却从另一块网卡进来的数据包：ETIMEDOUT。',
  'R-NO-RETURN-ROUTE': '目标主机没有回到客户端地址的路，所以它的 SYN-ACK 或 RST 永远发不出去：ETIMEDOUT。',
  'R-WEAK-HOST': 'Linux（弱主机模型）接受发给它任一地址的数据包，不管是从哪块网卡进来的。',
  'R-LISTENER-MATCH': '绑定到目标地址、0.0.0.0（IPv4 目标）或 ::（两种协议族，双栈）的监听者接受这个连接。',
  'R-LOOPBACK-BIND-PRIVATE': '绑定到 127.0.0.1 或 ::1 的监听者只接受发往这个回环地址的连接，从不接受发往网卡地址的连接。',
  'R-NO-LISTENER': '数据包到达了主机，但没有监听者匹配这个地址和端口：内核用 RST 回应 SYN，ECONNREFUSED。',
};

type Args = Readonly<Record<string, string>>;

const STEP_ZH: Readonly<Record<ReachStepId, (a: Args) => string>> = {
  'invalid-target': (a) => `"${a.target}" 无法连接：${rejectZh((a.code ?? 'not-an-address') as RejectCode, a.target ?? '')}。`,
  'ipv4-mapped': (a) => `${a.mapped} 是 IPv4 映射地址：内核通过 IPv4 连接 ${a.dst}。`,
  'zero-windows': (a) => `Windows 不接受 ${a.dst} 作为目的地址：connect() 以 EADDRNOTAVAIL 失败。`,
  'zero-is-loopback': (a) => `${a.os} 把 connect 到 ${a.dst} 当作 connect 到 ${a.lo}：${a.client} 在和自己通信。`,
  'not-unicast': (a) => `${a.dst} 是广播或组播地址；TCP 只能连接一台主机，所以 connect() 以 ENETUNREACH 失败。`,
  'loopback-self': (a) => `${a.dst} 是回环地址，指的就是 ${a.client} 自己；数据包从不离开 ${a.client}。`,
  'own-address': (a) => `${a.dst} 是 ${a.client} 自己的地址（${a.card || '某块网卡'}），所以数据包在 ${a.client} 内部投递，从不进入局域网。`,
  'no-route': (a) => `${a.client} 没有到 ${a.dst} 的路由：它的局域网都不包含这个地址，也没有网关路由覆盖它，所以 connect() 立即以 ENETUNREACH 失败。`,
  'no-neighbour': (a) =>
    `${a.client} 经由 "${a.route}" 发送，但那个局域网上没有主机替 ${a.nextHop} 应答（${a.family === '6' ? '邻居发现' : 'ARP'} 失败）；大约 3 秒后 connect() 以 EHOSTUNREACH 失败。`,
  'not-forwarded': (a) =>
    `${a.client} 经由 "${a.route}" 发给 ${a.host}，但 ${a.host} 并没有 ${a.dst}。实验环境的主机不转发数据包，所以 ${a.host} 一声不响地丢弃了 SYN；客户端不断重试，直到以 ETIMEDOUT 放弃（在 Linux 上约两分钟，除非程序自己设置了超时）。`,
  'arrived-other-card': (a) => `SYN 经由 "${a.route}" 从 ${a.card}（${a.cardAddress}）到达 ${a.host}，但 ${a.dst} 属于它的${a.ownerCard ? ` ${a.ownerCard} ` : '另一块'}网卡。`,
  'strong-host-drop': () => 'Windows 使用强主机模型，丢弃了它：客户端超时（ETIMEDOUT）。',
  'weak-host-accept': (a) => `${a.os} 照样接受：地址属于主机，而不属于某一块网卡（弱主机模型）。`,
  arrived: (a) => `SYN 经由 "${a.route}" 从 ${a.card} 到达 ${a.host}。`,
  'no-return-route': (a) => `但 ${a.host} 没有回到 ${a.client} 的地址 ${a.source} 的路，所以它的应答（SYN-ACK 或 RST）永远发不出去：ETIMEDOUT。`,
  'listener-match': (a) => {
    if (a.match === 'v4') return `在 ${a.host} 上，0.0.0.0 上的监听者接受本机的每一个 IPv4 地址，包括 ${a.dst}：已连接。`;
    if (a.match === 'dual') return `在 ${a.host} 上，:: 上的双栈监听者接受本机的每一个 IPv6 和 IPv4 地址，包括 ${a.dst}：已连接。`;
    return `在 ${a.host} 上，绑定到 ${a.bind} 的监听者与目标完全匹配：已连接。`;
  },
  'nothing-listens': (a) => `${a.host} 上没有人监听，所以它的内核用 RST 回应 SYN：ECONNREFUSED ${a.at}。`,
  'loopback-only': (a) => `在 ${a.host} 上，服务器监听的是 ${a.lo}，它只接受目的地址为 ${a.lo} 的连接，而不是 ${a.dst}；内核回了 RST：ECONNREFUSED ${a.at}。`,
  'not-covered': (a) => {
    const family = a.listenersFamily ? `（它们是 IPv${a.listenersFamily}，目标是 IPv${a.targetFamily}）` : '';
    return `在 ${a.host} 上，监听者（${a.binds}）不覆盖 ${a.dst}${family}；内核回了 RST：ECONNREFUSED ${a.at}。`;
  },
  'localhost-none': () => '"localhost" 在这里解析不到任何地址，所以没有可以连接的对象。',
  'localhost-means': (a) => ((a.addresses ?? '').includes(',') ? `"localhost" 依次指 ${a.addresses}。` : `"localhost" 指的是 ${a.addresses}。`),
  'localhost-tries': (a) => `Node 按顺序逐个尝试：${a.tries}。`,
};

export function stepZh(s: Pick<ReachStep, 'id' | 'args'>): string {
  return STEP_ZH[s.id](s.args);
}

/** A prediction's whole story, sentence by sentence. */
export function storyZh(steps: readonly Pick<ReachStep, 'id' | 'args'>[]): string {
  return steps.map(stepZh).join('');
}

/** Why the notes' claim holds or not, by netmodel's explanation id. */
export function claimExplanationZh(id: ClaimExplanationId, claim: Pick<NotesClaim, 'binds' | 'client' | 'target' | 'reachable'>, outcome: ReachOutcome, steps: readonly Pick<ReachStep, 'id' | 'args'>[]): string {
  const said = `笔记说：服务器绑定到 ${claim.binds.join(' + ')} 时，${claim.client} ${claim.reachable ? '能' : '不能'}连上 ${claim.target}`;
  switch (id) {
    case 'wrong-zero-is-loopback':
      return (
        `${said}。笔记把 0.0.0.0 当作“我的任一地址”，但那是它对 bind() 的含义，而不是对 connect() 的。` +
        `作为目的地址，Linux 把 0.0.0.0 变成 127.0.0.1，而这里没有监听者覆盖 127.0.0.1（服务器只绑定了 ${claim.binds.join('、')}），` +
        `所以内核拒绝了：${outcome}。只有当 127.0.0.1、0.0.0.0 或 :: 上有人监听时，连接 0.0.0.0 才能成功。`
      );
    case 'wrong':
      return `${said}；Linux 给出的是 ${outcome}。${storyZh(steps)}`;
    case 'right-weak-host-connects':
      return (
        `${said}——没错，但全靠笔记没提到的两点：pc2 的默认路由经由 192.168.0.1（pc1），` +
        '而且 Linux 接受从 pc1 的 192.168.0.1 网卡进来、发给 10.10.152.8 的数据包（弱主机模型）。没有那条路由，pc2 会得到 ENETUNREACH。'
      );
    case 'right-weak-host-refused':
      return (
        `${said}——没错，但原因并不是地址够不着：pc2 的 SYN 确实到达了 pc1（经由默认路由，弱主机模型），` +
        `只是 ${claim.target} 上没有人监听，所以 pc1 回了 RST：${outcome}，立即返回而不是超时。`
      );
    case 'right-zero-is-loopback':
      return `${said}——没错，因为在 Linux 上连接 0.0.0.0 就是连接 127.0.0.1，而监听者覆盖了 127.0.0.1。`;
    case 'right':
      return `${said}——没错。${storyZh(steps)}`;
  }
}

/** How a typed bind host resolves, by netmodel's note id. */
export function bindNoteZh(r: Pick<BindResolution, 'typed' | 'address' | 'noteId' | 'code'>, localhost: readonly string[] = DEFAULT_LOCALHOST): string {
  const a = r.address ?? '';
  switch (r.noteId) {
    case 'empty':
      return "空的主机地址表示本机的每一个 IPv4 地址，与 0.0.0.0 相同（就像笔记里的 bind(('', port))）。";
    case 'localhost-none':
      return '"localhost" 在这里没有地址，所以没有可以绑定的（ENOTFOUND）。';
    case 'localhost': {
      const others = localhost.length > 1 ? `解析还得到了 ${localhost.slice(1).join('、')}，但 listen() 只绑定第一个结果。` : '';
      return `"localhost" 要先解析：这里它就是 ${a}，所以服务器绑定 ${a}。${others}`;
    }
    case 'invalid':
      return `不能用作绑定地址：${rejectZh(r.code ?? 'not-an-address', r.typed.trim())}。`;
    case 'any-v4':
      return '0.0.0.0：本机的每一个 IPv4 地址，包括回环和每块网卡。';
    case 'any-dual':
      return ':: 在 Node 的默认设置下是双栈的：本机的每一个 IPv6 和每一个 IPv4 地址。';
    case 'loopback-v6':
      return '::1 只是 IPv6 回环：IPv4 客户端（127.0.0.1、0.0.0.0）连不到它。';
    case 'literal':
      return `只绑定到 ${a}。`;
  }
}

/** Why a bind clashes with an earlier listener on the same port. */
export function clashZh(c: Pick<BindConflict, 'first' | 'second' | 'whyId'>): string {
  if (c.whyId === 'taken') return `${c.second} 在这个端口上已经被第一个监听者占用了。`;
  const dual = c.first === '::' || c.second === '::';
  return `${dual ? '::' : '0.0.0.0'} 已经覆盖了${dual ? '每一个 IPv6 和 IPv4 地址（双栈）' : '每一个 IPv4 地址'}；在 Linux 上，同一端口的两个监听套接字不能重叠，不管有没有设置 SO_REUSEADDR（Node 会设置它）。`;
}

/** The model's note on one listener of the bind (shown as the listener chip's tooltip). */
export function listenerNoteZh(l: Pick<ListenerStart, 'address' | 'status' | 'resolution' | 'clash' | 'oddButAccepted'>, serverHost: string, localhost: readonly string[] = DEFAULT_LOCALHOST): string {
  const note = bindNoteZh(l.resolution, localhost);
  const ip = (l.address ?? '').replace(/^::ffff:/i, '');
  switch (l.status) {
    case 'EADDRNOTAVAIL':
      return `${note}但 ${serverHost} 没有带 ${ip} 的网卡，所以 bind() 以 EADDRNOTAVAIL 失败。`;
    case 'EADDRINUSE':
      return `${note}${l.clash ? clashZh(l.clash) : ''}所以 bind() 以 EADDRINUSE 失败。`;
    case 'EINVAL':
      return note;
    case 'listening':
      return l.oddButAccepted ? `${note}Linux 接受这个绑定，但广播或组播地址上永远不会有 TCP 连接到来。` : note;
  }
}
