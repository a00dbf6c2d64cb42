/**
 * Wire protocol version. Bump on any incompatible change to a message shape.
 * Additions that leave every existing shape as it was keep the version: `gap` (bridge → page, a page
 * that fell behind) is one; a page that predates it reports it as a message it did not understand
 * and still sees the hole in the sequence numbers.
 */
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
  /**
   * Commands one page may send: a token bucket of `commandBurst` tokens refilled at
   * `commandsPerSecond`. Far above what a learner clicks or the page's own loops send (the page
   * paces itself under it), far below a flood. Excess commands get RATE_LIMITED, not run.
   */
  commandBurst: 200,
  commandsPerSecond: 100,
  /** Malformed messages in a row (no valid one between) before the bridge closes the page with 1008. */
  maxConsecutiveBadMessages: 50,
  /**
   * Per session (all pages together). Servers open at once: echo and app servers, and stepped
   * servers that have not finished.
   */
  maxServers: 32,
  /**
   * Per session: clients at once: client.run and app.request in flight, stepped clients that have
   * not finished, and demonstrations in flight. A demonstration runs inside the lab agent and closes
   * every socket it opened when it ends, so it counts as one client however many it opens (the
   * many-clients demonstration opens up to 1,000), and its sockets are not in the lab state.
   */
  maxClients: 64,
  /** Per session: open TCP connections in the lab state (accepted and client sockets; not a demonstration's). */
  maxConnections: 2000,
  /** Bytes queued to a page before the bridge stops sending it events; once it catches up it gets a `gap`. */
  pageBufferedBytes: 8 * 1024 * 1024,
  /** Queued beyond this, the page is not reading at all: the bridge closes it (1008); it reconnects and resumes. */
  pageHardBufferedBytes: 32 * 1024 * 1024,
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
