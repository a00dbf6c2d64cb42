import { goalMet, runShowMe, type Lesson, type Step, type View } from '@socket-playground/lessons';
import type { AppDone, BindChoice, DemoSummary, MatrixResult, Reply } from '@socket-playground/protocol';
import type { CommandInput, EventLog, Session } from '../bridge/connection-types.ts';
import { Store } from '../bridge/store.ts';
import type { PrefStorage } from '../i18n/prefs.ts';
import { EMPTY_PROGRESS, firstOpenStep, isDone, loadProgress, markDone, resetLesson, saveProgress, type Progress } from './lesson-progress.ts';
import { lessonHash, nextLesson, parseLessonHash, resolveRoute } from './lesson-route.ts';
import { pageShowMeHost } from './show-me-host.ts';
import { beginStep, goalContextOf, withAnswer, withApp, withDemo, withMatrix, type StepRun } from './step-run.ts';

/** What the lessons need from the page (fakes in tests). */
export interface LessonDeps {
  lessons: readonly Lesson[];
  link: { command(command: CommandInput, source: string): Promise<Reply>; readonly session: Store<Session>; readonly events: Store<EventLog> };
  setTab(view: View): void;
  /** The who-can-connect lab: its latest matrix result, and starting it for a step's setup. */
  lab: { isUp(): boolean; start(): Promise<void>; readonly state: Store<{ result: MatrixResult | null; busy: string | null }> };
  /** Pick this bind (and port) in the who-can-connect picker, for a step's setup. */
  preselectBind?(bind: BindChoice): void;
  /** The demonstrations' latest results, by demo. */
  demos: Store<Readonly<Record<string, { summary: DemoSummary | null }>>>;
  /** Application-protocol requests the page made (the Protocol tab), newest last. */
  apps?: { readonly runs: Store<readonly AppDone[]>; add(done: AppDone): void };
  storage: PrefStorage | null;
  setHash(hash: string): void;
}

export type ShowMeStatus =
  | { status: 'idle' }
  | { status: 'running' }
  /** It ran; a server went to another port because the lesson's port was still held. */
  | { status: 'moved'; moves: string }
  | { status: 'failed'; problem: string }
  /** It ran, but the kernel refused some of its calls (e.g. EADDRINUSE: the port is still held). */
  | { status: 'refused'; errors: string };

export interface LessonState {
  progress: Progress;
  /** Nothing was stored: the welcome shows until the learner picks. */
  firstVisit: boolean;
  collapsed: boolean;
  open: { lesson: Lesson; stepIndex: number } | null;
  run: StepRun | null;
  met: boolean;
  showMe: ShowMeStatus;
}

/**
 * The lesson panel's state and actions, outside React like the lab session: which lesson and step
 * are open, the step's run (what counts towards its goal), live goal checking on every event and
 * state change, "Show me", progress in localStorage and the `#/lesson/…` links.
 */
export class LessonController {
  readonly state: Store<LessonState>;
  /** Counts step entries (a re-entered step is a new one): what a running show-me belongs to. */
  private entered = 0;

  constructor(private readonly deps: LessonDeps, hash: string) {
    const stored = loadProgress(deps.storage);
    const progress = stored ?? EMPTY_PROGRESS;
    this.state = new Store<LessonState>({ progress, firstVisit: stored === null, collapsed: false, open: null, run: null, met: false, showMe: { status: 'idle' } });
    const route = parseLessonHash(hash) ?? (progress.sandbox ? null : progress.current);
    const resolved = route ? resolveRoute(deps.lessons, route, (l) => firstOpenStep(progress, l)) : null;
    if (resolved) this.enter(resolved.lesson, resolved.stepIndex, false);
  }

  private patch(patch: Partial<LessonState>): void {
    this.state.update((s) => ({ ...s, ...patch }));
  }

  private setProgress(progress: Progress): void {
    saveProgress(this.deps.storage, progress);
    this.patch({ progress, firstVisit: false });
  }

