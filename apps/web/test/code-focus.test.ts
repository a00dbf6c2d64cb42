import { describe, expect, it } from 'vitest';
import type { StepperInfo } from '@socket-playground/protocol';
import { codeHighlight, codeParams, focusEvent } from '../src/code/code-focus.ts';
import { DEFAULT_CODE_PARAMS } from '../src/code/programs.ts';
import { buildFlow } from '../src/flow/flow-model.ts';
import { echoSession, ep, Recorder } from './flow-fixtures.ts';

const base = { selectedSeq: null, selectedLane: null, cursor: null, focusStepper: null };

describe('which call the code points at', () => {
  const { r } = echoSession();
  const visible = r.events;
  const model = buildFlow(visible);

  it('is the selected call first, else the replay’s, the lane’s, the stepper’s, the newest', () => {
    expect(focusEvent({ ...base, visible, model })?.seq).toBe(14);
    expect(focusEvent({ ...base, visible, model, selectedSeq: 6 })?.seq).toBe(6);
    expect(focusEvent({ ...base, visible: visible.slice(0, 5), model, cursor: 5 })?.seq).toBe(5);
    expect(focusEvent({ ...base, visible, model, selectedLane: 'local/srv1' })?.seq).toBe(12);
    expect(focusEvent({ ...base, visible, model, focusStepper: { labHost: 'local', stepperId: 'srv1' } })?.seq).toBe(12);
    // A selection outside what the replay shows does not count.
    expect(focusEvent({ ...base, visible: visible.slice(0, 3), model, selectedSeq: 9, cursor: 3 })?.seq).toBe(3);
    expect(focusEvent({ ...base, visible: [], model: buildFlow([]) })).toBeNull();
  });

  it('becomes a line of the right program', () => {
    const accept = visible.find((e) => e.event.call === 'accept')!;
    expect(codeHighlight(accept, 'python', DEFAULT_CODE_PARAMS)).toMatchObject({ kind: 'server', line: 10, seq: 6 });
    const connect = visible.find((e) => e.event.call === 'connect')!;
    expect(codeHighlight(connect, 'python', DEFAULT_CODE_PARAMS)).toMatchObject({ kind: 'client', line: 7 });
    expect(codeHighlight(connect, 'typescript', DEFAULT_CODE_PARAMS)).toMatchObject({ kind: 'client', line: 7 });
    expect(codeHighlight(null, 'python', DEFAULT_CODE_PARAMS)).toBeNull();
  });
});

describe('the values the programs show', () => {
  const stepper = (patch: Partial<StepperInfo>): StepperInfo => ({
    stepperId: 'step1',
    labHost: 'local',
    program: 'blocking-echo-server',
    next: 'recv',
    blockedIn: null,
    running: false,
    finished: false,
    bufsize: 4,
    target: { host: '127.0.0.1', port: 5000 },
    backlog: 2,
    ...patch,
  });

  it('follow the stepped server and client, bufsize included', () => {
    const server = stepper({ listening: ep(5000) });
    const client = stepper({ stepperId: 'step2', program: 'echo-client', bufsize: 16, backlog: undefined });
    expect(codeParams([server, client], [], { step2: 'hi' }, null)).toEqual({ host: '127.0.0.1', port: 5000, backlog: 2, serverBufsize: 4, clientBufsize: 16, message: 'hi' });
  });

  it('follow the focused server when there are several', () => {
    const a = stepper({ stepperId: 'step1', bufsize: 4 });
    const b = stepper({ stepperId: 'step3', bufsize: 8 });
    expect(codeParams([a, b], [], {}, 'step1').serverBufsize).toBe(4);
    expect(codeParams([a, b], [], {}, null).serverBufsize).toBe(8);
  });

  it('else come from the newest listen() in the events', () => {
    const r = new Recorder();
    r.listen('srv1', 6000, 128, '::1');
    expect(codeParams([], r.events, {}, null)).toEqual({ ...DEFAULT_CODE_PARAMS, host: '::1', port: 6000, backlog: 128 });
    expect(codeParams([], [], {}, null)).toEqual(DEFAULT_CODE_PARAMS);
  });
});
