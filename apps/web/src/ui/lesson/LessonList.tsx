import type { Lesson } from '@socket-playground/lessons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lessonProgress, type Progress } from '../../lessons/lesson-progress.ts';
import { useLessonLang, useLessons } from './lesson-context.ts';

/** Every lesson: its number, title and how many of its steps are done. Folded while a lesson is open. */
export function LessonList({ lessons, progress, openId }: { lessons: readonly Lesson[]; progress: Progress; openId: string | null }) {
  const { t } = useTranslation();
  const lang = useLessonLang();
  const controller = useLessons();
  // Open while no lesson is; folds once one is picked (the learner may open it again at any time).
  const [shown, setShown] = useState(openId === null);
  const pick = (id: string) => {
    setShown(false);
    controller.open(id);
  };
  return (
    <details className="lesson-list" data-testid="lesson-list" open={shown} onToggle={(e) => setShown(e.currentTarget.open)}>
      <summary data-testid="lesson-list-toggle">{t('lesson.lessons')}</summary>
      <ol className="lesson-items">
        {lessons.map((lesson) => {
          const { done, total } = lessonProgress(progress, lesson);
          const current = lesson.id === openId;
          return (
            <li key={lesson.id}>
              <button
                type="button"
                className={current ? 'lesson-item lesson-item-on' : 'lesson-item'}
                data-testid="lesson-item"
                data-lesson={lesson.id}
                aria-current={current ? 'step' : undefined}
                onClick={() => pick(lesson.id)}
              >
                <span className="lesson-item-number">{lesson.number}</span>
                <span className="lesson-item-title">{lesson.title[lang]}</span>
                <span className={done === total ? 'lesson-item-progress lesson-item-done' : 'lesson-item-progress'} aria-label={t('lesson.progress', { done, total })}>
                  {done === total ? '✓' : `${done}/${total}`}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
