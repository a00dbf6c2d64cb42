import type { Lang } from '@socket-playground/lessons';
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import type { LessonController } from '../../lessons/lesson-controller.ts';

/** The page's one lesson controller (made in App, outside React's render). */
export const LessonContext = createContext<LessonController | null>(null);

export function useLessons(): LessonController {
  const lessons = useContext(LessonContext);
  if (!lessons) throw new Error('useLessons() outside <LessonContext>');
  return lessons;
}

/** The language lesson text is shown in: the page's. */
export function useLessonLang(): Lang {
  const { i18n } = useTranslation();
  return currentLang(i18n);
}
