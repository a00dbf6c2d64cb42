import { z } from 'zod';
import { Endpoint, HostInput, Id, PortInput, ReqId, WireError } from './common.ts';

/**
 * The application client of the notes' third program (the Real Python tutorial's libclient.py):
 * one request, one response per connection. The request is either what libclient builds from an
 * action and a value, or crafted by hand, lies included; it may go out in chunks the learner chose.
 */

export const APP_LIMITS = {
  maxActionLength: 64,
  maxValueLength: 4096,
  /** A crafted header is sent as typed, up to this many characters. */
  maxCraftedHeader: 8192,
  maxCraftedContent: 16 * 1024,
  maxChunks: 4096,
  maxGapMs: 2000,
  /** chunks × gap: the longest a request may take to send. */
  maxSendMs: 30_000,
  defaultReplyTimeoutMs: 5000,
} as const;

const target = { reqId: ReqId, labHost: z.string().min(1).max(32).default('local') };

export const AppRequestBody = z.discriminatedUnion('kind', [
  /** As libclient.py builds it: `search` as JSON, any other action as binary content. */
  z.object({
    kind: z.literal('action'),
    action: z.string().min(1).max(APP_LIMITS.maxActionLength),
    value: z.string().max(APP_LIMITS.maxValueLength),
  }),
  /** By hand: the header as raw text (it need not be JSON), the content as UTF-8 text, a protoheader that may lie. */
  z.object({
    kind: z.literal('crafted'),
    header: z.string().max(APP_LIMITS.maxCraftedHeader),
    content: z.string().max(APP_LIMITS.maxCraftedContent),
    /** Announced header length; absent means the true length. */
    protoheader: z.number().int().min(0).max(0xffff).optional(),
  }),
]);
export type AppRequestBody = z.infer<typeof AppRequestBody>;

export const AppRequestCommand = z
  .object({
    ...target,
    type: z.literal('app.request'),
    host: HostInput,
    port: PortInput,
    request: AppRequestBody,
    /** Sizes of the writes, in order; whatever is left goes in one last write. Empty: one write. */
    chunks: z.array(z.number().int().min(1).max(0xffff)).max(APP_LIMITS.maxChunks).default([]),
    /** Pause between writes, so each reaches the server as its own recv (TCP_NODELAY is on). */
    gapMs: z.number().int().min(0).max(APP_LIMITS.maxGapMs).default(0),
    /** After sending: wait for the reply (as libclient.py does), or close at once (a peer that leaves mid-frame). */
    finish: z.enum(['wait-reply', 'close-after-send']).default('wait-reply'),
    replyTimeoutMs: z.number().int().min(100).max(30_000).default(APP_LIMITS.defaultReplyTimeoutMs),
    connectTimeoutMs: z.number().int().min(50).max(60_000).optional(),
  })
  .refine((c) => c.chunks.length * c.gapMs <= APP_LIMITS.maxSendMs, { message: `chunks × gapMs must be at most ${APP_LIMITS.maxSendMs} ms`, path: ['gapMs'] });

/** What came back: the response's header and content, and the result in words when it was JSON. */
export const AppResponse = z.object({
  header: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Base64 of the content. */
  content: z.string(),
  /** `result` of a text/json response. */
  result: z.string().optional(),
  /** Total bytes of the response message (protoheader + header + content). */
  bytes: z.number().int().min(0),
});
export type AppResponse = z.infer<typeof AppResponse>;

export const AppDone = z.object({
  kind: z.literal('app.done'),
  clientId: Id,
  local: Endpoint,
  remote: Endpoint,
  /** Bytes sent, and in how many writes. */
  sent: z.number().int().min(0),
  writes: z.number().int().min(0),
  response: AppResponse.nullable(),
  /** Why there is no (whole) response: the server closed first, a malformed reply, or a timeout. */
  problem: WireError.nullable(),
});
export type AppDone = z.infer<typeof AppDone>;
