import type { LabEvent, LabEventOf } from '@socket-playground/protocol';
import { formatEndpoint, formatHostPort } from './address.ts';
import { formatByteCount } from './bytes.ts';
import { formatDuration } from './time.ts';

/** The event row's one line in 简体中文 (see event-text.ts for the English and the rules). */

const BLOCK_WAITS: Record<LabEventOf<'block'>['blockedCall'], string> = {
  accept: '在内核中等待客户端连接',
  recv: '在内核中等待字节（或流的结束）',
  connect: '在内核中等待三次握手完成',
  send: '在内核中等待发送缓冲区腾出空间',
};

const CLOSE_REASONS: Record<LabEventOf<'close'>['reason'], string> = {
  local: '本端正常关闭',
  peer: '对端正常关闭',
  reset: '连接被重置（RST）：不是正常关闭',
  error: '出错后关闭',
};

export function closeReasonTextZh(reason: LabEventOf<'close'>['reason']): string {
  return CLOSE_REASONS[reason];
}

export function eventSummaryZh(event: LabEvent, blocked: string, errorTitle: () => string): string {
  switch (event.call) {
    case 'block':
      return `${blocked} 阻塞：线程正${BLOCK_WAITS[event.blockedCall]}`;
    case 'socket':
      return event.transport === 'udp'
        ? `socket(${event.family === 'IPv6' ? 'AF_INET6' : 'AF_INET'}, SOCK_DGRAM)：一个新的 UDP socket`
        : `socket(${event.family === 'IPv6' ? 'AF_INET6' : 'AF_INET'}, SOCK_STREAM)：一个新的 TCP socket`;
    case 'bind': {
      const where = event.local ? formatEndpoint(event.local) : formatHostPort(event.requested.host, event.requested.port);
      const chose = event.requested.port === 0 && event.local ? `（端口 0：内核选了 ${event.local.port}）` : '';
      return `绑定到 ${where}${chose}`;
    }
    case 'listen':
      return `开始监听；内核最多可排队 ${event.backlog} 个已完成的握手（backlog）`;
    case 'accept':
      return `接受了 ${event.remote ? formatEndpoint(event.remote) : '一个客户端'}，新 socket 为 ${event.newSocketId}`;
    case 'connect': {
      const asked = formatHostPort(event.target.host, event.target.port);
      const via = event.target.host !== event.target.address ? `（${event.target.address}）` : '';
      return `已连接到 ${asked}${via}；握手用时 ${formatDuration(event.durationMs)}`;
    }
    case 'send':
      return event.queued > 0 ? `还有 ${formatByteCount(event.queued)} 排在 Node 里，内核尚未取走` : '';
    case 'recv':
      if (event.eof) return 'recv() 返回 0 字节：对端已关闭';
      return event.bufsize !== undefined ? `recv(${event.bufsize}) 返回了 ${formatByteCount(event.bytes)}` : '';
    case 'close':
      return `${closeReasonTextZh(event.reason)} · 发送 ${formatByteCount(event.bytesSent)}，接收 ${formatByteCount(event.bytesReceived)}`;
    case 'error': {
      const failed = event.failedCall === 'policy' ? '被练习场拒绝' : `${event.failedCall}() 失败`;
      return `${failed}：${errorTitle()}`;
    }
  }
}
