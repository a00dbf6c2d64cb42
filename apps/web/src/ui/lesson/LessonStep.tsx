import type { Lesson } from '@socket-playground/lessons';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShowMeStatus } from '../../lessons/lesson-controller.ts';
import { nextLesson } from '../../lessons/lesson-route.ts';
import { needsRead, type StepRun } from '../../lessons/step-run.ts';
import { LessonQuestion } from './LessonQuestion.tsx';
import { Markdown } from './Markdown.tsx';
import { useLessonLang, useLessons } from './lesson-context.ts';

interface Props {
  lessons: readonly Lesson[];
  lesson: Lesson;
  stepIndex: number;
  run: StepRun;
  met: boolean;
  showMe: ShowMeStatus;
}

/** The open step: its text, hints one at a time, the question, the goal's live status, "Show me", "Next". */
export function LessonStep({ lessons, lesson, stepIndex, run, met, showMe }: Props) {
  const { t } = useTranslation();
  const lang = useLessonLang();
  const controller = useLessons();
  // The panel scrolls: once the goal is met, bring the success and "Next" into view.
  const actions = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (met) actions.current?.scrollIntoView?.({ block: 'nearest' });
  }, [met]);
  const step = lesson.steps[stepIndex];
  if (!step) return null;
  const last = stepIndex + 1 >= lesson.steps.length;
  const after = last ? nextLesson(lessons, lesson.id) : null;
  const question = step.question;
  // Predict-then-run: once the learner has committed to an answer, the real run is the next thing to do.
  // For a moment after the step changes, `run` may still be the previous step's: never show its answer here.
  const ownRun = run.lessonId === lesson.id && run.stepId === step.id;
  const runIt = question?.predict === true && ownRun && run.submitted !== null;
  return (
    <div className="lesson-step" data-testid="lesson-step" data-step={step.id} data-lesson={lesson.id}>
      <div className="lesson-step-count">{t('lesson.step', { n: stepIndex + 1, total: lesson.steps.length })}</div>
      <h3 className="lesson-step-title" data-testid="lesson-step-title">
        {step.title[lang]}
      </h3>
      <Markdown text={step.body[lang]} className="lesson-body" testId="lesson-body" />
      {question && <LessonQuestion key={`${lesson.id}/${step.id}`} question={question} submitted={ownRun ? run.submitted : null} />}
      {step.hints.length > 0 && (
        <div className="lesson-hints">
          {step.hints.slice(0, run.hints).map((hint, i) => (
            <p key={i} className="lesson-hint" data-testid="lesson-hint">
              <strong>{t('lesson.hint')}:</strong> {hint[lang]}
            </p>
          ))}
          {run.hints < step.hints.length && (
            <button type="button" className="link-button" data-testid="lesson-hint-next" onClick={() => controller.revealHint()}>
              {run.hints === 0 ? t('lesson.hintNext') : t('lesson.hintMore')}
            </button>
          )}
        </div>
      )}
      <div className={met ? 'lesson-goal lesson-goal-met' : 'lesson-goal'} data-testid="lesson-goal" data-met={met} role="status">
        {met ? t('lesson.goalMet') : t('lesson.goalOpen')}
      </div>
      <div className="actions lesson-actions" ref={actions}>
        {!met && needsRead(step.goal) && (
          <button type="button" className="button" data-testid="lesson-read" onClick={() => controller.read()}>
            {t('lesson.read')}
          </button>
        )}
        {!met && step.showMe.length > 0 && (!question || runIt || !question.predict) && (
          <button type="button" className={runIt ? 'button button-primary' : 'button'} data-testid="lesson-show-me" disabled={showMe.status === 'running'} onClick={() => void controller.showMe()}>
            {showMe.status === 'running' ? t('lesson.showMeRunning') : runIt ? t('lesson.runIt') : t('lesson.showMe')}
          </button>
        )}
        {met && (!last || after) && (
          <button type="button" className="button button-primary" data-testid="lesson-next" onClick={() => controller.next()}>
            {last ? t('lesson.nextLesson') : t('lesson.next')}
          </button>
        )}
        {met && last && !after && (
          <span className="lesson-finished" data-testid="lesson-finished">
            {t('lesson.finished')}
          </span>
        )}
      </div>
      {showMe.status === 'refused' && !met && (
        <p className="lesson-problem" data-testid="lesson-show-me-problem" role="status">
          {t('lesson.showMeRefused', { errors: showMe.errors })}
        </p>
      )}
      {showMe.status === 'moved' && (
        <p className="lesson-note" data-testid="lesson-show-me-moved" role="status">
          {t('lesson.showMeMoved', { moves: showMe.moves })}
        </p>
      )}
      {showMe.status === 'failed' && (
        <p className="lesson-problem" data-testid="lesson-show-me-problem" role="alert">
          {t('lesson.showMeFailed', { problem: showMe.problem })}
        </p>
      )}
    </div>
  );
}
