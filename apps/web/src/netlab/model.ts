import { cellOf, predictMatrix, RULES, isRuleId, type ListenerStart, type Matrix } from '@socket-playground/netmodel';
import type { BindChoice, Topology } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { shortWhy } from './cell-why.ts';
import { RULE_LINE_ZH, storyZh } from './reach-words-zh.ts';
import type { ModelCell, ModelFn } from './matrix-view.ts';

/**
 * The page's one door to netmodel's reachability model: start the bind's listeners the way
 * the lab does (resolving '' and localhost, refusing clashes with EADDRINUSE) and predict every
 * cell. Linux only: the lab's hosts are Linux network namespaces.
 */
export interface BindModel {
  /** How each typed bind host turns out (listening, EADDRINUSE, EADDRNOTAVAIL…). */
  listeners: readonly ListenerStart[];
  cell: ModelFn;
  matrix: Matrix | null;
}

const NO_MODEL: BindModel = { listeners: [], cell: () => null, matrix: null };

export function modelBind(topology: Topology, serverHost: string, bind: BindChoice, lang: Lang = 'en'): BindModel {
  let matrix: Matrix;
  try {
    matrix = predictMatrix(topology, serverHost, bind, 'linux');
  } catch {
    return NO_MODEL; // a topology the model cannot read: the cells show no prediction
  }
  const cell: ModelFn = (client, target): ModelCell | null => {
    const p = cellOf(matrix, client, target);
    if (!p) return null;
    const why = shortWhy({ rule: p.rule, outcome: p.outcome, listener: p.listener, client, target, reachedHost: p.reachedHost }, lang);
    return { outcome: p.outcome, rule: p.rule, why, steps: [lang === 'zh' ? storyZh(p.steps) : p.why] };
  };
  return { listeners: matrix.listeners, cell, matrix };
}

/** The rule's general statement, for the details under the matrix. */
export function ruleLine(rule: string, lang: Lang = 'en'): string | null {
  if (!isRuleId(rule)) return null;
  return lang === 'zh' ? RULE_LINE_ZH[rule] : RULES[rule].line;
}

