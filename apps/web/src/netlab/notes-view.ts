import { checkNotesClaims, describeLocalhost, DEFAULT_LOCALHOST, NOTES_CASES, resolveBindHost, type ClaimCheck, type NotesCase } from '@socket-playground/netmodel';
import type { BindChoice, MatrixResult, ReachOutcome } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { notesPointsZh } from './lab-words-zh.ts';
import { claimExplanationZh } from './reach-words-zh.ts';
import { cellKey } from './predict.ts';
import { isModelled } from './matrix-view.ts';

/**
 * The notes' pc1/pc2 table beside the real matrix: which of the notes' four cases the picked
 * bind is, each claim of that case against the model and against the last real run, and the
 * points the notes leave out for this bind.
 */
export interface NotesMatch {
  notesCase: NotesCase | null;
  /** Set when the bind is the notes' case under another spelling ('' is 0.0.0.0). */
  sameAs: string | null;
}

export function notesCaseFor(bind: BindChoice): NotesMatch {
  const resolved = bind.hosts.map((h) => resolveBindHost(h).address ?? h);
  const found = NOTES_CASES.find((c) => c.binds.length === resolved.length && c.binds.every((b, i) => b === resolved[i]));
  if (!found) return { notesCase: null, sameAs: null };
  const typed = bind.hosts.join(' + ');
  return { notesCase: found, sameAs: typed === found.binds.join(' + ') ? null : found.binds.join(' + ') };
}

/** The notes' sentences in English, by the case's binds (the original is Chinese). */
const ENGLISH: Readonly<Record<string, string>> = {
  '127.0.0.1':
    "pc1 (server) listens only on 127.0.0.1: pc1 (client) can connect to 127.0.0.1 and 0.0.0.0 (not to 192.168.0.1 or 10.10.152.8); pc2 cannot connect to any of pc1's addresses (192.168.0.1 or 10.10.152.8).",
  '192.168.0.1':
    "pc1 (server) listens only on 192.168.0.1: pc1 (client) can connect to 192.168.0.1 and 0.0.0.0 (not to 127.0.0.1 or 10.10.152.8); pc2 can connect to pc1's 192.168.0.1 (not to 10.10.152.8).",
  '192.168.0.1 + 10.10.152.8':
    "pc1 (server) listens on 192.168.0.1 and 10.10.152.8: pc1 (client) can connect to 192.168.0.1, 10.10.152.8 and 0.0.0.0 (not to 127.0.0.1); pc2 can connect to both of pc1's addresses.",
  '0.0.0.0':
    "pc1 (server) listens only on 0.0.0.0: pc1 (client) can connect to all of them (10.10.152.8, 0.0.0.0, 127.0.0.1 and 192.168.0.1); pc2 can connect to all of pc1's addresses (10.10.152.8 and 192.168.0.1).",
};

export function englishQuote(notesCase: NotesCase): string | null {
  return ENGLISH[notesCase.binds.join(' + ')] ?? null;
}

export interface ClaimRow {
  key: string;
  client: string;
  target: string;
  /** What the notes say: reachable or not. */
  notes: boolean;
  model: ReachOutcome;
  /** The last run's outcome for this cell, when it ran for real with this bind. */
  real: ReachOutcome | null;
  /** The notes are wrong here: against the real run when there is one, else against the model. */
  wrong: boolean;
  explanation: string;
}

export function claimRows(notesCase: NotesCase, result: MatrixResult | null, port: number, lang: Lang = 'en'): ClaimRow[] {
  const checks: ClaimCheck[] = checkNotesClaims('linux', undefined, port).filter(
    (c) => c.claim.binds.length === notesCase.binds.length && c.claim.binds.every((b, i) => b === notesCase.binds[i]),
  );
  const real = new Map<string, ReachOutcome>();
  for (const cell of result?.cells ?? []) if (result && !isModelled(result, cell) && cell.outcome !== 'not-run') real.set(cellKey(cell.client, cell.target), cell.outcome);
  return checks.map((c) => {
    const key = cellKey(c.claim.client, c.claim.target);
    const r = real.get(key) ?? null;
    const wrong = r !== null ? (r === 'connected') !== c.claim.reachable : !c.agrees;
    return { key, client: c.claim.client, target: c.claim.target, notes: c.claim.reachable, model: c.prediction.outcome, real: r, wrong, explanation: lang === 'zh' ? claimExplanationZh(c.explanationId, c.claim, c.prediction.outcome, c.prediction.steps) : c.explanation };
  });
}

