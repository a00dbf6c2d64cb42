import type { Lesson, View } from '@socket-playground/lessons';
import type { BindChoice, DemoSummary, MatrixResult, Reply, SequencedLabEvent } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import type { CommandInput, EventLog, Session } from '../src/bridge/connection-types.ts';
import { Store } from '../src/bridge/store.ts';
import { LessonController } from '../src/lessons/lesson-controller.ts';
import { PROGRESS_KEY } from '../src/lessons/lesson-progress.ts';

const text = (s: string) => ({ en: s, zh: `中${s}` });
const LESSONS: Lesson[] = [
  {
    id: 'intro',
    number: 1,
    title: text('intro'),
    summary: text('intro'),
    steps: [{ id: 'read', title: text('read'), body: text('read'), goal: { kind: 'read' }, hints: [text('h1'), text('h2')], showMe: [{ do: 'read' }] }],
  },
  {
    id: 'echo',
    number: 3,
    title: text('echo'),
    summary: text('echo'),
    steps: [
      { id: 'server', title: text('s'), body: text('s'), setup: { view: 'list' }, goal: { kind: 'event', match: { call: 'listen' } }, hints: [], showMe: [{ do: 'command', command: { type: 'server.start', host: '127.0.0.1', port: 65432, backlog: 128 } }] },
      {
        id: 'predict',
        title: text('p'),
        body: text('p'),
        setup: { view: 'lab', netlab: true, bind: { hosts: ['0.0.0.0'], port: 65432 } },
        goal: { kind: 'all', goals: [{ kind: 'answered' }, { kind: 'matrix', bind: ['0.0.0.0'] }] },
        hints: [],
        question: { prompt: text('q'), choices: [{ id: 'a', text: text('a') }, { id: 'b', text: text('b') }], correct: ['b'], explain: text('why'), predict: true },
        showMe: [{ do: 'answer', choices: ['b'] }],
      },
    ],
  },
  {
    id: 'quiz',
    number: 4,
    title: text('quiz'),
    summary: text('quiz'),
    steps: [
      {
        id: 'slow',
        title: text('slow'),
        body: text('slow'),
        goal: { kind: 'event', match: { call: 'listen' } },
        hints: [],
        // Like the who-can-connect lesson's first step: a long command, then an answer.
        showMe: [{ do: 'command', command: { type: 'netlab.start' } }, { do: 'answer', choices: ['b'] }, { do: 'read' }],
      },
      {
        id: 'ask',
        title: text('ask'),
        body: text('ask'),
        goal: { kind: 'answered' },
        hints: [],
        question: { prompt: text('q'), choices: [{ id: 'a', text: text('a') }, { id: 'b', text: text('b') }], correct: ['a'], explain: text('why') },
        showMe: [{ do: 'answer', choices: ['a'] }],
      },
    ],
  },
];

function fakePage(stored: Record<string, string> = {}) {
  const items = new Map(Object.entries(stored));
  const events = new Store<EventLog>({ entries: [], discarded: 0, missed: 0, originTs: null });
  const session = new Store<Session>({ bridgeId: 'b', privileged: false, labHosts: [], lab: { servers: [], connections: [], steppers: [] }, restarted: false });
  const labState = new Store<{ result: MatrixResult | null; busy: string | null }>({ result: null, busy: null });
  const demos = new Store<Record<string, { summary: DemoSummary | null }>>({});
  const sent: CommandInput[] = [];
  const tabs: View[] = [];
  const binds: BindChoice[] = [];
  let hash = '';
  let labStarts = 0;
  /** While set, commands wait until `release()` (a bridge that takes its time). */
  let held: (() => void)[] | null = null;
  let seq = 0;
  const emit = (call: string) => {
    seq++;
    const event = { seq, event: { call, labHost: 'local', socketId: 's1', role: 'listener', ts: seq } } as unknown as SequencedLabEvent;
    events.update((log) => ({ ...log, entries: [...log.entries, event] }));
  };
  const controller = (initialHash = '') =>
    new LessonController(
      {
        lessons: LESSONS,
        link: {
          command: (command: CommandInput): Promise<Reply> => {
            sent.push(command);
            emit('listen');
            const reply = { type: 'reply', reqId: 1, ok: true, result: { kind: 'ok' } } as unknown as Reply;
            const waiting = held;
            return waiting ? new Promise<Reply>((resolve) => waiting.push(() => resolve(reply))) : Promise.resolve(reply);
          },
          events,
          session,
        },
        setTab: (v) => tabs.push(v),
        lab: {
          isUp: () => false,
          start: () => {
            labStarts++;
            return Promise.resolve();
          },
          state: labState,
        },
        preselectBind: (b) => binds.push(b),
        demos,
        storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) },
        setHash: (h) => (hash = h),
      },
      initialHash,
    );
  const hold = () => (held = []);
  const release = () => {
    const waiting = held ?? [];
    held = null;
    waiting.forEach((go) => go());
  };
  return { items, events, labState, sent, tabs, binds, emit, controller, hold, release, hash: () => hash, labStarts: () => labStarts };
}

