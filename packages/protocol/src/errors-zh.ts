import type { WireError } from './common.ts';
import type { ErrorExplanation } from './errors.ts';

/**
 * The error catalogue in 简体中文: one entry for every code of the English catalogue (a test keeps
 * them in step). errno names and API names (bind, connect) stay as they are.
 */
type Ctx = NonNullable<WireError['context']>;
type Explain = (ctx: Ctx) => ErrorExplanation;

const at = (ctx: Ctx): string =>
  ctx.host !== undefined && ctx.port !== undefined ? `${String(ctx.host)} 端口 ${String(ctx.port)}` : '该地址';

/** The receiver's phases in Chinese (protoheader keeps its name: it is the format's own word). */
const phase = (ctx: Ctx): string => ({ protoheader: 'protoheader', header: 'JSON 头部', content: '内容' })[String(ctx.phase)] ?? '消息';

export const CATALOGUE_ZH: Record<string, Explain> = {
  EADDRINUSE: (c) => ({
    title: `地址已被占用：${at(c)}`,
    why: '另一个套接字已经绑定了这个地址和端口，所以 bind() 失败了。停掉另一个服务器，或者换一个端口（端口 0 让内核挑一个空闲端口）。',
  }),
  EADDRNOTAVAIL: (c) => ({
    title: `地址不可用：${String(c.host ?? '该地址')}`,
    why: 'bind() 只能使用本机某块网卡上的地址。这个地址不属于本机，所以内核拒绝了。',
  }),
  EACCES: (c) => ({
    title: `无权使用端口 ${String(c.port ?? '')}`,
    why: '1024 以下的端口是特权端口：在 Linux 上普通用户不能绑定它们（见 net.ipv4.ip_unprivileged_port_start）。请用 1024 或以上的端口，例如 65432。',
  }),
  ECONNREFUSED: (c) => ({
    title: `连接被 ${at(c)} 拒绝`,
    why: '主机在，但那个端口上没有人监听，所以它的内核用复位（RST）回答了 SYN。先在那个地址和端口上启动一个服务器。',
  }),
  ECONNRESET: () => ({
    title: '连接被对方重置',
    why: '对方没有按顺序关闭连接，而是中止了它（TCP RST），例如它的程序崩溃了，或者在还有未读数据时关闭了。',
  }),
  EPIPE: () => ({
    title: '管道已断开',
    why: '这一端向一个对方已经关闭的连接写入了数据。',
  }),
  ETIMEDOUT: (c) => ({
    title: `连接 ${at(c)} 超时`,
    why: 'SYN 没有得到任何回答：数据包在路上被丢弃了，或者主机没有开机。',
  }),
  EHOSTUNREACH: (c) => ({
    title: `没有到 ${String(c.host ?? '该主机')} 的路由`,
    why: '内核不知道从这里怎样到达那台主机。',
  }),
  ENETUNREACH: (c) => ({
    title: `网络不可达：${String(c.host ?? '')}`,
    why: '从这台主机没有通往那个网络的路由。',
  }),
  ENOTFOUND: (c) => ({
    title: `未知的主机名：${String(c.host ?? '')}`,
    why: '这个名字没有解析出任何地址。检查拼写，或者直接用 127.0.0.1 这样的地址。',
  }),
  INVALID_PORT: (c) => ({
    title: `不是有效的端口：${String(c.port ?? '')}`,
    why: 'TCP 端口是 0 到 65535 之间的整数（绑定时 0 表示让内核挑一个空闲端口；不能连接到端口 0）。',
  }),
  INVALID_ADDRESS: (c) => ({
    title: `不是有效的地址：${JSON.stringify(c.host ?? '')}`,
    why: '请使用 IPv4 地址（如 127.0.0.1）、IPv6 地址（如 ::1），或者名字 localhost。',
  }),
  EXPOSE_NOT_CONFIRMED: (c) => ({
    title: `绑定 ${String(c.host ?? '')} 需要你确认`,
    why: '绑定在这个地址上的服务器不只本机能连，你网络里的其他机器也能连到。如果这正是你想要的，请勾选“允许其他机器连接”。',
  }),
  DESTINATION_NOT_ALLOWED: (c) => ({
    title: `Playground 不会连接到 ${String(c.address ?? c.host ?? '该地址')}`,
    why: '为了你的安全，桥接程序只会连接本机的回环地址（127.0.0.0/8 和 ::1）以及实验环境自己的主机。没有打开任何套接字。',
  }),
  MESSAGE_TOO_LONG: (c) => ({
    title: '消息太长',
    why: `回显客户端最多发送 ${String(c.limit ?? '')} 字节。请缩短消息。`,
  }),
  ECHO_TIMEOUT: (c) => ({
    title: '回显没有按时回来',
    why: `客户端已连接并发出了数据，但在 ${String(c.timeoutMs ?? '?')} ms 内只收回 ${String(c.received ?? 0)} / ${String(c.expected ?? '?')} 字节。对方是回显服务器吗？`,
  }),
  UNKNOWN_SERVER: (c) => ({
    title: `没有服务器 ${String(c.serverId ?? '')}`,
    why: '它已经被停止了，或者从来不存在。',
  }),
  UNKNOWN_LAB_HOST: (c) => ({
    title: `没有实验主机 ${String(c.labHost ?? '')}`,
    why: '命令里指定的主机不属于当前的实验环境。',
  }),
  BAD_MESSAGE: () => ({
    title: '桥接程序看不懂页面发来的一条消息',
    why: '它不是有效的 JSON，或者不符合协议。桥接程序忽略了它，继续运行。',
  }),
  PROTOCOL_MISMATCH: (c) => ({
    title: '页面和桥接程序使用的协议版本不同',
    why: `页面是第 ${String(c.page ?? '?')} 版，桥接程序是第 ${String(c.bridge ?? '?')} 版。请重新加载页面。`,
  }),
  HELLO_FIRST: () => ({
    title: '页面必须先说 hello',
    why: '连接上的第一条消息必须是 "hello"；桥接程序忽略了这一条。',
  }),
  MESSAGE_TOO_BIG: (c) => ({
    title: '发给桥接程序的消息太大',
    why: `桥接程序最多接受 ${String(c.limit ?? '')} 字节的消息，它关闭了连接（WebSocket 代码 1009）。页面会自己重新连接。`,
  }),
  STEP_BUSY: (c) => ({
    title: `还在忙：${String(c.call ?? '一个调用')} 还没有返回`,
    why: c.call === 'accept'
      ? 'accept() 阻塞着：还没有客户端连进来。启动一个客户端，accept() 就会自己返回。'
      : c.call === 'recv'
        ? 'recv() 阻塞着：还没有字节到达。从客户端发点东西，或者关闭它。'
        : '程序正在一个调用当中。等它返回后再单步。',
  }),
  STEP_UNSUPPORTED: (c) => ({
    title: '单步模式在这个系统上无法运行',
    why: `它要在套接字的文件描述符上执行每一次 recv() 和 send()，Node 在 Linux 和 macOS 上支持，在 ${String(c.platform ?? '这个系统')} 上不支持。Playground 的其他部分都能用。`,
  }),
  STEP_FINISHED: () => ({
    title: '这个程序已经结束',
    why: '它已经执行完最后一个调用。重置它，或者启动一个新的。',
  }),
  UNKNOWN_STEPPER: (c) => ({
    title: `没有单步程序 ${String(c.stepperId ?? '')}`,
    why: '它已经被重置了，或者从来不存在。',
  }),
  STEP_WORKER_FAILED: () => ({
    title: '单步程序意外停止了',
    why: '它的线程出错了；它的套接字都已关闭。重置它，重新开始。',
  }),
  LAB_NOT_STARTED: () => ({
    title: '实验环境没有运行',
    why: '请先启动实验环境：它会在各自的网络上搭建主机 pc1 和 pc2。',
  }),
  LAB_FAILED: (c) => ({
    title: '无法搭建实验环境',
    why: `创建网络命名空间失败${c.detail ? `：${String(c.detail)}` : ''}。没有留下任何东西。`,
  }),
  LAB_SINGLE_HOST: (c) => ({
    title: '单主机模式：其他主机是模拟的，不会真正运行',
    why: `真实的实验主机需要网络命名空间，而${String(c.why ?? '这里没有')}。`,
  }),
  DEMO_TOO_LONG: () => ({
    title: '这个演示会花太长时间',
    why: '阻塞式服务器一个接一个地服务客户端，所以运行时间大约是 客户端数 × 占用时间，超过一分钟的实验会被拒绝。请减少客户端，或缩短占用时间。',
  }),
  DEMO_TOO_BIG: () => ({
    title: '这个演示会产生太多调用',
    why: '每次 send 和 recv 都是页面要显示的一个事件，一次运行最多 20,000 个。请用更大的 recv bufsize、更大的写入，或更少的字节。',
  }),
  DEMO_TIMEOUT: () => ({
    title: '演示没有按时完成',
    why: '它被停止了，打开的每个套接字都已关闭。换小一点的数字再试；事件列表显示它进行到了哪里。',
  }),
  DEMO_FAILED: (c) => ({
    title: c.demo ? `演示 ${String(c.demo)} 失败了` : '演示失败了',
    why: '运行当中出了问题，所以它提前停止了；它打开的每个套接字都已关闭。事件列表显示到那时为止的调用。',
  }),
  FRAME_HEADER_TOO_LONG: (c) => ({
    title: `protoheader 声称 JSON 头部有 ${String(c.announced ?? '?')} 字节`,
    why: `两个字节最多能表示 65,535，但这个服务器最多只读 ${String(c.limit ?? '?')} 字节的头部：对陌生人声称的任何长度都照单全收的服务器很容易被耗尽。它立即拒绝并关闭了连接。`,
  }),
  FRAME_HEADER_NOT_UTF8: () => ({
    title: 'JSON 头部不是 UTF-8 文本',
    why: '接收方按 protoheader 声称的字节数读完了头部，但这些字节无法按 UTF-8 解码。它关闭了连接。',
  }),
  // The parser's own words (c.detail) are English: the event details show them as the raw message.
  FRAME_HEADER_NOT_JSON: () => ({
    title: '头部不是 JSON',
    why: `接收方按 protoheader 声称的长度读出字节并尝试按 JSON 解析，失败了。如果 protoheader 的长度是假的，切分点就会落错位置。它关闭了连接。`,
  }),
  FRAME_HEADER_NOT_OBJECT: () => ({
    title: '头部是 JSON，但不是对象',
    why: '头部必须是带字段名的 JSON 对象（{"content-length": …}）；列表或单个值没有字段可读。',
  }),
  FRAME_MISSING_HEADER_KEY: (c) => ({
    title: `头部缺少 "${String(c.key ?? '?')}"`,
    why: '每个头部都必须带 byteorder、content-type、content-encoding 和 content-length。没有 content-length，接收方就不知道内容在哪里结束，所以它关闭了连接。',
  }),
  FRAME_BAD_CONTENT_LENGTH: (c) => ({
    title: `content-length 不是字节数：${String(c.detail ?? '')}`,
    why: 'content-length 必须是 0 或更大的整数字节数（数字，不是字符串）。',
  }),
  FRAME_CONTENT_TOO_LONG: (c) => ({
    title: `content-length ${String(c.announced ?? '?')} 超过了这个服务器的上限`,
    why: `每个请求它最多读 ${String(c.limit ?? '?')} 字节的内容，在读任何内容之前就拒绝了。`,
  }),
  FRAME_TRUNCATED: (c) => ({
    title: `对方在${phase(c)}的中途关闭了连接`,
    why: `接收方在等${phase(c)}的 ${String(c.announced ?? '?')} 字节，只收到 ${String(c.received ?? '?')} 字节时 recv() 就返回了 0（FIN）。TCP 把发出的字节都送到了：是发送方发的比它自己的头部承诺的少。`,
  }),
  FRAME_CONTENT_NOT_JSON: () => ({
    title: '内容声称是 text/json，却不是 JSON',
    why: `帧是完整的，但内容无法解析，所以服务器没有可以回答的请求。`,
  }),
  FRAME_UNKNOWN_ENCODING: (c) => ({
    title: `未知的 content-encoding：${String(c.detail ?? '')}`,
    why: '这个服务器只按 utf-8 解码 text/json 内容。',
  }),
  FRAME_IDLE: (c) => ({
    title: '对方在一条消息的中途没有了动静',
    why: `服务器在读${phase(c)}时，${String(c.idleMs ?? '?')} ms 内没有收到任何字节，于是放弃并关闭了连接，而不是一直占着它。`,
  }),
  APP_NO_REPLY: () => ({
    title: '服务器没有回答就关闭了连接',
    why: '它在关闭前没有发送任何响应：服务器拒绝了这个请求（事件列表里写着原因），或者它不是应用服务器。',
  }),
  APP_REPLY_TIMEOUT: (c) => ({
    title: '没有按时收到完整的响应',
    why: `客户端等了 ${String(c.timeoutMs ?? '?')} ms。相信头部的服务器会一直等 content-length 个字节，而它们永远不会来；于是客户端关闭了连接，服务器看到消息被截断。`,
  }),
  AGENT_FAILED: () => ({
    title: '主机代理意外停止了',
    why: '运行这台主机套接字的进程退出了。它的套接字都已关闭；请重新启动实验环境。',
  }),
  RATE_LIMITED: (c) => ({
    title: '命令发得太快：桥接程序没有执行这一条',
    why: `一个页面可以一次连发 ${String(c.burst ?? '?')} 条命令，之后每秒 ${String(c.limit ?? '?')} 条。这个页面发得更多，桥接程序为了保持响应拒绝了它。请在 ${String(c.retryAfterMs ?? '?')} ms 后再试。`,
  }),
  TOO_MANY_SERVERS: (c) => ({
    title: `服务器太多了：最多同时运行 ${String(c.limit ?? '?')} 个`,
    why: '演练场为你运行的服务器数量是有上限的。停掉不再需要的服务器（已经结束的单步服务器不算），再启动这一个。',
  }),
  TOO_MANY_CLIENTS: (c) => ({
    title: `同时运行的客户端太多了：最多 ${String(c.limit ?? '?')} 个`,
    why: '还在运行的客户端、单步客户端和演示都算在内。等其中一些结束（或重置单步客户端），再试一次。',
  }),
  TOO_MANY_CONNECTIONS: (c) => ({
    title: `打开的连接太多了：最多 ${String(c.limit ?? '?')} 个`,
    why: `实验环境里已有 ${String(c.count ?? '太多')} 个打开的连接，所以桥接程序不再打开新的连接。关闭一些客户端，或者停掉一个服务器（它的连接会随之关闭）。`,
  }),
  TOO_MANY_BAD_MESSAGES: (c) => ({
    title: '页面一直发送桥接程序看不懂的消息，桥接程序关闭了它',
    why: `连续收到 ${String(c.limit ?? '很多')} 条格式错误的消息，中间没有一条有效的，所以桥接程序关闭了连接（WebSocket 代码 1008）。从同一个桥接程序重新加载的页面不会这样。`,
  }),
  EVENTS_DROPPED: (c) => ({
    title: `有 ${String(c.dropped ?? '一些')} 个事件没有显示：页面跟不上了`,
    why: `事件 ${String(c.fromSeq ?? '?')} 到 ${String(c.toSeq ?? '?')} 来得比页面读取得更快，桥接程序丢弃了它们，而不是无限制地排队。显示的实验环境状态是最新的；事件列表在那里有一段空缺。`,
  }),
};
