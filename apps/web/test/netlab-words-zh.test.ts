import {
  BIND_NOTE_IDS,
  BINDABLE_IDS,
  CLAIM_EXPLANATION_IDS,
  checkNotesClaims,
  classifyAddress,
  IPV4_CLASS_LETTERS,
  IPV4_SCOPES,
  IPV6_KINDS,
  predictMatrix,
  REACH_STEP_IDS,
  startListeners,
  RULE_IDS,
  SPECIAL_ROW_IDS,
  type Bindable,
  type Os,
  type RejectCode,
} from '@socket-playground/netmodel';
import { NOTES_TOPOLOGY } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import {
  bindableZh,
  CLASS_MEANING_ZH,
  hostLabelZh,
  kindTextZh,
  KIND_NAT_ZH,
  KIND_TEXT_ZH,
  NAT_V4_ZH,
  prefixErrorZh,
  rejectZh,
  SCOPE_TEXT_ZH,
  specialRowZh,
} from '../src/netlab/address-words-zh.ts';
import { shortWhy } from '../src/netlab/cell-why.ts';
import { modelBind, ruleLine } from '../src/netlab/model.ts';
import { claimRows, notesCaseFor } from '../src/netlab/notes-view.ts';
import { bindNoteZh, claimExplanationZh, clashZh, listenerNoteZh, RULE_LINE_ZH, stepZh, storyZh } from '../src/netlab/reach-words-zh.ts';

/** Chinese, and no hole where a value was missing. */
function expectZh(text: string | null | undefined): void {
  expect(text).toBeTruthy();
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text).not.toMatch(/undefined|null|\[object/);
}

/** Args for any step: every value is a made-up address. */
const ANY_ARGS = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? '192.0.2.1' : undefined) }) as Readonly<Record<string, string>>;

describe('netmodel ids all have Chinese', () => {
  it('every rule: its general line and the cell’s short line', () => {
    for (const rule of RULE_IDS) {
      expectZh(RULE_LINE_ZH[rule]);
      expectZh(ruleLine(rule, 'zh'));
      expectZh(shortWhy({ rule, outcome: 'ECONNREFUSED', listener: null, client: 'pc1', target: '0.0.0.0', reachedHost: null }, 'zh'));
      expectZh(shortWhy({ rule, outcome: 'connected', listener: '0.0.0.0', client: 'pc2', target: '::', reachedHost: 'pc1' }, 'zh'));
    }
    expect(ruleLine('R-NOT-A-RULE', 'zh')).toBeNull();
  });

  it('every step of a prediction’s story', () => {
    for (const id of REACH_STEP_IDS) expectZh(stepZh({ id, args: ANY_ARGS }));
    expectZh(stepZh({ id: 'listener-match', args: { host: 'pc1', match: 'v4', bind: '0.0.0.0', dst: '192.168.0.1' } }));
    expectZh(stepZh({ id: 'listener-match', args: { host: 'pc1', match: 'dual', bind: '::', dst: '192.168.0.1' } }));
    expectZh(stepZh({ id: 'invalid-target', args: { target: 'x', code: 'not-an-address', reason: '' } }));
  });

  it('every IPv4 class, scope, special row and NAT line', () => {
    for (const letter of IPV4_CLASS_LETTERS) expectZh(CLASS_MEANING_ZH[letter]);
    for (const scope of IPV4_SCOPES) {
      expectZh(SCOPE_TEXT_ZH[scope]);
      expectZh(NAT_V4_ZH[scope]);
    }
    expectZh(NAT_V4_ZH['directed-broadcast']);
    for (const row of SPECIAL_ROW_IDS) expectZh(specialRowZh(row, { network: '192.168.0.0', prefixLen: 24 }));
    expect(specialRowZh('{net-id,-1}', { network: '10.0.0.0', prefixLen: 8 })).toContain('10.0.0.0/8');
  });

  it('every IPv6 kind', () => {
    for (const kind of IPV6_KINDS) {
      expectZh(KIND_TEXT_ZH[kind]);
      expectZh(KIND_NAT_ZH[kind]);
    }
    expect(kindTextZh('ipv4-mapped', '192.168.0.2')).toContain('192.168.0.2');
  });

  it('every bindable answer', () => {
    const inner: Bindable = { verdict: 'if-host-has-it', here: null, meaning: '', id: 'unicast-if-host-has-it', address: '192.168.0.2' };
    for (const id of BINDABLE_IDS) expectZh(bindableZh({ id, address: '::ffff:192.168.0.2', inner }));
    expect(bindableZh({ id: 'ipv4-mapped', address: '::ffff:192.168.0.2', inner })).toContain('绑定 192.168.0.2');
  });

  it('every reject code', () => {
    const codes: Record<RejectCode, true> = {
      empty: true,
      whitespace: true,
      brackets: true,
      'zone-id': true,
      'ipv4-not-dotted-quad': true,
      'not-an-address': true,
      'bad-prefix': true,
    };
    for (const code of Object.keys(codes) as RejectCode[]) expectZh(rejectZh(code, '0x7f.1'));
    expectZh(prefixErrorZh('x'));
  });

  it('every explanation of a notes claim', () => {
    const claim = { binds: ['192.168.0.1'], client: 'pc1' as const, target: '0.0.0.0', reachable: true };
    for (const id of CLAIM_EXPLANATION_IDS) expectZh(claimExplanationZh(id, claim, 'ECONNREFUSED', [{ id: 'nothing-listens', args: { host: 'pc1', at: '127.0.0.1:1' } }]));
  });

  it('every note on a typed bind host, and both kinds of clash', () => {
    for (const noteId of BIND_NOTE_IDS) expectZh(bindNoteZh({ typed: '0x7f.1', address: '127.0.0.1', noteId, code: 'ipv4-not-dotted-quad' }, ['::1', '127.0.0.1']));
    expectZh(clashZh({ first: '0.0.0.0', second: '192.168.0.1', whyId: 'overlap' }));
    expectZh(clashZh({ first: '::', second: '0.0.0.0', whyId: 'overlap' }));
    expectZh(clashZh({ first: '127.0.0.1', second: '127.0.0.1', whyId: 'taken' }));
  });

  it('the lab’s host labels', () => {
    expect(hostLabelZh('this computer')).toBe('本机');
    expectZh(hostLabelZh('a neighbour (modelled)'));
    expect(hostLabelZh('pc9')).toBe('pc9');
  });
});

