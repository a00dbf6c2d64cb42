import type { Lesson } from '../lesson-types.ts';
import { echoLesson } from './echo.ts';

/** The curriculum, in order. A new lesson is one file in this folder plus one line here. */
export const LESSONS: readonly Lesson[] = [echoLesson].sort((a, b) => a.number - b.number);
