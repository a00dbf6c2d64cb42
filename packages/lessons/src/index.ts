export type { Action, Choice, EventMatch, Goal, Lang, Lesson, Question, Step, Text, View } from './lesson-types.ts';
export { eventMatches, goalMet, type GoalContext } from './goals.ts';
export { runShowMe, type ShowMeHost, type ShowMeResult } from './show-me.ts';
export { LESSONS } from './lessons/index.ts';
