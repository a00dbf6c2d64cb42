import type { BindChoice, MatrixResult } from '@socket-playground/protocol';
import { unmapped, type LiveLink, type LiveListener } from './live-links.ts';

/**
 * The listening sockets the drawing shows on the server host: the live ones while a run has
 * them open, else the last run's (including the ones that failed, e.g. EADDRINUSE), else the
 * picker's plan. Each is attached to the address it is bound to (a wildcard to all of them).
 */
export interface DrawnListener {
  key: string;
  /** What was asked for, as typed ("", "localhost", "0.0.0.0"). */
  requested: string;
  /** The address bound, or for a plan the address it would attach to. */
  address: string;
  port: number | null;
  state: 'planned' | 'listening' | 'closed' | 'failed';
  errorCode?: string;
}

/** Where a requested host attaches before anything ran: "" is INADDR_ANY (as in Python and the lab), a name is drawn on loopback. */
export function plannedAddress(host: string): string {
  if (host === '') return '0.0.0.0';
  if (host === 'localhost') return '127.0.0.1';
  return host;
}

export function drawnListeners(args: {
  live: readonly LiveListener[];
  result: MatrixResult | null;
  /** Whether the shown result is for the picker's bind. */
  resultCurrent: boolean;
  plan: BindChoice;
}): DrawnListener[] {
  const open = args.live.filter((l) => l.open);
  if (open.length > 0) {
    return open.map((l) => ({ key: l.socketId, requested: l.address, address: l.address, port: l.port, state: 'listening' }));
  }
  if (args.result && args.resultCurrent) {
    return args.result.listeners.map((l, i) => ({
      key: `r${i}`,
      requested: l.requested,
      address: l.address ?? plannedAddress(l.requested),
      port: l.port ?? null,
      state: l.errorCode ? 'failed' : 'closed',
      ...(l.errorCode ? { errorCode: l.errorCode } : {}),
    }));
  }
  return args.plan.hosts.map((h, i) => ({ key: `p${i}`, requested: h, address: plannedAddress(h), port: args.plan.port, state: 'planned' }));
}

export function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

/** The listener that took a connection: the one bound to exactly its address, else a wildcard of a fitting family. */
export function listenerFor(listeners: readonly DrawnListener[], link: LiveLink): DrawnListener | undefined {
  const local = unmapped(link.local.address);
  const v4 = !local.includes(':');
  const usable = listeners.filter((l) => l.state !== 'failed');
  return (
    usable.find((l) => unmapped(l.address) === local) ??
    usable.find((l) => l.address === '0.0.0.0' && v4) ??
    usable.find((l) => l.address === '::')
  );
}

/** "0.0.0.0:65432", "[::]:65432", "localhost → 127.0.0.1". */
export function listenerLabel(l: DrawnListener): string {
  const addr = l.address.includes(':') ? `[${l.address}]` : l.address;
  const port = l.port === null ? '' : `:${l.port}`;
  const asked = l.requested !== l.address && l.state !== 'listening' ? `${l.requested === '' ? "''" : l.requested} → ` : '';
  return `${asked}${addr}${port}`;
}
