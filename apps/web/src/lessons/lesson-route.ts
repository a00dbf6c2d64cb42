import type { Lesson } from '@socket-playground/lessons';

/**
 * Every lesson and step has its own link: `#/lesson/<lessonId>/<stepId>` (the step may be left
 * out: the lesson's first step not done yet). The bridge's `#token=…` link is different and is
 * taken by session-token.ts before any routing; these routes never carry a token.
 */
export interface LessonRoute {
  lessonId: string;
  stepId: string | null;
}

const PREFIX = '#/lesson/';

export function parseLessonHash(hash: string): LessonRoute | null {
  if (!hash.startsWith(PREFIX)) return null;
  const [lessonId, stepId] = hash.slice(PREFIX.length).split('/').map((part) => decodeURIComponent(part));
  if (!lessonId) return null;
  return { lessonId, stepId: stepId ? stepId : null };
}

export function lessonHash(route: LessonRoute): string {
  const lesson = PREFIX + encodeURIComponent(route.lessonId);
  return route.stepId === null ? lesson : `${lesson}/${encodeURIComponent(route.stepId)}`;
}

export interface ResolvedRoute {
  lesson: Lesson;
  stepIndex: number;
}

/**
 * The lesson and step a route points to, against the lessons that exist. An unknown step falls
 * back to `fallbackStep` (e.g. the first step not done yet); an unknown lesson gives null.
 */
export function resolveRoute(lessons: readonly Lesson[], route: LessonRoute, fallbackStep: (lesson: Lesson) => number = () => 0): ResolvedRoute | null {
  const lesson = lessons.find((l) => l.id === route.lessonId);
  if (!lesson || lesson.steps.length === 0) return null;
  const index = route.stepId === null ? -1 : lesson.steps.findIndex((s) => s.id === route.stepId);
  return { lesson, stepIndex: index >= 0 ? index : Math.min(Math.max(fallbackStep(lesson), 0), lesson.steps.length - 1) };
}

/** The lesson after this one in the curriculum, if any. */
export function nextLesson(lessons: readonly Lesson[], lessonId: string): Lesson | null {
  const i = lessons.findIndex((l) => l.id === lessonId);
  return i >= 0 ? (lessons[i + 1] ?? null) : null;
}
