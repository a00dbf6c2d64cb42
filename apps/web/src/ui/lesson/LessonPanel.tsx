import { useTranslation } from 'react-i18next';
import { useStore } from '../hooks.ts';
import { LessonList } from './LessonList.tsx';
import { LessonStep } from './LessonStep.tsx';
import { useLessonLang, useLessons } from './lesson-context.ts';
import { Welcome } from './Welcome.tsx';
import type { Lesson } from '@socket-playground/lessons';

/**
 * The top of the left column: the guided lesson (list, the open step), folding away to one line;
 * the tools stay below it, always usable. First visit: the welcome instead. Sandbox: one line.
 */
export function LessonPanel({ lessons }: { lessons: readonly Lesson[] }) {
  const { t } = useTranslation();
  const lang = useLessonLang();
  const controller = useLessons();
  const { progress, firstVisit, collapsed, open, run, met, showMe } = useStore(controller.state);

  if (firstVisit && !open) return <Welcome />;
  if (progress.sandbox && !open) {
    return (
      <section className="lesson-sandbox-bar" data-testid="lesson-panel" data-sandbox="true" aria-label={t('lesson.panel')}>
        <span>{t('lesson.sandboxOn')}</span>
        <button type="button" className="link-button" data-testid="lesson-sandbox" aria-pressed="true" onClick={() => controller.setSandbox(false)}>
          {t('lesson.backToLesson')}
        </button>
      </section>
    );
  }
  const lesson = open?.lesson ?? null;
  return (
    <section className="card lesson-panel" data-testid="lesson-panel" data-sandbox="false" aria-labelledby="lesson-panel-title">
      <div className="lesson-head">
        <button
          type="button"
          className="lesson-fold"
          aria-expanded={!collapsed}
          aria-controls="lesson-panel-body"
          data-testid="lesson-collapse"
          title={collapsed ? t('lesson.expand') : t('lesson.collapse')}
          onClick={() => controller.setCollapsed(!collapsed)}
        >
          <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          <span className="sr-only">{collapsed ? t('lesson.expand') : t('lesson.collapse')}</span>
        </button>
        <h2 id="lesson-panel-title" className="lesson-title" data-testid="lesson-title">
          {lesson ? `${lesson.number}. ${lesson.title[lang]}` : t('lesson.chooseLesson')}
        </h2>
        <button type="button" className="link-button lesson-sandbox-link" data-testid="lesson-sandbox" aria-pressed="false" onClick={() => controller.setSandbox(true)}>
          {t('lesson.sandbox')}
        </button>
      </div>
      {!collapsed && (
        <div className="lesson-panel-body" id="lesson-panel-body">
          <LessonList lessons={lessons} progress={progress} openId={lesson?.id ?? null} />
          {lesson && open && run && <LessonStep lessons={lessons} lesson={lesson} stepIndex={open.stepIndex} run={run} met={met} showMe={showMe} />}
          {lesson && (
            <div className="lesson-foot">
              <button type="button" className="link-button" data-testid="lesson-reset" onClick={() => controller.reset()}>
                {t('lesson.reset')}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