describe('the lesson controller', () => {
  it('first visit: nothing open, the welcome; starting opens lesson 1 and remembers it', () => {
    const page = fakePage();
    const c = page.controller();
    expect(c.state.get().firstVisit).toBe(true);
    expect(c.state.get().open).toBeNull();
    c.startFirst();
    expect(c.state.get().open?.lesson.id).toBe('intro');
    expect(c.state.get().firstVisit).toBe(false);
    expect(page.hash()).toBe('#/lesson/intro/read');
    expect(page.items.get(PROGRESS_KEY)).toContain('"current"');
  });

  it('checks the goal live, only with events after the step began, and records it done', () => {
    const page = fakePage();
    page.emit('listen');
    const c = page.controller('#/lesson/echo/server');
    const detach = c.attach();
    expect(page.tabs).toEqual(['list']);
    expect(c.state.get().met).toBe(false);
    page.emit('socket');
    expect(c.state.get().met).toBe(false);
    page.emit('listen');
    expect(c.state.get().met).toBe(true);
    expect(c.state.get().progress.done.echo).toEqual(['server']);
    c.next();
    expect(c.step()?.id).toBe('predict');
    expect(c.state.get().met).toBe(false);
    detach();
  });

  it('predict-then-run: the setup picks the bind and starts the lab; only a run after the answer counts', () => {
    const page = fakePage();
    const c = page.controller('#/lesson/echo/predict');
    const detach = c.attach();
    expect(page.binds).toEqual([{ hosts: ['0.0.0.0'], port: 65432 }]);
    expect(page.labStarts()).toBe(1);
    const matrix = (): MatrixResult => ({ bind: { hosts: ['0.0.0.0'], port: 65432 } }) as unknown as MatrixResult;
    page.labState.set({ result: matrix(), busy: null });
    expect(c.state.get().run?.matrices).toHaveLength(0);
    c.answer(['a']);
    expect(c.state.get().run?.submitted?.right).toBe(false);
    page.labState.set({ result: matrix(), busy: null });
    expect(c.state.get().run?.matrices).toHaveLength(1);
    expect(c.state.get().met).toBe(false);
    c.answer(['b']);
    expect(c.state.get().met).toBe(true);
    detach();
  });

  it('hints one at a time; show me; reset; sandbox; progress survives a reload', async () => {
    const page = fakePage();
    const c = page.controller('#/lesson/echo/server');
    const detach = c.attach();
    c.revealHint();
    expect(c.state.get().run?.hints).toBe(0);
    await c.showMe();
    expect(page.sent).toEqual([{ type: 'server.start', host: '127.0.0.1', port: 65432, backlog: 128 }]);
    expect(c.state.get().met).toBe(true);
    expect(c.state.get().showMe).toEqual({ status: 'idle' });
    c.open('intro');
    c.revealHint();
    c.revealHint();
    c.revealHint();
    expect(c.state.get().run?.hints).toBe(2);
    c.read();
    expect(c.state.get().met).toBe(true);
    detach();

    const again = fakePage(Object.fromEntries(page.items)).controller();
    expect(again.state.get().firstVisit).toBe(false);
    expect(again.state.get().open?.lesson.id).toBe('intro');
    expect(again.state.get().progress.done).toEqual({ echo: ['server'], intro: ['read'] });
    again.open('echo');
    // The first step not done yet.
    expect(again.step()?.id).toBe('predict');
    again.reset();
    expect(again.step()?.id).toBe('server');
    expect(again.state.get().progress.done.echo).toBeUndefined();
    again.setSandbox(true);
    expect(again.state.get().open).toBeNull();
    expect(again.state.get().progress.sandbox).toBe(true);
    again.setSandbox(false);
    expect(again.step()?.id).toBe('server');
  });

  it('a show-me still waiting for the bridge when the learner moves on answers nothing for the new step', async () => {
    const page = fakePage();
    const c = page.controller('#/lesson/quiz/slow');
    const detach = c.attach();
    page.hold();
    const running = c.showMe();
    expect(c.state.get().showMe).toEqual({ status: 'running' });
    // The goal is met by the listen the command caused; the learner goes on before the reply.
    expect(c.state.get().met).toBe(true);
    c.next();
    expect(c.step()?.id).toBe('ask');
    c.answer(['a']);
    page.release();
    await running;
    expect(c.state.get().run?.submitted).toEqual({ choices: ['a'], right: true });
    expect(c.state.get().run?.read).toBe(false);
    expect(c.state.get().showMe).toEqual({ status: 'idle' });
    expect(page.sent).toEqual([{ type: 'netlab.start' }]);

    // Going back to the same step is a new entry: an old show-me belongs to the old one.
    c.open('quiz', 'slow');
    page.hold();
    const again = c.showMe();
    c.open('quiz', 'ask');
    c.open('quiz', 'slow');
    page.release();
    await again;
    expect(c.state.get().run?.read).toBe(false);
    detach();
  });

  it('follows links to other steps and ignores unknown lessons', () => {
    const page = fakePage();
    const c = page.controller();
    c.followHash('#/lesson/echo/predict');
    expect(c.step()?.id).toBe('predict');
    c.followHash('#/lesson/nope/x');
    expect(c.step()?.id).toBe('predict');
    c.followHash('#token=abc');
    expect(c.step()?.id).toBe('predict');
  });
});
