import type { Lesson } from '@socket-playground/lessons';
import type { PrefStorage } from '../i18n/prefs.ts';
import type { LessonRoute } from './lesson-route.ts';

/**
 * What the learner has done, kept in localStorage: the steps finished per lesson, where they
 * were, and whether they chose the sandbox. Nothing stored at all means a first visit (welcome).
 */
export interface Progress {
  /** Finished step ids by lesson id. */
  done: Readonly<Record<string, readonly string[]>>;
  /** The lesson and step last open. */
  current: LessonRoute | null;
  /** Every tool, no lesson. */
  sandbox: boolean;
}

export const PROGRESS_KEY = 'socket-playground.progress';

export const EMPTY_PROGRESS: Progress = { done: {}, current: null, sandbox: false };

function isRoute(value: unknown): value is LessonRoute {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.lessonId === 'string' && (r.stepId === null || typeof r.stepId === 'string');
}

/** Read what a previous visit stored; anything malformed is ignored, field by field. */
export function parseProgress(text: string | null): Progress | null {
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const done: Record<string, string[]> = {};
  if (typeof r.done === 'object' && r.done !== null) {
    for (const [lessonId, steps] of Object.entries(r.done)) {
      if (Array.isArray(steps)) done[lessonId] = steps.filter((s): s is string => typeof s === 'string');
    }
  }
  return { done, current: isRoute(r.current) ? r.current : null, sandbox: r.sandbox === true };
}

export function loadProgress(storage: PrefStorage | null): Progress | null {
  try {
    return parseProgress(storage?.getItem(PROGRESS_KEY) ?? null);
  } catch {
    return null;
  }
}

export function saveProgress(storage: PrefStorage | null, progress: Progress): void {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Blocked storage: progress lasts until the page reloads.
  }
}

export function isDone(progress: Progress, lessonId: string, stepId: string): boolean {
  return progress.done[lessonId]?.includes(stepId) ?? false;
}

export function markDone(progress: Progress, lessonId: string, stepId: string): Progress {
  if (isDone(progress, lessonId, stepId)) return progress;
  return { ...progress, done: { ...progress.done, [lessonId]: [...(progress.done[lessonId] ?? []), stepId] } };
}

export function resetLesson(progress: Progress, lessonId: string): Progress {
  const done = Object.fromEntries(Object.entries(progress.done).filter(([id]) => id !== lessonId));
  return { ...progress, done };
}

/** Steps done out of all, counting only steps the lesson still has. */
export function lessonProgress(progress: Progress, lesson: Lesson): { done: number; total: number } {
  return { done: lesson.steps.filter((s) => isDone(progress, lesson.id, s.id)).length, total: lesson.steps.length };
}

/** Where to resume a lesson: its first step not done yet (the last step once all are done). */
export function firstOpenStep(progress: Progress, lesson: Lesson): number {
  const i = lesson.steps.findIndex((s) => !isDone(progress, lesson.id, s.id));
  return i >= 0 ? i : Math.max(lesson.steps.length - 1, 0);
}
