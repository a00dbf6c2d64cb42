import { goalMet } from '@socket-playground/lessons';
import type { DemoSummary, LabState, MatrixResult, SequencedLabEvent } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { stepperIsReady } from '../src/lessons/show-me-host.ts';
import { beginStep, goalContextOf, isRightAnswer, needsRead, withAnswer, withDemo, withMatrix } from '../src/lessons/step-run.ts';

const EMPTY: LabState = { servers: [], connections: [], steppers: [] };
const listen = (seq: number): SequencedLabEvent => ({ seq, event: { call: 'listen', labHost: 'local', socketId: 's1', role: 'listener', ts: seq } }) as unknown as SequencedLabEvent;

describe('a step run', () => {
  it('counts only events after the step began', () => {
    const before = [listen(1), listen(2)];
    const run = beginStep('echo', 'server', before);
    expect(run.sinceSeq).toBe(2);
    const goal = { kind: 'event', match: { call: 'listen' } } as const;
    expect(goalMet(goal, goalContextOf(run, before, EMPTY))).toBe(false);
    expect(goalMet(goal, goalContextOf(run, [...before, listen(3)], EMPTY))).toBe(true);
    expect(beginStep('echo', 'server', []).sinceSeq).toBe(0);
  });

  it('collects runs once each', () => {
    const matrix = { bind: { hosts: ['0.0.0.0'] } } as unknown as MatrixResult;
    const demo = { demo: 'backlog' } as unknown as DemoSummary;
    let run = beginStep('l', 's', []);
    run = withMatrix(withMatrix(run, matrix), matrix);
    run = withDemo(withDemo(run, demo), demo);
    expect(run.matrices).toHaveLength(1);
    expect(run.demos).toHaveLength(1);
    const ctx = goalContextOf(run, [], EMPTY);
    expect(goalMet({ kind: 'matrix', bind: ['0.0.0.0'] }, ctx)).toBe(true);
    expect(goalMet({ kind: 'demo', demo: 'backlog' }, ctx)).toBe(true);
    expect(goalMet({ kind: 'demo', demo: 'byte-stream' }, ctx)).toBe(false);
  });

  it('checks answers: exactly the right choices, any order; a right answer stays', () => {
    expect(isRightAnswer(['a', 'c'], ['c', 'a'])).toBe(true);
    expect(isRightAnswer(['a', 'c'], ['a'])).toBe(false);
    expect(isRightAnswer(['a'], ['a', 'b'])).toBe(false);
    let run = withAnswer(beginStep('l', 's', []), ['b'], ['a']);
    expect(run.submitted).toEqual({ choices: ['a'], right: false });
    expect(run.answered).toBe(false);
    run = withAnswer(run, ['b'], ['b']);
    expect(run.answered).toBe(true);
    run = withAnswer(run, ['b'], ['a']);
    expect(run.answered).toBe(true);
    expect(goalMet({ kind: 'answered' }, goalContextOf(run, [], EMPTY))).toBe(true);
  });

  it('knows when to offer "Done reading"', () => {
    expect(needsRead({ kind: 'read' })).toBe(true);
    expect(needsRead({ kind: 'all', goals: [{ kind: 'answered' }, { kind: 'read' }] })).toBe(true);
    expect(needsRead({ kind: 'answered' })).toBe(false);
  });

  it('knows when a stepped program can take its next step', () => {
    expect(stepperIsReady(undefined)).toBe(false);
    const base = { finished: false, blockedIn: null, next: null } as const;
    expect(stepperIsReady({ ...base } as never)).toBe(false);
    expect(stepperIsReady({ ...base, next: 'accept' } as never)).toBe(true);
    expect(stepperIsReady({ ...base, blockedIn: 'recv' } as never)).toBe(true);
    expect(stepperIsReady({ ...base, finished: true } as never)).toBe(true);
  });
});
