/** Wire protocol version. Bump on any incompatible change to a message shape. */
export const PROTOCOL_VERSION = 1;

/** Limits shared by both sides, so the page can validate before it sends. */
export const LIMITS = {
  /** Largest WebSocket message the bridge accepts from a page (ws maxPayload). */
  maxCommandBytes: 64 * 1024,
  /** Largest message an echo client may send. */
  maxEchoMessageBytes: 16 * 1024,
  /** Bytes of each send/recv carried inline in its event; the rest on request. */
  previewBytes: 256,
  /** Full bytes kept per host agent for "show all bytes" (oldest dropped first). */
  retainedBytesPerAgent: 8 * 1024 * 1024,
  /** Events the bridge keeps for replay after a page reconnects. */
  replayEvents: 5000,
  /** Longest host name or address a command may carry. */
  maxHostLength: 253,
  /** How long an echo client waits for its echo before giving up. */
  echoTimeoutMs: 5000,
  /** recv(bufsize) range a learner may choose. */
  minRecvBufsize: 1,
  maxRecvBufsize: 65536,
} as const;

/** Defaults taken from the learner's notes (echo-server.py / echo-client.py). */
export const DEFAULTS = {
  host: '127.0.0.1',
  port: 65432,
  /** Python's listen() default since 3.5 is min(SOMAXCONN, 128). */
  backlog: 128,
  message: 'Hello, world',
  recvBufsize: 1024,
} as const;
