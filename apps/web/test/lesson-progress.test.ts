import type { Lesson } from '@socket-playground/lessons';
import { describe, expect, it } from 'vitest';
import { EMPTY_PROGRESS, firstOpenStep, isDone, lessonProgress, loadProgress, markDone, parseProgress, PROGRESS_KEY, resetLesson, saveProgress } from '../src/lessons/lesson-progress.ts';

const text = (s: string) => ({ en: s, zh: s });
const echo: Lesson = {
  id: 'echo',
  number: 3,
  title: text('echo'),
  summary: text('echo'),
  steps: ['server', 'client'].map((s) => ({ id: s, title: text(s), body: text(s), goal: { kind: 'read' }, hints: [], showMe: [] })),
};

describe('lesson progress', () => {
  it('marks steps done once, per lesson, and resets one lesson', () => {
    let p = markDone(EMPTY_PROGRESS, 'echo', 'server');
    expect(markDone(p, 'echo', 'server')).toBe(p);
    p = markDone(p, 'intro', 'a');
    expect(isDone(p, 'echo', 'server')).toBe(true);
    expect(isDone(p, 'echo', 'client')).toBe(false);
    expect(lessonProgress(p, echo)).toEqual({ done: 1, total: 2 });
    expect(firstOpenStep(p, echo)).toBe(1);
    p = markDone(p, 'echo', 'client');
    expect(firstOpenStep(p, echo)).toBe(1);
    p = resetLesson(p, 'echo');
    expect(lessonProgress(p, echo)).toEqual({ done: 0, total: 2 });
    expect(isDone(p, 'intro', 'a')).toBe(true);
  });

  it('counts only steps the lesson still has', () => {
    const p = markDone(markDone(EMPTY_PROGRESS, 'echo', 'server'), 'echo', 'removed-step');
    expect(lessonProgress(p, echo)).toEqual({ done: 1, total: 2 });
  });

  it('is stored and read back; nothing stored is a first visit', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    expect(loadProgress(storage)).toBeNull();
    const p = { ...markDone(EMPTY_PROGRESS, 'echo', 'server'), current: { lessonId: 'echo', stepId: 'client' }, sandbox: true };
    saveProgress(storage, p);
    expect(items.has(PROGRESS_KEY)).toBe(true);
    expect(loadProgress(storage)).toEqual(p);
  });

  it('ignores what is malformed', () => {
    expect(parseProgress('not json')).toBeNull();
    expect(parseProgress('42')).toBeNull();
    expect(parseProgress('{"done":{"echo":["server",7]},"current":{"lessonId":1},"sandbox":"yes"}')).toEqual({ done: { echo: ['server'] }, current: null, sandbox: false });
  });
});
