import type { Lesson } from '@socket-playground/lessons';
import { describe, expect, it } from 'vitest';
import { lessonHash, nextLesson, parseLessonHash, resolveRoute } from '../src/lessons/lesson-route.ts';

const text = (s: string) => ({ en: s, zh: s });
const lesson = (id: string, number: number, steps: string[]): Lesson => ({
  id,
  number,
  title: text(id),
  summary: text(id),
  steps: steps.map((s) => ({ id: s, title: text(s), body: text(s), goal: { kind: 'read' }, hints: [], showMe: [{ do: 'read' }] })),
});
const LESSONS = [lesson('intro', 1, ['a', 'b']), lesson('echo', 3, ['server', 'client'])];

describe('lesson links', () => {
  it('parse and format round trip', () => {
    expect(parseLessonHash('#/lesson/echo/client')).toEqual({ lessonId: 'echo', stepId: 'client' });
    expect(parseLessonHash('#/lesson/echo')).toEqual({ lessonId: 'echo', stepId: null });
    expect(parseLessonHash('#/lesson/echo/')).toEqual({ lessonId: 'echo', stepId: null });
    expect(lessonHash({ lessonId: 'echo', stepId: 'client' })).toBe('#/lesson/echo/client');
    expect(lessonHash({ lessonId: 'echo', stepId: null })).toBe('#/lesson/echo');
    expect(parseLessonHash(lessonHash({ lessonId: 'a b', stepId: 'c/d' }))).toEqual({ lessonId: 'a b', stepId: 'c/d' });
  });

  it('leave the bridge token link alone', () => {
    expect(parseLessonHash('#token=abc')).toBeNull();
    expect(parseLessonHash('')).toBeNull();
    expect(parseLessonHash('#/lesson/')).toBeNull();
  });

  it('resolve against the lessons that exist', () => {
    expect(resolveRoute(LESSONS, { lessonId: 'echo', stepId: 'client' })).toMatchObject({ lesson: { id: 'echo' }, stepIndex: 1 });
    expect(resolveRoute(LESSONS, { lessonId: 'echo', stepId: null })).toMatchObject({ stepIndex: 0 });
    expect(resolveRoute(LESSONS, { lessonId: 'echo', stepId: 'gone' }, () => 1)).toMatchObject({ stepIndex: 1 });
    expect(resolveRoute(LESSONS, { lessonId: 'echo', stepId: null }, () => 9)).toMatchObject({ stepIndex: 1 });
    expect(resolveRoute(LESSONS, { lessonId: 'nope', stepId: null })).toBeNull();
  });

  it('know the next lesson', () => {
    expect(nextLesson(LESSONS, 'intro')?.id).toBe('echo');
    expect(nextLesson(LESSONS, 'echo')).toBeNull();
    expect(nextLesson(LESSONS, 'nope')).toBeNull();
  });
});
