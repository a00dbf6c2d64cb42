import { NOTES_TOPOLOGY, type MatrixCell, type MatrixResult } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { disagreementNote, shortWhy } from '../src/netlab/cell-why.ts';
import { formatLatency, isModelled, matrixSummary, matrixView, outcomeText, type ModelFn } from '../src/netlab/matrix-view.ts';
import { listenerChips } from '../src/netlab/listener-chips.ts';
import { modelBind, ruleLine } from '../src/netlab/model.ts';
import { cellKey, cycleGuess, guessOf, scoreGuesses, scoreText, setGuess, verdict } from '../src/netlab/predict.ts';

const bind = (hosts: string[], port = 65432) => ({ hosts, port });

function result(cells: MatrixCell[], mode: MatrixResult['mode'] = 'namespaces'): MatrixResult {
  return { serverHost: 'pc1', bind: bind(['0.0.0.0']), listeners: [{ host: 'pc1', requested: '0.0.0.0', address: '0.0.0.0', port: 65432 }], cells, mode, durationMs: 20 };
}

describe('guesses', () => {
  it('reads an outcome in the learner’s four words', () => {
    expect(guessOf('connected')).toBe('connects');
    expect(guessOf('ECONNREFUSED')).toBe('refused');
    expect(guessOf('EHOSTUNREACH')).toBe('unreachable');
    expect(guessOf('ENETUNREACH')).toBe('unreachable');
    expect(guessOf('EADDRNOTAVAIL')).toBe('unreachable');
    expect(guessOf('ETIMEDOUT')).toBe('times-out');
    expect(guessOf('not-run')).toBeNull();
  });

  it('cycles through the guesses and back to blank', () => {
    const seen = [];
    let g = cycleGuess(undefined);
    while (g) {
      seen.push(g);
      g = cycleGuess(g);
    }
    expect(seen).toEqual(['connects', 'refused', 'unreachable', 'times-out']);
  });

  it('sets and clears one guess without touching the others', () => {
    const a = setGuess({}, 'pc1→127.0.0.1', 'connects');
    const b = setGuess(a, 'pc2→127.0.0.1', 'refused');
    expect(setGuess(b, 'pc1→127.0.0.1', undefined)).toEqual({ 'pc2→127.0.0.1': 'refused' });
    expect(a).toEqual({ 'pc1→127.0.0.1': 'connects' });
  });

  it('scores: blank counts as not right, cells that did not run are left out', () => {
    const cells: MatrixCell[] = [
      { client: 'pc1', target: '127.0.0.1', outcome: 'connected', latencyMs: 1 },
      { client: 'pc1', target: '0.0.0.0', outcome: 'connected', latencyMs: 1 },
      { client: 'pc2', target: '127.0.0.1', outcome: 'ECONNREFUSED', latencyMs: 1 },
      { client: 'pc2', target: '10.10.152.8', outcome: 'ETIMEDOUT', latencyMs: 1500 },
      { client: 'pc2', target: '::1', outcome: 'not-run', latencyMs: 0 },
    ];
    const guesses = { [cellKey('pc1', '127.0.0.1')]: 'connects', [cellKey('pc1', '0.0.0.0')]: 'refused', [cellKey('pc2', '10.10.152.8')]: 'times-out' } as const;
    const score = scoreGuesses(guesses, cells);
    expect(score).toEqual({ right: 2, total: 4, wrong: 1, blank: 1 });
    expect(scoreText(score)).toBe('You got 2 of 4 · 1 left blank');
    expect(scoreText({ right: 11, total: 14, wrong: 3, blank: 0 })).toBe('You got 11 of 14');
    expect(verdict('refused', 'not-run')).toBe('unscored');
  });
});