describe('real model output in Chinese', () => {
  const binds = [['127.0.0.1'], ['192.168.0.1'], ['192.168.0.1', '10.10.152.8'], ['0.0.0.0'], ['::'], ['0.0.0.0', '::'], ['::1'], ['localhost'], [''], ['10.10.152.9']];
  const oses: Os[] = ['linux', 'macos', 'windows'];

  it('every cell’s story, on every OS and bind', () => {
    for (const os of oses) {
      for (const hosts of binds) {
        const m = predictMatrix(NOTES_TOPOLOGY, 'pc1', { hosts, port: 65432 }, os);
        for (const row of m.rows) {
          for (const cell of row.cells) {
            expect(cell.prediction.steps.map((s) => s.text).join(' ')).toBe(cell.prediction.why);
            for (const s of cell.prediction.steps) expectZh(stepZh(s));
            expectZh(storyZh(cell.prediction.steps));
          }
        }
      }
    }
  });

  it('the page’s model cells: short line and story', () => {
    const model = modelBind(NOTES_TOPOLOGY, 'pc1', { hosts: ['192.168.0.1'], port: 65432 }, 'zh');
    for (const target of ['127.0.0.1', '0.0.0.0', 'localhost', '::1', '192.168.0.1', '10.10.152.8', '192.168.0.2']) {
      for (const client of ['pc1', 'pc2']) {
        const cell = model.cell(client, target);
        expectZh(cell?.why);
        for (const s of cell?.steps ?? []) expectZh(s);
      }
    }
    expect(modelBind(NOTES_TOPOLOGY, 'pc1', { hosts: ['0.0.0.0'], port: 1 }, 'en').cell('pc2', '10.10.152.8')?.steps[0]).toMatch(/weak host model/);
  });

  it('every listener the model starts', () => {
    const typed = ['', 'localhost', '0.0.0.0', '::', '::1', '127.0.0.1', '192.168.0.1', '192.168.0.255', '224.0.0.1', '10.9.9.9', 'nope', '0.0.0.0', '::ffff:192.168.0.1'];
    for (const localhost of [['127.0.0.1'], ['::1', '127.0.0.1'], []]) {
      const starts = startListeners(NOTES_TOPOLOGY, 'pc1', typed, localhost);
      expect(new Set(starts.map((l) => l.status))).toEqual(new Set(['listening', 'EADDRINUSE', 'EADDRNOTAVAIL', 'EINVAL']));
      for (const l of starts) expectZh(listenerNoteZh(l, 'pc1', localhost));
    }
    const [, clash] = startListeners(NOTES_TOPOLOGY, 'pc1', ['0.0.0.0', '::']);
    expect(listenerNoteZh(clash!, 'pc1')).toContain('EADDRINUSE');
  });

  it('every notes claim’s explanation', () => {
    for (const c of checkNotesClaims()) expectZh(claimExplanationZh(c.explanationId, c.claim, c.prediction.outcome, c.prediction.steps));
    const match = notesCaseFor({ hosts: ['192.168.0.1'], port: 65432 });
    const rows = claimRows(match.notesCase!, null, 65432, 'zh');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expectZh(r.explanation);
    const zero = rows.find((r) => r.client === 'pc1' && r.target === '0.0.0.0');
    expect(zero?.explanation).toContain('127.0.0.1');
    expect(claimRows(match.notesCase!, null, 65432, 'en')[0]?.explanation).toMatch(/^The notes say/);
  });

  it('the inspector’s addresses', () => {
    const hosts = ['192.168.0.1/24', '10.10.152.8/24'];
    for (const text of ['192.168.0.1', '192.168.0.9', '10.1.2.3', '127.0.0.1', '0.0.0.0', '0.1.2.3', '224.0.0.1', '255.255.255.255', '240.0.0.1', '8.8.8.8', '::1', '::', 'fe80::1', 'ff02::1', '::ffff:192.168.0.1', '::ffff:10.0.0.1', '2001:db8::1', 'fd00::1']) {
      const c = classifyAddress(text, undefined, hosts);
      if (!c.ok) throw new Error(text);
      expectZh(bindableZh(c.bindable));
      if (c.version === 4) {
        expectZh(SCOPE_TEXT_ZH[c.scope]);
        if (c.special) expectZh(specialRowZh(c.special.row, c.subnet));
      } else {
        expectZh(kindTextZh(c.kind, c.mapsTo));
      }
    }
    const directed = classifyAddress('192.168.0.255', 24);
    if (!directed.ok || directed.version !== 4 || !directed.special) throw new Error('no special row');
    expect(specialRowZh(directed.special.row, directed.subnet)).toContain('192.168.0.0/24');
    expect(directed.bindable.id).toBe('directed-broadcast');
  });
});
