import { DEFAULT_LOCALHOST } from '@socket-playground/netmodel';
import type { ReachOutcome } from '@socket-playground/protocol';
import type { WhyInput } from './cell-why.ts';
import type { NotesPoint } from './notes-view.ts';
import type { Guess, Score } from './predict.ts';

/**
 * The who-can-connect lab's own sentences in 简体中文 (the English ones stay in cell-why.ts,
 * matrix-view.ts, predict.ts, lab-topology.ts and notes-view.ts). API names and errno codes stay.
 */

function listenerName(bind: string | null): string {
  return bind === null ? '某个监听者' : `${bind} 上的监听者`;
}

export function shortWhyZh(w: WhyInput): string {
  const matched = `匹配到${listenerName(w.listener)}`;
  switch (w.rule) {
    case 'R-ZERO-IS-LOOPBACK': {
      const lo = w.target.includes(':') ? '::1' : '127.0.0.1';
      return `Linux 把发往 ${w.target} 的 connect() 转给 ${lo}${w.outcome === 'connected' ? '' : '：那里没有人监听'}`;
    }
    case 'R-LOOPBACK-IS-LOCAL':
      return w.outcome === 'connected' ? `就是 ${w.client} 自己；${matched}` : `那就是 ${w.client} 自己：那里没有人监听（RST）`;
    case 'R-LOCAL-ADDRESS':
      return w.outcome === 'connected' ? `${w.client} 自己的地址；${matched}` : `${w.client} 自己的地址：那里没有人监听（RST）`;
    case 'R-WEAK-HOST':
      return `从另一块网卡进来；弱主机模型接受它；${matched}`;
    case 'R-LISTENER-MATCH':
      return matched;
    case 'R-LOOPBACK-BIND-PRIVATE':
      return '监听者只在回环上：内核回了 RST';
    case 'R-NO-LISTENER':
      return '那里没有人监听：内核回了 RST';
    case 'R-NO-ROUTE':
      return `${w.client} 没有到那里的路由：立即失败`;
    case 'R-NO-NEIGHBOUR':
      return '局域网上没有人回应它的 ARP';
    case 'R-NO-FORWARDING':
      return `${w.reachedHost ?? '网关'} 不转发：SYN 被丢弃`;
    case 'R-NO-RETURN-ROUTE':
      return '服务器没有回程路由：等不到回答';
    case 'R-STRONG-HOST':
      return '强主机模型：在错误的网卡上被丢弃';
    case 'R-NOT-UNICAST':
      return '广播或组播：TCP 需要一台确定的主机';
    case 'R-INVALID-TARGET':
      return '不是一个可以连接的地址';
    case 'R-ZERO-INVALID-WINDOWS':
      return 'Windows 拒绝把 0.0.0.0 作为目的地址';
    default:
      return w.rule;
  }
}

export function disagreementNoteZh(model: ReachOutcome, real: ReachOutcome): string {
  if ((model === 'ETIMEDOUT' && real === 'EHOSTUNREACH') || (model === 'EHOSTUNREACH' && real === 'ETIMEDOUT')) {
    return '探测在 1.5 s 后放弃；内核是否先报告 EHOSTUNREACH 取决于 ARP 的时机。';
  }
  return '模型的预测与此不同：这是模型的 bug（或者实验环境与拓扑图不一致）。';
}

export const OUTCOME_MEANING_ZH: Record<ReachOutcome, string> = {
  connected: '握手完成，回显也回来了',
  ECONNREFUSED: '那里没有人监听：内核回了 RST',
  ENETUNREACH: '没有到那个网络的路由：客户端立即放弃',
  EHOSTUNREACH: '路由存在，但没有主机回应 ARP',
  ETIMEDOUT: 'SYN 发出去了，什么也没回来',
  EADDRNOTAVAIL: '这台主机上没有可用于这个连接的地址',
  EINVAL: '在这里不是有效的目标',
  'not-run': '没有运行：无法打开监听者',
};

export function outcomeTextZh(outcome: ReachOutcome, echoed?: boolean): string {
  if (outcome === 'connected') return echoed === false ? '✓ 已连接，回显丢失' : echoed ? '✓ 已回显' : '✓ 已连接';
  if (outcome === 'not-run') return '未运行';
  return outcome;
}

export const GUESS_LABEL_ZH: Record<Guess, string> = { connects: '能连上', refused: '被拒绝', unreachable: '不可达', 'times-out': '超时' };

export function scoreTextZh(score: Score): string {
  if (score.total === 0) return '没有可计分的：没有格子运行过。';
  const parts = [`你答对了 ${score.total} 个中的 ${score.right} 个`];
  if (score.blank > 0) parts.push(`${score.blank} 个没填`);
  return parts.join(' · ');
}

