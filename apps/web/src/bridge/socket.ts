/**
 * The little of a WebSocket the connection needs, so tests can hand it a fake one.
 * Callbacks rather than the DOM's event objects keep the fake trivial.
 */
export interface SocketLike {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

export interface SocketHandlers {
  open(): void;
  message(data: unknown): void;
  close(code: number, reason: string): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

export const browserSocket: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.open();
  ws.onmessage = (event: MessageEvent<unknown>) => handlers.message(event.data);
  // An HTTP 403 on upgrade arrives as error + close(1006) without open; close is enough.
  ws.onclose = (event) => handlers.close(event.code, event.reason);
  return {
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
  };
};

/** ws:// or wss:// to the bridge that served this page, with the session token. */
export function bridgeSocketUrl(location: { protocol: string; host: string }, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}
