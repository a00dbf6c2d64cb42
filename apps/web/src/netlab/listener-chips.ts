import type { ListenerStart } from '@socket-playground/netmodel';
import type { MatrixResult } from '@socket-playground/protocol';

/** One listening socket as the matrix shows it: what was typed, what it became, and why. */
export interface ListenerChip {
  key: string;
  typed: string;
  address: string | null;
  port: number | null;
  /** The errno when it could not listen (EADDRINUSE, EADDRNOTAVAIL…); null when it listens. */
  error: string | null;
  /** The tooltip: how the typed host turned out, in the page's language. */
  note: string | null;
}

/**
 * The chips above the matrix. Before a run: the model's plan. After one: the real listeners,
 * each keeping the model's explanation when the model foresaw the same outcome (the
 * explanation is the lesson; the bridge only reports an errno). Where the run and the model
 * disagree, the run's own message is the truth and the model's words would mislead.
 */
export function listenerChips(result: MatrixResult | null, model: readonly ListenerStart[], noteOf: (l: ListenerStart) => string): ListenerChip[] {
  if (!result) {
    return model.map((l) => ({ key: l.typed, typed: l.typed, address: l.address, port: null, error: l.status === 'listening' ? null : l.status, note: noteOf(l) }));
  }
  return result.listeners.map((l) => {
    const error = l.errorCode ?? null;
    const foreseen = model.find((m) => m.typed === l.requested && (m.status === 'listening' ? error === null : m.status === error));
    return {
      key: `${l.requested}|${l.address ?? ''}`,
      typed: l.requested,
      address: l.address ?? null,
      port: l.port ?? null,
      error,
      note: foreseen ? noteOf(foreseen) : (l.message ?? null),
    };
  });
}
