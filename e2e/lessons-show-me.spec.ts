import { expect, test, type Page } from '@playwright/test';
import { LESSONS, type Lesson } from '../packages/lessons/src/index.ts';
import { startBridgeProcess, type BridgeProcess } from './bridge-process.ts';

/**
 * Every lesson done through the page, as a learner who presses "Show me" at each step: the page
 * runs the solution for real through the bridge and must see each goal met. Lessons 1–3 and the
 * who-can-connect lesson also in 中文, with a hint. (apps/bridge/test/lessons-solvable.test.ts
 * proves the same without a browser; this proves the page's own show-me, goals and navigation.)
 */
test.describe('every lesson, by "Show me", in the page', () => {
  test.setTimeout(180_000);
  let bridge: BridgeProcess;
  test.beforeEach(async () => {
    bridge = await startBridgeProcess();
  });
  test.afterEach(async () => {
    await bridge.stop();
  });

  const han = /[\u4e00-\u9fff]/;

  async function open(page: Page, lang: 'en' | 'zh'): Promise<void> {
    // Stored preferences as a returning learner has them: no welcome, the chosen language.
    await page.addInitScript((l) => localStorage.setItem('socket-playground.lang', l), lang);
    await page.goto(bridge.url);
    await expect(page.getByTestId('connection-status')).toContainText(/Connected|已连接/);
  }

  async function doLesson(page: Page, lesson: Lesson, lang: 'en' | 'zh', useHint: boolean): Promise<void> {
    const first = lesson.steps[0]!;
    await page.evaluate((hash) => (location.hash = hash), `#/lesson/${lesson.id}/${first.id}`);
    for (const [i, s] of lesson.steps.entries()) {
      const step = page.getByTestId('lesson-step');
      await expect(step, `${lesson.id}: step ${s.id}`).toHaveAttribute('data-step', s.id);
      await expect(page.getByTestId('lesson-body')).toContainText(lang === 'zh' ? han : /[a-z]/);
      if (useHint && i === 0 && s.hints.length > 0) {
        await page.getByTestId('lesson-hint-next').click();
        await expect(page.getByTestId('lesson-hint')).toHaveCount(1);
      }
      const goal = page.getByTestId('lesson-goal');
      if (s.question) {
        // A question is answered by the learner (a predict step then offers "Show me" to run it).
        for (const id of s.question.correct) await page.locator(`[data-testid="lesson-choice"][data-choice="${id}"]`).click();
        await page.getByTestId('lesson-answer').click();
        await expect(page.getByTestId('lesson-feedback')).toHaveAttribute('data-right', 'true');
      }
      if (!s.question) await page.getByTestId('lesson-show-me').click();
      // Predict-then-run: the lab may already be re-running for the step's bind, which meets the goal
      // and retires "Show me"; otherwise "Show me" runs it. Either way the goal must be met below.
      else if (s.question.predict && (await goal.getAttribute('data-met')) !== 'true') await page.getByTestId('lesson-show-me').click({ timeout: 3000 }).catch(() => {});
      await expect(goal, `${lesson.id}/${s.id}: goal met by "Show me"`).toHaveAttribute('data-met', 'true', { timeout: 30_000 });
      await expect(page.getByTestId('lesson-show-me-problem')).toHaveCount(0);
      if (i < lesson.steps.length - 1) await page.getByTestId('lesson-next').click();
    }
    // The lesson counts as done in the list.
    await page.getByTestId('lesson-list-toggle').click();
    await expect(page.locator(`[data-testid="lesson-item"][data-lesson="${lesson.id}"]`)).toContainText('✓');
    await page.getByTestId('lesson-list-toggle').click();
  }

  const core = ['what-is-a-socket', 'tcp-call-flow', 'echo', 'who-can-connect'];
  const lessonsOf = (ids: readonly string[]) => ids.map((id) => LESSONS.find((l) => l.id === id)).filter((l): l is Lesson => l !== undefined);

  for (const lang of ['en', 'zh'] as const) {
    test(`lessons 1–3 and who can connect, in ${lang === 'en' ? 'English' : '中文'}, with a hint`, async ({ page }, testInfo) => {
      await open(page, lang);
      const lessons = lessonsOf(core);
      expect(lessons.map((l) => l.id)).toEqual(core);
      for (const lesson of lessons) await doLesson(page, lesson, lang, true);
      await page.screenshot({ path: testInfo.outputPath(`lessons-core-${lang}.png`) });
    });
  }

  test('every other lesson, in English', async ({ page }) => {
    await open(page, 'en');
    for (const lesson of LESSONS.filter((l) => !core.includes(l.id))) await doLesson(page, lesson, 'en', false);
  });
});