export interface NotesPoint {
  topic: 'zero-is-loopback' | 'loopback-is-self' | 'weak-host' | 'dual-stack' | 'wildcard-clash' | 'localhost' | 'empty-host';
  title: string;
  text: string;
}

/** An IPv4 peer as a dual-stack socket saw it in the last run (e.g. "::ffff:192.168.0.2"): the server's accepts first, then the cells. */
export function mappedExample(result: MatrixResult | null, accepted: readonly string[] = []): string | null {
  const seen = accepted.find((a) => a.startsWith('::ffff:'));
  if (seen) return seen;
  for (const c of result?.cells ?? []) {
    for (const a of [c.local, c.remote]) if (a?.startsWith('::ffff:')) return a;
  }
  return null;
}

/** What the notes leave out, for the picked bind (the always-true points first). */
export function notesPoints(bind: BindChoice, result: MatrixResult | null, accepted: readonly string[] = [], lang: Lang = 'en'): NotesPoint[] {
  if (lang === 'zh') return notesPointsZh(bind.hosts, bind.hosts.includes('::') ? mappedExample(result, accepted) : null);
  const points: NotesPoint[] = [
    {
      topic: 'zero-is-loopback',
      title: 'connect() to 0.0.0.0 is connect() to 127.0.0.1',
      text: 'For bind(), 0.0.0.0 means "every address of mine". As a destination it means nothing, and Linux sends the connection to 127.0.0.1 instead: it works only when something listens on 127.0.0.1, 0.0.0.0 or ::.',
    },
    {
      topic: 'loopback-is-self',
      title: 'pc2 → 127.0.0.1 is pc2 itself',
      text: "Loopback never leaves a host: pc2's 127.0.0.1 (and its 0.0.0.0, localhost, ::1) is pc2, where nothing listens, so those cells are refused whatever pc1 does.",
    },
    {
      topic: 'weak-host',
      title: 'pc2 reaches 10.10.152.8 although it is not on lan2',
      text: "pc2's default route sends the SYN to 192.168.0.1, which is pc1; Linux accepts a packet for any of its addresses on any card (the weak host model), so pc1 answers for 10.10.152.8 on eth0.",
    },
  ];
  const hosts = bind.hosts;
  const seen = hosts.includes('::') ? mappedExample(result, accepted) : null;
  points.push({
    topic: 'dual-stack',
    title: ':: is dual-stack',
    text: `A Node server on :: takes IPv4 connections too (IPV6_V6ONLY is off): it sees an IPv4 peer as an IPv4-mapped address, ::ffff:a.b.c.d${seen ? ` — in this run pc1's accept() saw ${seen}` : ''}.`,
  });
  const clash = hosts.includes('::') && hosts.includes('0.0.0.0');
  points.push({
    topic: 'wildcard-clash',
    title: ':: and 0.0.0.0 on one port clash',
    text: `On Linux the dual-stack :: already covers every IPv4 address, so a second listener on the same port fails with EADDRINUSE${clash ? ' — see the listeners above the matrix' : ' (pick "0.0.0.0 + ::" to see it)'}.`,
  });
  // Every matrix has a localhost column; a server bound to "localhost" needs it most.
  const bound = hosts.includes('localhost') ? ' A server bound to "localhost" binds the first answer only.' : '';
  points.push({ topic: 'localhost', title: 'localhost is a name', text: `${describeLocalhost(DEFAULT_LOCALHOST)}${bound}` });
  if (hosts.includes('')) {
    points.push({ topic: 'empty-host', title: "'' means every IPv4 address", text: "bind(('', port)) in Python is INADDR_ANY, the same as 0.0.0.0; the lab treats an empty host the same way." });
  }
  return points;
}
