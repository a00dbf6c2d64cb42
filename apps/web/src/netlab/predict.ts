import type { MatrixCell, ReachOutcome } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { GUESS_LABEL_ZH, scoreTextZh } from './lab-words-zh.ts';

/**
 * "Predict first": the learner guesses each cell before running, in four words rather than
 * errno names; the page then scores the guesses against what really happened.
 */
export type Guess = 'connects' | 'refused' | 'unreachable' | 'times-out';

export const GUESSES: ReadonlyArray<{ guess: Guess; label: string; short: string }> = [
  { guess: 'connects', label: 'connects', short: '✓' },
  { guess: 'refused', label: 'refused', short: 'RST' },
  { guess: 'unreachable', label: 'unreachable', short: 'unr' },
  { guess: 'times-out', label: 'times out', short: '⌛' },
];

export type Guesses = Readonly<Record<string, Guess>>;

/** The key of one cell, for guesses and lookups. */
export function cellKey(client: string, target: string): string {
  return `${client}→${target}`;
}

/**
 * Which guess an outcome proves right. EADDRNOTAVAIL and EINVAL say the kernel could not even
 * try (no route, no such address family here): "unreachable" in the learner's words.
 * A cell that did not run cannot be scored.
 */
export function guessOf(outcome: ReachOutcome): Guess | null {
  switch (outcome) {
    case 'connected':
      return 'connects';
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'EADDRNOTAVAIL':
    case 'EINVAL':
      return 'unreachable';
    case 'ETIMEDOUT':
      return 'times-out';
    case 'not-run':
      return null;
  }
}

export function guessLabel(guess: Guess, lang: Lang = 'en'): string {
  if (lang === 'zh') return GUESS_LABEL_ZH[guess];
  return GUESSES.find((g) => g.guess === guess)?.label ?? guess;
}

/** The next guess when a cell is clicked: blank → connects → refused → unreachable → times out → blank. */
export function cycleGuess(current: Guess | undefined): Guess | undefined {
  if (current === undefined) return GUESSES[0]!.guess;
  const i = GUESSES.findIndex((g) => g.guess === current);
  return GUESSES[i + 1]?.guess;
}

export function setGuess(guesses: Guesses, key: string, guess: Guess | undefined): Guesses {
  const rest = Object.fromEntries(Object.entries(guesses).filter(([k]) => k !== key));
  return guess === undefined ? rest : { ...rest, [key]: guess };
}

export type GuessVerdict = 'right' | 'wrong' | 'blank' | 'unscored';

export function verdict(guess: Guess | undefined, outcome: ReachOutcome): GuessVerdict {
  const truth = guessOf(outcome);
  if (truth === null) return 'unscored';
  if (guess === undefined) return 'blank';
  return guess === truth ? 'right' : 'wrong';
}

export interface Score {
  right: number;
  /** Cells that can be scored (they ran, or the model answered them). */
  total: number;
  wrong: number;
  blank: number;
}

/** "You got 11 of 14": blank cells count as not right. */
export function scoreGuesses(guesses: Guesses, cells: readonly MatrixCell[]): Score {
  const score: Score = { right: 0, total: 0, wrong: 0, blank: 0 };
  for (const cell of cells) {
    const v = verdict(guesses[cellKey(cell.client, cell.target)], cell.outcome);
    if (v === 'unscored') continue;
    score.total++;
    if (v === 'right') score.right++;
    else if (v === 'wrong') score.wrong++;
    else score.blank++;
  }
  return score;
}

export function scoreText(score: Score, lang: Lang = 'en'): string {
  if (lang === 'zh') return scoreTextZh(score);
  if (score.total === 0) return 'Nothing to score: no cell ran.';
  const parts = [`You got ${score.right} of ${score.total}`];
  if (score.blank > 0) parts.push(`${score.blank} left blank`);
  return parts.join(' · ');
}

/** How many of the cells have a guess. */
export function guessCount(guesses: Guesses, keys: readonly string[]): number {
  return keys.filter((k) => guesses[k] !== undefined).length;
}
