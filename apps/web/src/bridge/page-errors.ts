import { explainError, LIMITS, type ErrorExplanation, type WireError } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { describeCloseZh, PAGE_ERRORS_ZH } from './page-errors-zh.ts';

/**
 * Explanations for the few errors only the page can produce (the bridge never sends these
 * codes). Everything else goes to the protocol's own catalogue, explainError().
 */
type Ctx = NonNullable<WireError['context']>;
export type PageExplain = (ctx: Ctx, message: string) => ErrorExplanation;

export const PAGE_ERRORS: Record<string, PageExplain> = {
  NOT_CONNECTED: () => ({
    title: 'Not connected to the bridge',
    why: 'The page is waiting for the bridge and reconnects by itself. Try again once the badge at the top says Connected.',
  }),
  BRIDGE_DISCONNECTED: () => ({
    title: 'The connection to the bridge closed before the answer came',
    why: 'The command may or may not have run; the event list shows what happened once the page reconnects.',
  }),
  NO_REPLY: (c) => ({
    title: 'The bridge did not answer in time',
    why: `No reply came within ${String(c.timeoutMs ?? '?')} ms. The bridge may be busy or stuck; the event list still shows what really happened.`,
  }),
  INVALID_BACKLOG: (c) => ({
    title: `Not a valid backlog: ${String(c.backlog ?? '')}`,
    why: 'The backlog is a whole number from 0 to 65535: how many finished handshakes may wait for accept(). Python\'s default is 128.',
  }),
  INVALID_BUFSIZE: (c) => ({
    title: `Not a valid bufsize: ${String(c.bufsize ?? '')}`,
    why: `recv(bufsize) takes the most bytes it may return: a whole number from ${String(c.min ?? 1)} to ${String(c.max ?? 65536)}. The notes use 1024; try 4 to see one send arrive in several recvs.`,
  }),
  BAD_SESSION_FILE: (_c, message) => ({
    title: 'This file is not a saved Socket Playground session',
    why: `The page cannot replay it: ${message}. Choose a file saved with "Save session".`,
  }),
  BAD_BRIDGE_MESSAGE: (_c, message) => ({
    title: 'The page received a message from the bridge it could not understand',
    why: `The page ignored it and carries on (${message}). If this keeps happening, the page and the bridge may come from different versions: reload the page.`,
  }),
};

export function explain(error: Pick<WireError, 'code' | 'message' | 'context'>, lang: Lang = 'en'): ErrorExplanation {
  const local = (lang === 'zh' ? PAGE_ERRORS_ZH[error.code] : undefined) ?? PAGE_ERRORS[error.code];
  return local ? local(error.context ?? {}, error.message) : explainError(error, lang);
}

export function pageError(code: string, message: string, context?: WireError['context']): WireError {
  return context ? { code, message, context } : { code, message };
}

/** The error that closed the WebSocket, when its close code tells us one. */
export function closeError(code: number): WireError | null {
  if (code === 1009) return { code: 'MESSAGE_TOO_BIG', message: '', context: { limit: LIMITS.maxCommandBytes } };
  return null;
}

/** Why the WebSocket closed, in words (close codes from RFC 6455 §7.4). */
export function describeClose(code: number, reason: string, lang: Lang = 'en'): string {
  const error = closeError(code);
  if (error) return explain(error, lang).title;
  if (lang === 'zh') return describeCloseZh(code, reason);
  const said = reason ? `: ${reason}` : '';
  switch (code) {
    case 1000:
      return `the bridge closed the connection${said}`;
    case 1001:
      return `the bridge is shutting down${said}`;
    case 1006:
      return 'the connection dropped (the bridge stopped, or refused to connect)';
    case 1008:
      return `the bridge refused this page${said || ' (policy)'}`;
    case 1011:
      return `the bridge hit an internal error${said}`;
    default:
      return `closed with code ${code}${said}`;
  }
}
