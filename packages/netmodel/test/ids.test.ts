import { NOTES_TOPOLOGY } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { BIND_NOTE_IDS, BINDABLE_IDS, CLAIM_EXPLANATION_IDS, checkNotesClaims, classifyAddress, predictMatrix, REACH_STEP_IDS, resolveBindHost, startListeners } from '../src/index.ts';
import type { BindableId, BindNoteId, Os, ReachStepId } from '../src/index.ts';

/** The ids a page keys its translations on: every English sentence has one, and they add up to the English. */
describe('stable ids for the English text', () => {
  it('a prediction’s steps are its story, sentence by sentence', () => {
    const seen = new Set<ReachStepId>();
    for (const os of ['linux', 'macos', 'windows'] as Os[]) {
      for (const hosts of [['127.0.0.1'], ['192.168.0.1'], ['0.0.0.0'], ['::'], ['::1'], ['localhost'], ['192.168.0.1', '10.10.152.8']]) {
        for (const localhost of [['127.0.0.1'], ['::1', '127.0.0.1'], []]) {
          const m = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts, port: 7000 }, os, { localhost });
          for (const cell of m.rows.flatMap((r) => r.cells)) {
            const p = cell.prediction;
            expect(p.steps.length).toBeGreaterThan(0);
            expect(p.steps.map((s) => s.text).join(' ')).toBe(p.why);
            for (const s of p.steps) {
              expect(REACH_STEP_IDS).toContain(s.id);
              seen.add(s.id);
            }
          }
        }
      }
    }
    for (const id of ['zero-is-loopback', 'zero-windows', 'loopback-self', 'own-address', 'weak-host-accept', 'strong-host-drop', 'listener-match', 'nothing-listens', 'loopback-only', 'not-covered', 'localhost-means', 'localhost-tries', 'localhost-none'] as ReachStepId[]) {
      expect(seen, id).toContain(id);
    }
  });

  it('every bindable answer has its id', () => {
    const hosts = ['192.168.0.1/24', '10.10.152.8/24'];
    const seen = new Set<BindableId>();
    for (const [text, prefix] of [['192.168.0.1'], ['192.168.0.9'], ['0.0.0.0'], ['127.0.0.1'], ['0.1.2.3'], ['224.0.0.1'], ['255.255.255.255'], ['192.168.0.255', 24], ['::'], ['::1'], ['ff02::1'], ['::ffff:192.168.0.1'], ['fe80::1']] as [string, number?][]) {
      const c = classifyAddress(text, prefix, hosts);
      if (!c.ok) throw new Error(text);
      expect(BINDABLE_IDS).toContain(c.bindable.id);
      seen.add(c.bindable.id);
      if (c.bindable.id === 'ipv4-mapped' || c.bindable.id === 'link-local') expect(c.bindable.inner).toBeDefined();
    }
    expect([...seen].sort()).toEqual([...BINDABLE_IDS].sort());
  });

  it('every notes claim says which explanation it got', () => {
    const checks = checkNotesClaims();
    for (const c of checks) expect(CLAIM_EXPLANATION_IDS).toContain(c.explanationId);
    const zero = checks.find((c) => c.claim.binds[0] === '192.168.0.1' && c.claim.client === 'pc1' && c.claim.target === '0.0.0.0');
    expect(zero?.explanationId).toBe('wrong-zero-is-loopback');
    expect(checks.some((c) => c.explanationId === 'right-weak-host-connects')).toBe(true);
  });

  it('every bind note and clash has its id', () => {
    const seen = new Set<BindNoteId>();
    for (const typed of ['', 'localhost', 'nope', '0.0.0.0', '::', '::1', '192.168.0.1']) seen.add(resolveBindHost(typed).noteId);
    seen.add(resolveBindHost('localhost', []).noteId);
    expect([...seen].sort()).toEqual([...BIND_NOTE_IDS].sort());
    const starts = startListeners(NOTES_TOPOLOGY, 'pc1', ['127.0.0.1', '127.0.0.1', '::1']);
    expect(starts.map((l) => l.clash?.whyId ?? null)).toEqual([null, 'taken', null]);
    expect(starts[2]?.status).toBe('listening');
    expect(startListeners(NOTES_TOPOLOGY, 'pc1', ['0.0.0.0', '192.168.0.1'])[1]?.clash?.whyId).toBe('overlap');
  });
});