describe('matrixView', () => {
  const model: ModelFn = (client, target) => ({ outcome: client === 'pc1' ? 'connected' : 'ECONNREFUSED', rule: 'R-X', why: `${client}/${target}`, steps: [] });
  const base = { clients: ['pc1', 'pc2'], targets: ['127.0.0.1', '192.168.0.1'], model, predicting: false, scored: false, guesses: {} };

  it('shows the model, labelled modelled, before anything ran', () => {
    const rows = matrixView({ ...base, result: null });
    expect(rows.flat().every((c) => c.shows === 'model' && c.modelled && !c.disagree)).toBe(true);
    expect(rows[0]![0]!.outcome).toBe('connected');
  });

  it('hides every answer while the learner guesses', () => {
    const rows = matrixView({ ...base, result: result([]), predicting: true, guesses: { 'pc1→127.0.0.1': 'refused' } });
    expect(rows.flat().every((c) => c.shows === 'guess' && c.outcome === null)).toBe(true);
    expect(rows[0]![0]!.guess).toBe('refused');
  });

  it('marks a real outcome that differs from the model, and scores guesses once run', () => {
    const cells: MatrixCell[] = [
      { client: 'pc1', target: '127.0.0.1', outcome: 'connected', latencyMs: 1 },
      { client: 'pc1', target: '192.168.0.1', outcome: 'ECONNREFUSED', latencyMs: 1 },
      { client: 'pc2', target: '127.0.0.1', outcome: 'ECONNREFUSED', latencyMs: 1 },
      { client: 'pc2', target: '192.168.0.1', outcome: 'ECONNREFUSED', latencyMs: 1 },
    ];
    const rows = matrixView({ ...base, result: result(cells), predicting: true, scored: true, guesses: { 'pc2→127.0.0.1': 'connects' } });
    const flat = rows.flat();
    expect(flat.filter((c) => c.disagree).map((c) => c.key)).toEqual(['pc1→192.168.0.1']);
    expect(flat.find((c) => c.key === 'pc2→127.0.0.1')!.verdict).toBe('wrong');
    expect(flat.find((c) => c.key === 'pc1→127.0.0.1')!.verdict).toBe('blank');
    expect(matrixSummary(rows)).toEqual({ connected: 1, total: 4, disagree: 1, modelled: 0 });
  });

  it('never calls a modelled cell a disagreement', () => {
    const cells: MatrixCell[] = [
      { client: 'pc1', target: '192.168.0.1', outcome: 'ECONNREFUSED', latencyMs: 1 },
      { client: 'pc2', target: '192.168.0.1', outcome: 'connected', latencyMs: 0, modelled: true, rule: 'R-LISTENER-MATCH' },
    ];
    const single = result(cells, 'single-host');
    expect(isModelled(single, cells[0]!)).toBe(false);
    expect(isModelled(single, cells[1]!)).toBe(true);
    expect(isModelled(result(cells), cells[1]!)).toBe(true);
    // A cell without the flag: in single-host mode, only the server host's own cells can have run.
    expect(isModelled(single, { client: 'pc2', target: '127.0.0.1', outcome: 'ECONNREFUSED', latencyMs: 0 })).toBe(true);
    expect(isModelled(single, { client: 'pc1', target: '127.0.0.1', outcome: 'connected', latencyMs: 1 })).toBe(false);
    const rows = matrixView({ ...base, targets: ['192.168.0.1'], result: single });
    expect(rows.flat().map((c) => [c.modelled, c.disagree])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('words outcomes and latencies', () => {
    expect(outcomeText('connected', true)).toBe('✓ echoed');
    expect(outcomeText('connected', false)).toBe('✓ connected, echo lost');
    expect(outcomeText('EHOSTUNREACH')).toBe('EHOSTUNREACH');
    expect(formatLatency(0.31)).toBe('0.3 ms');
    expect(formatLatency(42.4)).toBe('42 ms');
    expect(formatLatency(1500)).toBe('1.5 s');
  });
});

describe('the model behind the cells (netmodel)', () => {
  it('predicts the notes’ 0.0.0.0 case, pc2 → 10.10.152.8 by the weak host model', () => {
    const m = modelBind(NOTES_TOPOLOGY, 'pc1', bind(['0.0.0.0']));
    expect(m.cell('pc2', '10.10.152.8')).toMatchObject({ outcome: 'connected', rule: 'R-WEAK-HOST' });
    expect(m.cell('pc2', '127.0.0.1')).toMatchObject({ outcome: 'ECONNREFUSED', why: 'that is pc2 itself: nothing listens there (RST)' });
    expect(m.cell('pc1', '0.0.0.0')!.why).toBe('Linux sends connect() to 0.0.0.0 to 127.0.0.1');
    expect(m.cell('pc1', '192.168.0.1')!.why).toContain('matched the listener on 0.0.0.0');
    expect(m.cell('pc9', '127.0.0.1')).toBeNull();
  });

  it('lets the second of 0.0.0.0 and :: fail with EADDRINUSE', () => {
    const m = modelBind(NOTES_TOPOLOGY, 'pc1', bind(['0.0.0.0', '::']));
    expect(m.listeners.map((l) => l.status)).toEqual(['listening', 'EADDRINUSE']);
    expect(m.cell('pc1', '::1')!.outcome).toBe('ECONNREFUSED');
  });

  it('knows each rule’s general statement', () => {
    expect(ruleLine('R-WEAK-HOST')).toContain('weak host model');
    expect(ruleLine('nope')).toBeNull();
  });

  it('keeps the short why short', () => {
    const w = shortWhy({ rule: 'R-NO-LISTENER', outcome: 'ECONNREFUSED', listener: null, client: 'pc2', target: '192.168.0.1', reachedHost: 'pc1' });
    expect(w).toBe('nothing listens there: the kernel answered RST');
    expect(shortWhy({ rule: 'R-LISTENER-MATCH', outcome: 'connected', listener: '0.0.0.0', client: 'pc2', target: '192.168.0.1', reachedHost: 'pc1' })).toBe('matched the listener on 0.0.0.0');
    expect(disagreementNote('ETIMEDOUT', 'EHOSTUNREACH')).toContain('ARP');
    expect(disagreementNote('connected', 'ECONNREFUSED')).toContain('bug in the model');
  });
});

describe('listener chips', () => {
  const plan = modelBind(NOTES_TOPOLOGY, 'pc1', bind(['0.0.0.0', '::'])).listeners;
  const noteOf = (l: { note: string }) => `model: ${l.note}`;
  const run = (listeners: MatrixResult['listeners']): MatrixResult => ({ ...result([]), bind: bind(['0.0.0.0', '::']), listeners });

  it('before a run: the model’s plan, with its explanation', () => {
    const chips = listenerChips(null, plan, noteOf);
    expect(chips.map((c) => [c.typed, c.error])).toEqual([
      ['0.0.0.0', null],
      ['::', 'EADDRINUSE'],
    ]);
    expect(chips.every((c) => c.note?.startsWith('model: '))).toBe(true);
  });

  it('after a run the model foresaw: the real ports, the model’s explanation', () => {
    const chips = listenerChips(run([{ host: 'pc1', requested: '0.0.0.0', address: '0.0.0.0', port: 65432 }, { host: 'pc1', requested: '::', errorCode: 'EADDRINUSE', message: 'listen EADDRINUSE' }]), plan, noteOf);
    expect(chips.map((c) => [c.typed, c.port, c.error])).toEqual([
      ['0.0.0.0', 65432, null],
      ['::', null, 'EADDRINUSE'],
    ]);
    expect(chips.map((c) => c.note)).toEqual(plan.map((l) => `model: ${l.note}`));
  });

  it('where the run and the model disagree, the run’s own message (or none), never the model’s words', () => {
    const chips = listenerChips(run([{ host: 'pc1', requested: '0.0.0.0', errorCode: 'EACCES', message: 'listen EACCES: permission denied' }, { host: 'pc1', requested: '::', address: '::', port: 65432 }]), plan, noteOf);
    expect(chips.map((c) => c.note)).toEqual(['listen EACCES: permission denied', null]);
  });
});
