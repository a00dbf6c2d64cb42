import type { Question } from '@socket-playground/lessons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepRun } from '../../lessons/step-run.ts';
import { Markdown } from './Markdown.tsx';
import { useLessonLang, useLessons } from './lesson-context.ts';

/** A question step: pick one (radio) or several (checkbox) choices, submit, read why. */
export function LessonQuestion({ question, submitted }: { question: Question; submitted: StepRun['submitted'] }) {
  const { t } = useTranslation();
  const lang = useLessonLang();
  const lessons = useLessons();
  const [picked, setPicked] = useState<readonly string[]>([]);
  const several = question.correct.length > 1;
  const toggle = (id: string, on: boolean) => setPicked((p) => (several ? (on ? [...p, id] : p.filter((x) => x !== id)) : [id]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    lessons.answer(picked);
  };
  const feedback = submitted;
  // The panel scrolls: bring the verdict into view when it comes.
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!feedback) return;
    // "Show me" may have answered: the boxes show what was submitted.
    setPicked(feedback.choices);
    shown.current?.scrollIntoView?.({ block: 'nearest' });
  }, [feedback]);
  return (
    <form className="lesson-question" onSubmit={submit}>
      <fieldset>
        <legend>
          <Markdown text={question.prompt[lang]} className="lesson-prompt" />
        </legend>
        {question.choices.map((c) => (
          <label key={c.id} className="lesson-choice">
            <input
              type={several ? 'checkbox' : 'radio'}
              name="lesson-choice"
              data-testid="lesson-choice"
              data-choice={c.id}
              checked={picked.includes(c.id)}
              onChange={(e) => toggle(c.id, e.target.checked)}
            />
            <span>{c.text[lang]}</span>
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" data-testid="lesson-answer" disabled={picked.length === 0}>
          {t('lesson.answer')}
        </button>
      </div>
      {feedback && (
        <div ref={shown} className={feedback.right ? 'lesson-feedback lesson-feedback-right' : 'lesson-feedback lesson-feedback-wrong'} data-testid="lesson-feedback" data-right={feedback.right} role="status">
          <strong>{feedback.right ? t('lesson.right') : t('lesson.wrong')}</strong>
          {/* A prediction is explained either way (the run shows who was right); a quiz only once it is right. */}
          {feedback.right || question.predict ? <Markdown text={question.explain[lang]} /> : <span> {t('lesson.tryAgain')}</span>}
        </div>
      )}
    </form>
  );
}
