import type { WireError } from './common.ts';
import { CATALOGUE_ZH } from './errors-zh.ts';

/** Plain-words explanation of an error: what happened, and why. */
export interface ErrorExplanation {
  title: string;
  why: string;
}

type Ctx = NonNullable<WireError['context']>;
type Explain = (ctx: Ctx) => ErrorExplanation;

const at = (ctx: Ctx): string =>
  ctx.host !== undefined && ctx.port !== undefined ? `${String(ctx.host)} port ${String(ctx.port)}` : 'that address';

/**
 * The catalogue. Kernel errno names first, then the playground's own codes.
 * Keep each entry short: one sentence of what, one or two of why.
 */
const CATALOGUE: Record<string, Explain> = {
  EADDRINUSE: (c) => ({
    title: `Address already in use: ${at(c)}`,
    why: 'Another socket is already bound to this address and port, so bind() failed. Stop the other server, or choose another port (port 0 lets the kernel pick a free one).',
  }),
  EADDRNOTAVAIL: (c) => ({
    title: `Address not available: ${String(c.host ?? 'that address')}`,
    why: 'bind() can only use an address that belongs to one of this machine\'s network interfaces. This one does not, so the kernel refused it.',
  }),
  EACCES: (c) => ({
    title: `Permission denied for port ${String(c.port ?? '')}`,
    why: 'Ports below 1024 are privileged: on Linux an ordinary user may not bind them (see net.ipv4.ip_unprivileged_port_start). Use a port of 1024 or more, such as 65432.',
  }),
  ECONNREFUSED: (c) => ({
    title: `Connection refused by ${at(c)}`,
    why: 'The host is there, but nothing listens on that port, so its kernel answered the SYN with a reset (RST). Start a server on that address and port first.',
  }),
  ECONNRESET: () => ({
    title: 'Connection reset by peer',
    why: 'The other side aborted the connection (a TCP RST) instead of closing it in order, for example because its program crashed or closed with unread data.',
  }),
  EPIPE: () => ({
    title: 'Broken pipe',
    why: 'This side wrote to a connection the peer had already closed.',
  }),
  ETIMEDOUT: (c) => ({
    title: `Timed out connecting to ${at(c)}`,
    why: 'No answer came back to the SYN: the packets were dropped on the way, or the host is down.',
  }),
  EHOSTUNREACH: (c) => ({
    title: `No route to ${String(c.host ?? 'that host')}`,
    why: 'The kernel knows no way to reach that host from here.',
  }),
  ENETUNREACH: (c) => ({
    title: `Network unreachable: ${String(c.host ?? '')}`,
    why: 'There is no route to that network from this host.',
  }),
  ENOTFOUND: (c) => ({
    title: `Unknown host name: ${String(c.host ?? '')}`,
    why: 'The name did not resolve to any address. Check the spelling, or use an address such as 127.0.0.1.',
  }),
  INVALID_PORT: (c) => ({
    title: `Not a valid port: ${String(c.port ?? '')}`,
    why: 'A TCP port is a whole number from 0 to 65535 (0 asks the kernel to choose a free port when binding, and cannot be connected to).',
  }),
  INVALID_ADDRESS: (c) => ({
    title: `Not a valid address: ${JSON.stringify(c.host ?? '')}`,
    why: 'Use an IPv4 address such as 127.0.0.1, an IPv6 address such as ::1, or the name localhost.',
  }),
  EXPOSE_NOT_CONFIRMED: (c) => ({
    title: `Binding ${String(c.host ?? '')} needs your confirmation`,
    why: 'A server on this address could be reached by other machines on your network, not only by this one. Tick "let other machines connect" if that is what you want.',
  }),
  DESTINATION_NOT_ALLOWED: (c) => ({
    title: `The playground does not connect to ${String(c.address ?? c.host ?? 'that address')}`,
    why: 'For your safety the bridge only opens connections to this machine\'s loopback addresses (127.0.0.0/8 and ::1) and to the lab\'s own hosts. No socket was opened.',
  }),
  MESSAGE_TOO_LONG: (c) => ({
    title: 'The message is too long',
    why: `The echo client sends at most ${String(c.limit ?? '')} bytes. Shorten the message.`,
  }),
  ECHO_TIMEOUT: (c) => ({
    title: 'No echo came back in time',
    why: `The client connected and sent its bytes but received only ${String(c.received ?? 0)} of ${String(c.expected ?? '?')} bytes back within ${String(c.timeoutMs ?? '?')} ms. Is the server an echo server?`,
  }),
  UNKNOWN_SERVER: (c) => ({
    title: `No server ${String(c.serverId ?? '')}`,
    why: 'It has already been stopped, or it never existed.',
  }),
  UNKNOWN_LAB_HOST: (c) => ({
    title: `No lab host ${String(c.labHost ?? '')}`,
    why: 'The command named a host that is not part of the current lab.',
  }),
  BAD_MESSAGE: () => ({
    title: 'The bridge could not understand a message from the page',
    why: 'It was not valid JSON or did not match the protocol. The bridge ignored it and carries on.',
  }),
  PROTOCOL_MISMATCH: (c) => ({
    title: 'Page and bridge speak different protocol versions',
    why: `The page speaks version ${String(c.page ?? '?')}, the bridge version ${String(c.bridge ?? '?')}. Reload the page.`,
  }),
  HELLO_FIRST: () => ({
    title: 'The page must say hello first',
    why: 'The first message on a connection must be "hello"; the bridge ignored this one.',
  }),
  MESSAGE_TOO_BIG: (c) => ({
    title: 'A message to the bridge was too big',
    why: `The bridge accepts messages of at most ${String(c.limit ?? '')} bytes and closed the connection (WebSocket code 1009). The page reconnects by itself.`,
  }),
  STEP_BUSY: (c) => ({
    title: `Still busy: ${String(c.call ?? 'a call')} has not returned yet`,
    why: c.call === 'accept'
      ? 'accept() is blocked: no client has connected yet. Start a client, and accept() returns by itself.'
      : c.call === 'recv'
        ? 'recv() is blocked: no bytes have arrived yet. Send something from a client, or close it.'
        : 'The program is in the middle of a call. Wait for it to return, then step again.',
  }),
  STEP_UNSUPPORTED: (c) => ({
    title: 'Step mode does not run on this system',
    why: `It performs each recv() and send() on the socket's file descriptor, which Node offers on Linux and macOS but not on ${String(c.platform ?? 'this system')}. Everything else in the playground works.`,
  }),
  STEP_FINISHED: () => ({
    title: 'This program has finished',
    why: 'It performed its last call. Reset it, or start a new one.',
  }),
  UNKNOWN_STEPPER: (c) => ({
    title: `No stepped program ${String(c.stepperId ?? '')}`,
    why: 'It has already been reset, or it never existed.',
  }),
  STEP_WORKER_FAILED: () => ({
    title: 'The stepped program stopped unexpectedly',
    why: 'Its thread failed; its sockets are closed. Reset it and start again.',
  }),
  LAB_NOT_STARTED: () => ({
    title: 'The lab is not running',
    why: 'Start the lab first: it builds the hosts pc1 and pc2 on their own networks.',
  }),
  LAB_FAILED: (c) => ({
    title: 'The lab could not be built',
    why: `Building the network namespaces failed${c.detail ? `: ${String(c.detail)}` : ''}. Nothing was left behind.`,
  }),
  LAB_SINGLE_HOST: (c) => ({
    title: 'Single-host mode: the other hosts are modelled, not run',
    why: `Real lab hosts need network namespaces, and ${String(c.why ?? 'they are not available here')}.`,
  }),
  DEMO_TOO_LONG: () => ({
    title: 'This demonstration would take too long',
    why: 'A blocking server serves one client after another, so the run lasts about clients × hold time, and the lab refuses anything over a minute. Use fewer clients or a shorter hold.',
  }),
  DEMO_TOO_BIG: () => ({
    title: 'This demonstration would make too many calls',
    why: 'Each send and recv becomes an event the page shows, and one run may make at most 20,000 of them. Use a bigger recv bufsize, bigger writes, or fewer bytes.',
  }),
  DEMO_TIMEOUT: () => ({
    title: 'The demonstration did not finish in time',
    why: 'It was stopped and every socket it opened was closed. Try again with smaller numbers; the event list shows how far it got.',
  }),
  DEMO_FAILED: (c) => ({
    title: c.demo ? `The ${String(c.demo)} demonstration failed` : 'The demonstration failed',
    why: 'Something went wrong while it ran, so it stopped early; every socket it opened was closed. The event list shows the calls up to that point.',
  }),
  FRAME_HEADER_TOO_LONG: (c) => ({
    title: `The protoheader announced a ${String(c.announced ?? '?')}-byte JSON header`,
    why: `Two bytes can announce up to 65,535 bytes, but this server reads headers of at most ${String(c.limit ?? '?')} bytes: a server that buffers whatever a stranger announces is easy to exhaust. It refused at once and closed the connection.`,
  }),
  FRAME_HEADER_NOT_UTF8: () => ({
    title: 'The JSON header is not UTF-8 text',
    why: 'The receiver took exactly the number of bytes the protoheader announced, and they do not decode as UTF-8. It closed the connection.',
  }),
  FRAME_HEADER_NOT_JSON: (c) => ({
    title: 'The header is not JSON',
    why: `The receiver read as many bytes as the protoheader announced and tried to parse them as JSON, which failed${c.detail ? ` (${String(c.detail)})` : ''}. If the protoheader lies about the length, the cut falls in the wrong place. It closed the connection.`,
  }),
  FRAME_HEADER_NOT_OBJECT: () => ({
    title: 'The header is JSON, but not an object',
    why: 'The header must be a JSON object with named fields ({"content-length": …}); a list or a bare value has no fields to read.',
  }),
  FRAME_MISSING_HEADER_KEY: (c) => ({
    title: `The header has no "${String(c.key ?? '?')}"`,
    why: 'Every header must carry byteorder, content-type, content-encoding and content-length. Without content-length the receiver cannot know where the content ends, so it closed the connection.',
  }),
  FRAME_BAD_CONTENT_LENGTH: (c) => ({
    title: `content-length is not a byte count: ${String(c.detail ?? '')}`,
    why: 'content-length must be a whole number of bytes, 0 or more (a number, not a string).',
  }),
  FRAME_CONTENT_TOO_LONG: (c) => ({
    title: `content-length ${String(c.announced ?? '?')} is more than this server accepts`,
    why: `It reads at most ${String(c.limit ?? '?')} bytes of content per request, and refused before reading any.`,
  }),
  FRAME_TRUNCATED: (c) => ({
    title: `The peer closed in the middle of the ${String(c.phase ?? 'message')}`,
    why: `The receiver was waiting for ${String(c.announced ?? '?')} bytes of the ${String(c.phase ?? 'message')} and had ${String(c.received ?? '?')} when recv() returned 0 (FIN). TCP delivered everything that was sent: the sender sent less than its own header promised.`,
  }),
  FRAME_CONTENT_NOT_JSON: (c) => ({
    title: 'The content says text/json but is not JSON',
    why: `The frame was whole, but its content did not parse${c.detail ? ` (${String(c.detail)})` : ''}, so the server had no request to answer.`,
  }),
  FRAME_UNKNOWN_ENCODING: (c) => ({
    title: `Unknown content-encoding: ${String(c.detail ?? '')}`,
    why: 'This server decodes text/json content as utf-8 only.',
  }),
  FRAME_IDLE: (c) => ({
    title: 'The peer went quiet in the middle of a message',
    why: `No bytes arrived for ${String(c.idleMs ?? '?')} ms while the server was reading the ${String(c.phase ?? 'message')}, so it gave up and closed the connection rather than hold it forever.`,
  }),
  APP_NO_REPLY: () => ({
    title: 'The server closed without answering',
    why: 'It sent no response before closing: the server refused the request (the event list shows why) or is not an application server.',
  }),
  APP_REPLY_TIMEOUT: (c) => ({
    title: 'No whole response came back in time',
    why: `The client waited ${String(c.timeoutMs ?? '?')} ms. A server that believes the header waits for content-length bytes that never come; the client then closed, and the server saw the message cut short.`,
  }),
  AGENT_FAILED: () => ({
    title: 'The host agent stopped unexpectedly',
    why: 'The process that runs this host\'s sockets exited. Its sockets are closed; restart the lab.',
  }),
  RATE_LIMITED: (c) => ({
    title: 'Too many commands at once: the bridge did not run this one',
    why: `A page may send ${String(c.burst ?? '?')} commands in a burst and then ${String(c.limit ?? '?')} a second. This page sent more, so the bridge refused it to stay responsive. Try again in ${String(c.retryAfterMs ?? '?')} ms.`,
  }),
  TOO_MANY_SERVERS: (c) => ({
    title: `Too many servers: at most ${String(c.limit ?? '?')} at once`,
    why: 'The playground keeps the number of servers it runs for you bounded. Stop a server you no longer need (a finished stepped server does not count), then start this one again.',
  }),
  TOO_MANY_CLIENTS: (c) => ({
    title: `Too many clients at once: at most ${String(c.limit ?? '?')}`,
    why: 'Clients, stepped clients and demonstrations that are still running count. Wait for some to finish (or reset a stepped client), then try again.',
  }),
  TOO_MANY_CONNECTIONS: (c) => ({
    title: `Too many open connections: at most ${String(c.limit ?? '?')}`,
    why: `The lab holds ${String(c.count ?? 'too many')} open connections, so the bridge opens no new ones. Close clients or stop a server (which closes its connections).`,
  }),
  TOO_MANY_BAD_MESSAGES: (c) => ({
    title: 'The bridge closed a page that kept sending messages it could not understand',
    why: `${String(c.limit ?? 'Many')} malformed messages came in a row with no valid one between, so the bridge closed the connection (WebSocket code 1008). A page reloaded from the same bridge does not do this.`,
  }),
  EVENTS_DROPPED: (c) => ({
    title: `${String(c.dropped ?? 'Some')} events were not shown: the page fell behind`,
    why: `Events ${String(c.fromSeq ?? '?')} to ${String(c.toSeq ?? '?')} came faster than the page read them, so the bridge dropped them instead of queueing without bound. The lab state shown is up to date; the event list has a hole there.`,
  }),
};

/** The languages the catalogue speaks; English is the default and the fallback. */
export type ExplainLang = 'en' | 'zh';

export function explainError(error: Pick<WireError, 'code' | 'message' | 'context'>, lang: ExplainLang = 'en'): ErrorExplanation {
  const explain = (lang === 'zh' ? CATALOGUE_ZH[error.code] : undefined) ?? CATALOGUE[error.code];
  if (explain) return explain(error.context ?? {});
  return { title: error.code, why: error.message };
}

export const KNOWN_ERROR_CODES: readonly string[] = Object.keys(CATALOGUE);
