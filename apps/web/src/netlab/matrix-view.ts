import type { MatrixCell, MatrixResult, ReachOutcome } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { OUTCOME_MEANING_ZH, outcomeTextZh } from './lab-words-zh.ts';
import { cellKey, verdict, type Guess, type GuessVerdict, type Guesses } from './predict.ts';

/**
 * What each cell of the who-can-connect matrix shows: the real outcome of the last run, or
 * the model's prediction (labelled "modelled"), or the learner's guess while predicting; plus
 * whether the real outcome disagrees with the model (a bug in the model).
 */

/** The model's answer for one cell, in the page's terms. */
export interface ModelCell {
  outcome: ReachOutcome;
  /** The rule that decided it, e.g. "R-LISTENER-MATCH". */
  rule: string;
  /** One line: why. */
  why: string;
  /** Every step of the model's reasoning, for the details. */
  steps: readonly string[];
}

export type ModelFn = (client: string, target: string) => ModelCell | null;

export type CellShows = 'result' | 'model' | 'guess';

export interface CellView {
  key: string;
  client: string;
  target: string;
  shows: CellShows;
  /** What the cell says happened (or would); null while the learner guesses. */
  outcome: ReachOutcome | null;
  /** The outcome came from the model, not from real sockets. */
  modelled: boolean;
  /** A real outcome differs from the model's prediction. */
  disagree: boolean;
  model: ModelCell | null;
  cell: MatrixCell | null;
  guess: Guess | undefined;
  verdict: GuessVerdict | null;
}

/** A cell the bridge did not run (single-host mode) says so; an older bridge's single-host cells for other hosts count as modelled too. */
export function isModelled(result: MatrixResult, cell: MatrixCell): boolean {
  if (cell.modelled !== undefined) return cell.modelled;
  return result.mode === 'single-host' && cell.client !== result.serverHost;
}

export interface MatrixViewInput {
  clients: readonly string[];
  targets: readonly string[];
  /** The last run, when it is for the bind the picker shows. */
  result: MatrixResult | null;
  model: ModelFn;
  predicting: boolean;
  /** The result came in after the guesses: show it and mark the guesses. */
  scored: boolean;
  guesses: Guesses;
}

export function matrixView(input: MatrixViewInput): CellView[][] {
  const cells = new Map<string, MatrixCell>();
  for (const c of input.result?.cells ?? []) cells.set(cellKey(c.client, c.target), c);
  return input.clients.map((client) =>
    input.targets.map((target): CellView => {
      const key = cellKey(client, target);
      const model = input.model(client, target);
      const guess = input.guesses[key];
      const base = { key, client, target, model, guess };
      const cell = cells.get(key) ?? null;
      if (input.predicting && !input.scored) {
        return { ...base, shows: 'guess', outcome: null, modelled: false, disagree: false, cell: null, verdict: null };
      }
      if (input.result && cell) {
        const modelled = isModelled(input.result, cell);
        const disagree = !modelled && cell.outcome !== 'not-run' && model !== null && model.outcome !== cell.outcome;
        const v = input.predicting ? verdict(guess, cell.outcome) : null;
        return { ...base, shows: 'result', outcome: cell.outcome, modelled, disagree, cell, verdict: v };
      }
      return { ...base, shows: 'model', outcome: model?.outcome ?? null, modelled: true, disagree: false, cell: null, verdict: null };
    }),
  );
}

/** Counts for the matrix's caption. */
export function matrixSummary(rows: readonly (readonly CellView[])[]): { connected: number; total: number; disagree: number; modelled: number } {
  const all = rows.flat();
  return {
    connected: all.filter((c) => c.outcome === 'connected').length,
    total: all.length,
    disagree: all.filter((c) => c.disagree).length,
    modelled: all.filter((c) => c.modelled).length,
  };
}

/** The cell's headline: ✓ for a connection (with the echo), else the errno. */
export function outcomeText(outcome: ReachOutcome | null, echoed?: boolean, lang: Lang = 'en'): string {
  if (outcome === null) return '';
  if (lang === 'zh') return outcomeTextZh(outcome, echoed);
  if (outcome === 'connected') return echoed === false ? '✓ connected, echo lost' : echoed ? '✓ echoed' : '✓ connected';
  if (outcome === 'not-run') return 'not run';
  return outcome;
}

/** A short reading of the errno for the legend and tooltips. */
export const OUTCOME_MEANING: Record<ReachOutcome, string> = {
  connected: 'the handshake completed and the echo came back',
  ECONNREFUSED: 'nothing listens there: the kernel answered RST',
  ENETUNREACH: 'no route to that network: the client gave up at once',
  EHOSTUNREACH: 'the route is there, but no host answered ARP',
  ETIMEDOUT: 'SYNs went out and nothing came back',
  EADDRNOTAVAIL: 'no usable address for this connection on this host',
  EINVAL: 'not a valid target here',
  'not-run': 'not run: no listener could be opened',
};

/** The errno's reading in `lang`. */
export function outcomeMeaning(outcome: ReachOutcome, lang: Lang = 'en'): string {
  return (lang === 'zh' ? OUTCOME_MEANING_ZH : OUTCOME_MEANING)[outcome];
}

/** Latency as the cell prints it: "0.3 ms", "12 ms", "1.5 s". */
export function formatLatency(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}
