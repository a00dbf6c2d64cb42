/**
 * Every lesson can be solved: each step's "show me" runs against a real bridge, like the page
 * runs it, and the step's goal must then be met by what really happened. A lesson whose solution
 * does not work fails here. Servers move to free ports (port 0) so tests can run side by side.
 */
import { describe, expect, it } from 'vitest';
import { goalMet, LESSONS, runShowMe, type GoalContext, type ShowMeHost } from '@socket-playground/lessons';
import type { LabState, Reply } from '@socket-playground/protocol';
import { PageClient, startTestBridge, trackResources, until } from './helpers.ts';

const defer = trackResources();

function latestState(page: PageClient, initial: LabState): LabState {
  for (let i = page.messages.length - 1; i >= 0; i--) {
    const m = page.messages[i];
    if (m?.type === 'state') return m.state;
  }
  return initial;
}

describe.each(LESSONS.map((lesson) => [lesson.number, lesson.id, lesson] as const))('lesson %i (%s)', (_n, _id, lesson) => {
  it('every step is solved by its show-me', { timeout: 60_000 }, async () => {
    const bridge = await startTestBridge(defer);
    const page = await PageClient.connect(bridge, defer);
    const welcome = await page.hello();
    let answered = false;
    let read = false;
    const host: ShowMeHost = {
      command: (command) => page.request(command as { type: string }) as Promise<Reply>,
      open: () => {},
      answer: (choices) => {
        answered = true;
        void choices;
      },
      read: () => (read = true),
      stepperReady: async (stepperId) => {
        await until(() => {
          const s = latestState(page, welcome.state).steppers.find((x) => x.stepperId === stepperId);
          return s && (s.finished || (s.next !== null && s.blockedIn === null) || s.blockedIn !== null) ? true : undefined;
        }, `stepper ${stepperId} to be ready`);
      },
      stepperPort: (stepperId) => latestState(page, welcome.state).steppers.find((x) => x.stepperId === stepperId)?.listening?.port,
    };
    for (const step of lesson.steps) {
      answered = false;
      read = false;
      const sinceSeq = page.events.at(-1)?.seq ?? 0;
      const result = await runShowMe(step.showMe, host, { serverPort: 0 });
      expect(result.problem, `${lesson.id}/${step.id}: show-me refused`).toBeUndefined();
      if (step.question && step.showMe.some((a) => a.do === 'answer')) {
        const answer = step.showMe.find((a) => a.do === 'answer');
        expect(answer?.do === 'answer' && [...answer.choices].sort()).toEqual([...step.question.correct].sort());
      }
      // Events and state arrive a moment after the replies.
      const context = (): GoalContext => ({ events: page.events, sinceSeq, state: latestState(page, welcome.state), matrices: result.matrices, demos: result.demos, apps: result.apps, answered, read });
      await until(() => (goalMet(step.goal, context()) ? true : undefined), `${lesson.id}/${step.id}: the goal to be met`, 10_000);
    }
  });
});