  step(): Step | null {
    const open = this.state.get().open;
    return open ? (open.lesson.steps[open.stepIndex] ?? null) : null;
  }

  /** Listen to the page: re-check the goal on every change, collect finished runs. Returns the undo. */
  attach(): () => void {
    let lastMatrix = this.deps.lab.state.get().result;
    let lastDemos = this.deps.demos.get();
    let lastApps = this.deps.apps?.runs.get() ?? [];
    const offs = [
      this.deps.link.events.subscribe(() => this.evaluate()),
      this.deps.link.session.subscribe(() => this.evaluate()),
      this.deps.lab.state.subscribe(() => {
        const result = this.deps.lab.state.get().result;
        if (result && result !== lastMatrix && this.countsMatrix()) this.collect((run) => withMatrix(run, result));
        lastMatrix = result;
      }),
      this.deps.demos.subscribe(() => {
        const now = this.deps.demos.get();
        for (const [name, card] of Object.entries(now)) {
          const summary = card.summary;
          if (summary && summary !== lastDemos[name]?.summary) this.collect((run) => withDemo(run, summary));
        }
        lastDemos = now;
      }),
      ...(this.deps.apps
        ? [
            this.deps.apps.runs.subscribe(() => {
              const now = this.deps.apps?.runs.get() ?? [];
              for (const app of now) if (!lastApps.includes(app)) this.collect((run) => withApp(run, app));
              lastApps = now;
            }),
          ]
        : []),
    ];
    this.applySetup();
    this.evaluate();
    return () => offs.forEach((off) => off());
  }

  /** Predict-then-run: a run counts only once the prediction is in (not the one the lab made when it started). */
  private countsMatrix(): boolean {
    return this.step()?.question?.predict !== true || (this.state.get().run?.submitted ?? null) !== null;
  }

  private collect(change: (run: StepRun) => StepRun): void {
    const run = this.state.get().run;
    if (!run) return;
    this.patch({ run: change(run) });
    this.evaluate();
  }

  /** Check the open step's goal against what happened since it began; a met goal is remembered. */
  evaluate(): void {
    const { open, run, progress } = this.state.get();
    const step = this.step();
    if (!open || !run || !step) return;
    const met = goalMet(step.goal, goalContextOf(run, this.deps.link.events.get().entries, this.deps.link.session.get().lab));
    if (met !== this.state.get().met) this.patch({ met });
    if (met && !isDone(progress, open.lesson.id, step.id)) this.setProgress(markDone(progress, open.lesson.id, step.id));
  }

  private enter(lesson: Lesson, stepIndex: number, setup: boolean): void {
    const step = lesson.steps[stepIndex];
    if (!step) return;
    const progress = { ...this.state.get().progress, current: { lessonId: lesson.id, stepId: step.id }, sandbox: false };
    this.entered++;
    this.patch({ open: { lesson, stepIndex }, run: beginStep(lesson.id, step.id, this.deps.link.events.get().entries), met: false, showMe: { status: 'idle' }, collapsed: false });
    this.setProgress(progress);
    this.deps.setHash(lessonHash({ lessonId: lesson.id, stepId: step.id }));
    if (setup) this.applySetup();
    this.evaluate();
  }

  /** The step's setup: open its view, start the who-can-connect lab when it needs it. */
  private applySetup(): void {
    const setup = this.step()?.setup;
    if (!setup) return;
    if (setup.view) this.deps.setTab(setup.view);
    if (setup.bind) this.deps.preselectBind?.(setup.bind);
    if (setup.netlab && !this.deps.lab.isUp() && this.deps.lab.state.get().busy === null) void this.deps.lab.start();
  }

  /** Open a lesson at a step (default: its first step not done yet). */
  open(lessonId: string, stepId: string | null = null): void {
    const resolved = resolveRoute(this.deps.lessons, { lessonId, stepId }, (l) => firstOpenStep(this.state.get().progress, l));
    if (resolved) this.enter(resolved.lesson, resolved.stepIndex, true);
  }

