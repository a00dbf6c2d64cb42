import { describe, expect, it } from 'vitest';
import { LESSONS } from '../src/lessons/index.ts';
import type { Goal, Lesson, Step, Text } from '../src/lesson-types.ts';

/** Every Text of a step, with where it is, so a failure names the place. */
function stepTexts(lesson: Lesson, step: Step): [string, Text][] {
  const at = `${lesson.id}/${step.id}`;
  const texts: [string, Text][] = [
    [`${at} title`, step.title],
    [`${at} body`, step.body],
    ...step.hints.map((h, i): [string, Text] => [`${at} hint ${i + 1}`, h]),
  ];
  if (step.question) {
    const q = step.question;
    texts.push([`${at} prompt`, q.prompt], [`${at} explain`, q.explain], ...q.choices.map((c): [string, Text] => [`${at} choice ${c.id}`, c.text]));
  }
  return texts;
}

function goalKinds(goal: Goal): Goal['kind'][] {
  return goal.kind === 'all' ? goal.goals.flatMap(goalKinds) : [goal.kind];
}

describe('the curriculum', () => {
  it('has unique lesson ids and numbers, in order', () => {
    expect(LESSONS.length).toBeGreaterThan(0);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(new Set(LESSONS.map((l) => l.number)).size).toBe(LESSONS.length);
    const numbers = LESSONS.map((l) => l.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: steps with unique ids', (_id, lesson) => {
    expect(lesson.steps.length).toBeGreaterThan(0);
    expect(new Set(lesson.steps.map((s) => s.id)).size).toBe(lesson.steps.length);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: every text in English and Chinese', (_id, lesson) => {
    const texts: [string, Text][] = [
      [`${lesson.id} title`, lesson.title],
      [`${lesson.id} summary`, lesson.summary],
      ...lesson.steps.flatMap((s) => stepTexts(lesson, s)),
    ];
    for (const [where, text] of texts) {
      expect(text.en.trim(), `${where} (en)`).not.toBe('');
      expect(text.zh.trim(), `${where} (zh)`).not.toBe('');
      // The Chinese text is not a copy of the English one (code such as `recv(1024)` may be the same).
      expect(text.zh === text.en && /[a-z]{4}/i.test(text.en.replace(/`[^`]*`/g, '')), `${where} (zh is the English text)`).toBe(false);
    }
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: questions, hints and show-me fit together', (_id, lesson) => {
    for (const step of lesson.steps) {
      const at = `${lesson.id}/${step.id}`;
      expect(step.hints.length, `${at} hints`).toBeGreaterThanOrEqual(1);
      expect(step.hints.length, `${at} hints`).toBeLessThanOrEqual(3);
      expect(step.showMe.length, `${at} show-me`).toBeGreaterThan(0);
      const kinds = goalKinds(step.goal);
      const q = step.question;
      if (q) {
        const ids = q.choices.map((c) => c.id);
        expect(new Set(ids).size, `${at} choice ids`).toBe(ids.length);
        expect(q.correct.length, `${at} correct`).toBeGreaterThan(0);
        for (const id of q.correct) expect(ids, `${at} correct "${id}"`).toContain(id);
      }
      if (kinds.includes('answered')) {
        expect(q, `${at}: an 'answered' goal needs a question`).toBeDefined();
        const answer = step.showMe.find((a) => a.do === 'answer');
        expect(answer?.do === 'answer' ? [...answer.choices].sort() : undefined, `${at}: show-me answers correctly`).toEqual([...(q?.correct ?? [])].sort());
      }
      if (kinds.includes('read')) expect(step.showMe.some((a) => a.do === 'read'), `${at}: show-me reads`).toBe(true);
    }
  });
});
