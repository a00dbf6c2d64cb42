import type { Goal, GoalContext } from '@socket-playground/lessons';
import type { AppDone, DemoSummary, LabState, MatrixResult, SequencedLabEvent } from '@socket-playground/protocol';

/**
 * One attempt at a step: what counts towards its goal. It begins when the step opens (the newest
 * event's seq then) and collects the who-can-connect runs and demonstrations that finish after
 * that, by hand or by "Show me", the answer and "Done reading".
 */
export interface StepRun {
  lessonId: string;
  stepId: string;
  sinceSeq: number;
  matrices: readonly MatrixResult[];
  demos: readonly DemoSummary[];
  apps: readonly AppDone[];
  answered: boolean;
  /** The choices last submitted, and whether they were right (feedback). */
  submitted: { choices: readonly string[]; right: boolean } | null;
  read: boolean;
  /** Hints revealed so far. */
  hints: number;
}

export function beginStep(lessonId: string, stepId: string, events: readonly SequencedLabEvent[]): StepRun {
  return { lessonId, stepId, sinceSeq: events.at(-1)?.seq ?? 0, matrices: [], demos: [], apps: [], answered: false, submitted: null, read: false, hints: 0 };
}

/** Add a finished run; the same result object twice counts once. */
export function withMatrix(run: StepRun, matrix: MatrixResult): StepRun {
  return run.matrices.includes(matrix) ? run : { ...run, matrices: [...run.matrices, matrix] };
}

export function withDemo(run: StepRun, demo: DemoSummary): StepRun {
  return run.demos.includes(demo) ? run : { ...run, demos: [...run.demos, demo] };
}

export function withApp(run: StepRun, app: AppDone): StepRun {
  return run.apps.includes(app) ? run : { ...run, apps: [...run.apps, app] };
}

/** Check an answer: exactly the correct choices, in any order. */
export function isRightAnswer(correct: readonly string[], choices: readonly string[]): boolean {
  const picked = new Set(choices);
  return picked.size === correct.length && correct.every((c) => picked.has(c));
}

export function withAnswer(run: StepRun, correct: readonly string[], choices: readonly string[]): StepRun {
  const right = isRightAnswer(correct, choices);
  return { ...run, submitted: { choices: [...choices], right }, answered: run.answered || right };
}

/** What goalMet() is given: the page's live events and lab state, and this run's results. */
export function goalContextOf(run: StepRun, events: readonly SequencedLabEvent[], state: LabState): GoalContext {
  return { events, sinceSeq: run.sinceSeq, state, matrices: run.matrices, demos: run.demos, apps: run.apps, answered: run.answered, read: run.read };
}

/** Whether a goal asks for "Done reading" (the page then shows that button). */
export function needsRead(goal: Goal): boolean {
  return goal.kind === 'read' || (goal.kind === 'all' && goal.goals.some(needsRead));
}