  /** The address bar changed (back, forward, a pasted link). */
  followHash(hash: string): void {
    const route = parseLessonHash(hash);
    const open = this.state.get().open;
    if (!route || (open && open.lesson.id === route.lessonId && this.step()?.id === route.stepId)) return;
    this.open(route.lessonId, route.stepId);
  }

  startFirst(): void {
    const first = this.deps.lessons[0];
    if (first) this.open(first.id, first.steps[0]?.id ?? null);
  }

  setSandbox(on: boolean): void {
    const progress = this.state.get().progress;
    this.setProgress({ ...progress, sandbox: on });
    if (on) {
      this.entered++;
      this.patch({ open: null, run: null, met: false });
      this.deps.setHash('');
    } else if (progress.current) this.open(progress.current.lessonId, progress.current.stepId);
    else this.startFirst();
  }

  setCollapsed(collapsed: boolean): void {
    this.patch({ collapsed });
  }

  next(): void {
    const open = this.state.get().open;
    if (!open) return;
    if (open.stepIndex + 1 < open.lesson.steps.length) this.enter(open.lesson, open.stepIndex + 1, true);
    else {
      const after = nextLesson(this.deps.lessons, open.lesson.id);
      if (after) this.open(after.id, after.steps[0]?.id ?? null);
    }
  }

  reset(): void {
    const open = this.state.get().open;
    if (!open) return;
    this.setProgress(resetLesson(this.state.get().progress, open.lesson.id));
    this.enter(open.lesson, 0, true);
  }

  revealHint(): void {
    const run = this.state.get().run;
    const step = this.step();
    if (run && step && run.hints < step.hints.length) this.patch({ run: { ...run, hints: run.hints + 1 } });
  }

  answer(choices: readonly string[]): void {
    const step = this.step();
    if (step?.question) this.collect((run) => withAnswer(run, step.question?.correct ?? [], choices));
  }

  read(): void {
    this.collect((run) => ({ ...run, read: true }));
  }

  /** Perform the step's solution for real; its runs count towards the step it was started in. */
  async showMe(): Promise<void> {
    const step = this.step();
    const started = this.state.get().run;
    if (!step || !started || this.state.get().showMe.status === 'running') return;
    this.patch({ showMe: { status: 'running' } });
    const session = this.deps.link.session;
    // A show-me outlives its step when the learner presses Next while it waits for the bridge: from
    // then on it must not answer, read or run anything for the step that is open now.
    const entered = this.entered;
    const stale = () => this.entered !== entered;
    const host = pageShowMeHost({
      command: (command, source) => this.deps.link.command(command, source),
      lab: { get: () => session.get().lab, subscribe: session.subscribe },
      open: (view) => this.deps.setTab(view),
      answer: (choices) => {
        if (!stale()) this.answer(choices);
      },
      read: () => {
        if (!stale()) this.read();
      },
      stale,
    });
    const result = await runShowMe(step.showMe, host, { movePortsInUse: true });
    if (stale()) return;
    // The show-me answers before it runs: its matrices count.
    for (const m of result.matrices) this.collect((run) => withMatrix(run, m));
    for (const d of result.demos) this.collect((run) => withDemo(run, d));
    // Its requests go to the page's list (the Protocol tab shows them); that list's listener counts them.
    for (const a of result.apps ?? []) {
      if (this.deps.apps) this.deps.apps.add(a);
      else this.collect((run) => withApp(run, a));
    }
    // Older lesson packages have no kernelErrors.
    const refused = (result.kernelErrors ?? []).map((e) => `${e.code} (${e.type})`).join(', ');
    const moves = result.movedPorts.map((m) => (m.to === 0 ? `${m.from} → ?` : `${m.from} → ${m.to}`)).join(', ');
    this.patch({
      showMe: !result.ok
        ? { status: 'failed', problem: result.problem ?? '' }
        : refused
          ? { status: 'refused', errors: refused }
          : moves
            ? { status: 'moved', moves }
            : { status: 'idle' },
    });
  }
}