/** The bind picker's hints, by option key; a single card's key is its address. */
export function bindHintZh(key: string, cards: string): string {
  switch (key) {
    case '127.0.0.1':
      return '只有回环：只有本机，别人都不行';
    case 'both-cards':
      return `${cards}：每块网卡一个监听者`;
    case '0.0.0.0':
      return 'IPv4 通配地址：本机的每个 IPv4 地址';
    case '::':
      return 'IPv6 通配地址，双栈：IPv4 对端也可以';
    case '0.0.0.0+::':
      return '同一个端口上两个通配监听者：第二次 bind() 会冲突';
    case '::1':
      return '只有 IPv6 回环';
    case 'localhost':
      return '一个名字：bind() 得到它解析出的地址';
    case 'empty':
      return "bind(('', port))：INADDR_ANY，与 0.0.0.0 相同";
    default:
      return '一块网卡：它所在局域网上的主机，以及本机';
  }
}

export const TARGET_CAPTION_ZH: Readonly<Record<string, string>> = {
  '127.0.0.1': '回环',
  '0.0.0.0': '通配地址',
  localhost: '一个名字',
  '::1': 'IPv6 回环',
};

/* What the notes leave out: the same points as notesPoints() in notes-view.ts. */

function localhostZh(addresses: readonly string[]): string {
  const source = '"localhost" 只是一个名字：由 hosts 文件（/etc/hosts）决定它对应哪些地址。';
  if (addresses.length === 0) return `${source}这里它没有任何地址，所以解析会失败（ENOTFOUND）。`;
  if (addresses.length === 1) return `${source}这里它只对应 ${addresses[0]}，所以客户端连接的是 ${addresses[0]}。`;
  return `${source}这里它依次对应 ${addresses.join('、')}。Node 20 按这个顺序逐个尝试（autoSelectFamily）：如果服务器只在 ${addresses[1]} 上，第一次尝试会先得到 "ECONNREFUSED ${addresses[0]}"，然后下一个地址连上；如果每个地址都失败，错误里会把它们全部列出。`;
}

export function notesPointsZh(hosts: readonly string[], seen: string | null): NotesPoint[] {
  const points: NotesPoint[] = [
    {
      topic: 'zero-is-loopback',
      title: 'connect() 到 0.0.0.0 就是 connect() 到 127.0.0.1',
      text: '对 bind() 来说，0.0.0.0 的意思是“我的每一个地址”。作为目的地址它没有意义，Linux 会把连接改发到 127.0.0.1：只有当 127.0.0.1、0.0.0.0 或 :: 上有人监听时才能连上。',
    },
    {
      topic: 'loopback-is-self',
      title: 'pc2 → 127.0.0.1 就是 pc2 自己',
      text: '回环永远不会离开主机：pc2 的 127.0.0.1（以及它的 0.0.0.0、localhost、::1）就是 pc2 本身，而那里没有人监听，所以不管 pc1 怎么做，这些格子都会被拒绝。',
    },
    {
      topic: 'weak-host',
      title: 'pc2 能连到 10.10.152.8，尽管它不在 lan2 上',
      text: 'pc2 的默认路由把 SYN 发给 192.168.0.1，也就是 pc1；Linux 在任何一块网卡上都接受发给它任一地址的数据包（弱主机模型），所以 pc1 在 eth0 上替 10.10.152.8 作了应答。',
    },
    {
      topic: 'dual-stack',
      title: ':: 是双栈的',
      text: `监听在 :: 上的 Node 服务器也接受 IPv4 连接（IPV6_V6ONLY 是关闭的）：它把 IPv4 对端看成一个 IPv4 映射地址 ::ffff:a.b.c.d${seen ? `——这次运行中 pc1 的 accept() 看到的是 ${seen}` : ''}。`,
    },
  ];
  const clash = hosts.includes('::') && hosts.includes('0.0.0.0');
  points.push({
    topic: 'wildcard-clash',
    title: '同一端口上的 :: 和 0.0.0.0 会冲突',
    text: `在 Linux 上，双栈的 :: 已经覆盖了每一个 IPv4 地址，所以同一端口上的第二个监听者会以 EADDRINUSE 失败${clash ? '——见矩阵上方的监听者' : '（选择 "0.0.0.0 + ::" 就能看到）'}。`,
  });
  const bound = hosts.includes('localhost') ? '绑定到 "localhost" 的服务器只绑定第一个解析结果。' : '';
  points.push({ topic: 'localhost', title: 'localhost 是一个名字', text: `${localhostZh(DEFAULT_LOCALHOST)}${bound}` });
  if (hosts.includes('')) {
    points.push({ topic: 'empty-host', title: "'' 表示每一个 IPv4 地址", text: "Python 里的 bind(('', port)) 就是 INADDR_ANY，与 0.0.0.0 相同；实验把空地址也这样处理。" });
  }
  return points;
}
