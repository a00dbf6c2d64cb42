import type { Bindable, BindableId, Ipv4ClassLetter, Ipv4Scope, Ipv6Kind, RejectCode, SpecialRowId, SubnetInfo } from '@socket-playground/netmodel';

/**
 * The address inspector's facts in 简体中文, keyed by netmodel's ids (class letter, scope,
 * special-table row, IPv6 kind, bindable id, reject code). netmodel's English stays the default;
 * addresses, CIDR, API names and errno codes are the same in both languages.
 */

export const CLASS_MEANING_ZH: Readonly<Record<Ipv4ClassLetter, string>> = {
  A: 'A 类：1 字节网络号，3 字节主机号——数量少、规模很大的网络',
  B: 'B 类：2 字节网络号，2 字节主机号——中等规模的网络',
  C: 'C 类：3 字节网络号，1 字节主机号——最多 254 台主机的小网络',
  D: 'D 类：组播，一个发送者对一组接收者；没有网络号/主机号之分',
  E: 'E 类：保留给将来使用；没有网络号/主机号之分',
};

export const SCOPE_TEXT_ZH: Readonly<Record<Ipv4Scope, string>> = {
  loopback: '回环：就是主机自己，经由它的虚拟网卡 "lo"；从不出现在真实网络上',
  unspecified: '0.0.0.0：“不指定地址”——对服务器来说，就是本机的每一个 IPv4 地址',
  'this-network': '属于 0.0.0.0/8，“本网络”：不是真实的目的地址',
  private: '私有地址（RFC 1918）：任何局域网内部都可以自由使用，从不出现在互联网上',
  'link-local': '链路本地地址：没有 DHCP 应答时主机自己选的地址；只在它自己的局域网内有效',
  shared: '共享地址空间（100.64/10）：运营商在它的运营商级 NAT 和用户之间使用',
  multicast: '组播（D 类）：一个发送者，一组接收者；不能用于 TCP',
  'limited-broadcast': '受限广播：本局域网上的每一台主机；路由器从不转发它',
  reserved: '保留地址（E 类）：不在网络上使用',
  documentation: '文档地址段：只用于书籍和手册里的示例，从不被路由',
  benchmarking: '基准测试地址段（198.18/15）：用于测试网络设备',
  public: '公网地址：全球唯一，在互联网上被路由',
};

/** A row of the notes' special-address table; the directed-broadcast rows name the (sub)net. */
export function specialRowZh(row: SpecialRowId, subnet: Pick<SubnetInfo, 'network' | 'prefixLen'> | null): string {
  const net = subnet ? `${subnet.network}/${subnet.prefixLen}` : '';
  switch (row) {
    case '{0,0}':
      return '网络号和主机号全为 0：“本网络上的本主机”；只能作源地址，例如向 DHCP 请求地址时';
    case '{0,host-id}':
      return '网络号为 0：“本网络上的某台主机”；只能作源地址';
    case '{-1,-1}':
      return '全为 1：广播给本局域网上的每一台主机；只能作目的地址，而且路由器不会转发';
    case '{127,any}':
      return '网络号 127，主机号任意：主机和自己通信（回环）；从不出现在主机之外';
    case '{net-id,-1,-1}':
      return '子网号和主机号全为 1：广播给该网络的每一个子网；只能作目的地址（已过时，路由器会忽略它）';
    case '{net-id,subnet-id,-1}':
      return `主机号全为 1：广播给子网 ${net} 的每一台主机；只能作目的地址`;
    case '{net-id,-1}':
      return `主机号全为 1：广播给网络 ${net} 的每一台主机；只能作目的地址`;
  }
}

export const KIND_TEXT_ZH: Readonly<Record<Ipv6Kind, string>> = {
  loopback: '::1 是 IPv6 回环，和 127.0.0.1 同理：就是主机自己',
  unspecified: ':: 表示“不指定地址”，是 0.0.0.0 在 IPv6 里的对应',
  'ipv4-mapped': '写成 IPv6 形式的 IPv4 地址（::ffff:a.b.c.d）：IPv6 套接字就是这样显示 IPv4 对端的',
  'ipv4-compatible': '一种旧的、已废弃的在 IPv6 里嵌入 IPv4 的写法（::a.b.c.d）；已不再使用',
  'link-local': '链路本地地址（fe80::/10）：每块 IPv6 网卡都有一个；只在它自己的局域网内有效，使用时要指明网卡（%eth0）',
  'unique-local': '唯一本地地址（fc00::/7，通常是 fd..）：IPv6 版的私有地址',
  multicast: '组播（ff00::/8）：一个发送者，一组接收者；IPv6 根本没有广播',
  documentation: '文档地址段（2001:db8::/32）：只用于示例，从不被路由',
  'global-unicast': '全局单播（2000::/3）：IPv6 公网地址，在互联网上被路由',
  reserved: '保留的 IPv6 地址段，不在网络上使用',
};

export function kindTextZh(kind: Ipv6Kind, mapsTo: string | null): string {
  return mapsTo ? `${KIND_TEXT_ZH[kind]}；这个地址代表 ${mapsTo}` : KIND_TEXT_ZH[kind];
}

export const KIND_NAT_ZH: Readonly<Record<Ipv6Kind, string>> = {
  loopback: '从不离开主机，所以路由器和 NAT 都看不到它。',
  unspecified: '从来不是真实的目的地址；路由器不转发它。',
  'ipv4-mapped': '从不出现在线路上：数据包就是普通的 IPv4，NAT 把它当作它所代表的 IPv4 地址处理。',
  'ipv4-compatible': '已不再被路由。',
  'link-local': '留在它的局域网内：路由器不转发它，所以 NAT 从不碰它。',
  'unique-local': '不在互联网上路由；家用路由器通常根本不转换 IPv6。',
  multicast: '家用路由器把组播留在局域网内；不涉及 NAT。',
  documentation: '在哪里都不会被路由。',
  'global-unicast': '原样路由：家用路由器不对 IPv6 做 NAT，由防火墙决定什么能进来。',
  reserved: '不被路由。',
};

/** What NAT does with an IPv4 address, by scope; 'directed-broadcast' for a row {net-id,…,-1}. */
export const NAT_V4_ZH: Readonly<Record<Ipv4Scope | 'directed-broadcast', string>> = {
  private:
    '出去时，家用路由器的 NAT（网络地址转换）把这个源地址改写成路由器的公网地址（和一个它选的端口），回来的应答再改写回来；除非路由器做了端口转发，外面的人无法主动连接它。',
  loopback: '从不离开主机，所以路由器和 NAT 都看不到它。',
  unspecified: '从来不是真实的目的地址；没有路由器会转发它。',
  'this-network': '从来不是真实的目的地址；没有路由器会转发它。',
  'link-local': '留在它自己的局域网内：路由器不转发它，所以 NAT 看不到它。',
  shared: '第二层 NAT：运营商的运营商级 NAT 把它改写成许多用户共用的一个公网地址。',
  multicast: '家用路由器把组播留在局域网内；NAT 不适用。',
  'limited-broadcast': '留在局域网内；没有路由器会转发它，所以 NAT 看不到它。',
  reserved: '路由器会丢弃它；NAT 从不适用。',
  documentation: '从不被路由；它只存在于示例里。',
  benchmarking: '只用于测试实验室；不在互联网上路由。',
  public: '原样路由：家用路由器的 NAT 只改写从它私有一侧出去的数据包。',
  'directed-broadcast': '路由器默认丢弃定向广播，所以它留在自己的网络内；NAT 不适用。',
};

/** Whether a server may bind the address, by netmodel's bindable id. */
export function bindableZh(b: Pick<Bindable, 'id' | 'address' | 'inner'>): string {
  const a = b.address;
  const inner = b.inner ? bindableZh(b.inner) : '';
  const texts: Record<BindableId, () => string> = {
    'unicast-not-here': () => `这台主机没有带 ${a} 的网卡：bind() 以 EADDRNOTAVAIL 失败。`,
    'unicast-if-host-has-it': () => `只有某块网卡上有 ${a} 的主机才能绑定；绑定后，服务器只接受目的地址正好是 ${a} 的连接。`,
    'v4-any': () => '监听本机的每一个 IPv4 地址（回环和每块网卡，包括以后添加的）。',
    'v4-loopback': () => '只有同一台主机上的程序能连接。（Linux 把整个 127/8 都给了 "lo"，所以任何 127.x.y.z 都能绑定；macOS 只有 127.0.0.1，除非另外添加。）',
    'this-network': () => '这不是任何主机会有的地址。',
    'v4-multicast': () => 'TCP 服务器不能监听组播组（UDP 套接字可以加入组播组）。',
    'limited-broadcast': () => '广播地址不是 TCP 服务器可以监听的地方。',
    'directed-broadcast': () => '这是一个广播地址：不是 TCP 服务器可以监听的地方。',
    'v6-any': () => '监听本机的每一个 IPv6 地址——在 Node 的默认设置下（双栈，IPV6_V6ONLY 关闭），也监听每一个 IPv4 地址。',
    'v6-loopback': () => '只有同一台主机上的程序能通过 IPv6 连接。',
    'v6-multicast': () => 'TCP 服务器不能监听组播组。',
    'ipv4-mapped': () => `等同于在 IPv6 套接字上绑定 ${a.replace(/^::ffff:/i, '')}。${inner}`,
    'link-local': () => `${inner}链路本地地址还需要指明网卡（例如 %eth0）。`,
  };
  return texts[b.id]();
}

/** Why the strict parser refused the text, by its reject code. */
export function rejectZh(code: RejectCode, text: string, version: 4 | 6 = 4): string {
  switch (code) {
    case 'empty':
      return '没有输入地址';
    case 'whitespace':
      return '去掉地址前后的空格';
    case 'brackets':
      return 'IPv6 地址不要加 [ ] 方括号';
    case 'zone-id':
      return '这里不接受 %eth0 这样的区域标识（zone id）';
    case 'ipv4-not-dotted-quad':
      return `"${text}" 里的 IPv4 不是四个 0–255 的十进制数（不接受十六进制、八进制、前导零或简写）`;
    case 'not-an-address':
      return `"${text}" 不是 IPv4 或 IPv6 地址`;
    case 'bad-prefix':
      return `前缀长度必须是 0–${version === 4 ? 32 : 128} 的整数`;
    default:
      return `"${text}" 不是有效的地址`;
  }
}

/** The inspector's own complaint about a typed "/prefix". */
export function prefixErrorZh(typed: string): string {
  return `"/${typed}" 不是前缀长度（应是 /24 这样的整数）`;
}

/** The labels a topology gives its hosts (machine-topology.ts in packages/lab). */
const HOST_LABEL_ZH: Readonly<Record<string, string>> = { 'this computer': '本机', 'a neighbour (modelled)': '一台邻居主机（模拟的）' };

export function hostLabelZh(label: string): string {
  return HOST_LABEL_ZH[label] ?? label;
}
