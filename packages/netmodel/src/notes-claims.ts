import { NOTES_TOPOLOGY } from '@socket-playground/protocol';
import type { Topology } from '@socket-playground/protocol';
import type { Os } from './binds.ts';
import { predictReach } from './reachability.ts';
import type { Prediction } from './reachability.ts';

/**
 * The notes' pc1/pc2 example as data: for four ways of binding the server on pc1, which of
 * pc1's addresses the notes say pc1's own client and pc2 can reach. `checkNotesClaims` sets
 * each claim against the model's prediction for NOTES_TOPOLOGY.
 */

export interface NotesCase {
  binds: readonly string[];
  /** The notes' sentence for this case, as written. */
  quote: string;
  /** Target → reachable, for pc1's own client and for pc2. Only what the notes state. */
  pc1: Readonly<Record<string, boolean>>;
  pc2: Readonly<Record<string, boolean>>;
}

export const NOTES_CASES: readonly NotesCase[] = [
  {
    binds: ['127.0.0.1'],
    quote: 'pc1(server)只监听 127.0.0.1 ，pc1(client)能连上 127.0.0.1 和 0.0.0.0 （ 192.168.0.1 和 10.10.152.8 连不上）；pc2连不上pc1的任何地址（ 192.168.0.1 或者 10.10.152.8 ）',
    pc1: { '127.0.0.1': true, '0.0.0.0': true, '192.168.0.1': false, '10.10.152.8': false },
    pc2: { '192.168.0.1': false, '10.10.152.8': false },
  },
  {
    binds: ['192.168.0.1'],
    quote: 'pc1(server)只监听 192.168.0.1 ，pc1(client)能连上 192.168.0.1 和 0.0.0.0 （ 127.0.0.1 和 10.10.152.8 连不上）；pc2能连上pc1的 192.168.0.1 （ 10.10.152.8 连不上）',
    pc1: { '192.168.0.1': true, '0.0.0.0': true, '127.0.0.1': false, '10.10.152.8': false },
    pc2: { '192.168.0.1': true, '10.10.152.8': false },
  },
  {
    binds: ['192.168.0.1', '10.10.152.8'],
    quote: 'pc1(server)监听 192.168.0.1 和 10.10.152.8 ，pc1(client)能连上 192.168.0.1 、 10.10.152.8 和 0.0.0.0 （ 127.0.0.1 连不上）；pc2都能连上pc1的（包括 10.10.152.8 和 192.168.0.1 ）',
    pc1: { '192.168.0.1': true, '10.10.152.8': true, '0.0.0.0': true, '127.0.0.1': false },
    pc2: { '192.168.0.1': true, '10.10.152.8': true },
  },
  {
    binds: ['0.0.0.0'],
    quote: 'pc1(server)只监听 0.0.0.0 ，pc1(client)都能连上（包括 10.10.152.8 、 0.0.0.0 、 127.0.0.1 和 192.168.0.1 ）；pc2都能连上pc1的（包括 10.10.152.8 和 192.168.0.1 ）',
    pc1: { '10.10.152.8': true, '0.0.0.0': true, '127.0.0.1': true, '192.168.0.1': true },
    pc2: { '10.10.152.8': true, '192.168.0.1': true },
  },
];

export interface NotesClaim {
  binds: readonly string[];
  client: 'pc1' | 'pc2';
  target: string;
  reachable: boolean;
  quote: string;
}

/** Every single claim of the notes' table, one per (bind, client, target). */
export const NOTES_CLAIMS: readonly NotesClaim[] = NOTES_CASES.flatMap((c) =>
  (['pc1', 'pc2'] as const).flatMap((client) =>
    Object.entries(c[client]).map(([target, reachable]) => ({ binds: c.binds, client, target, reachable, quote: c.quote })),
  ),
);

/** Which explanation a claim gets, so a page can say it in another language. */
export type ClaimExplanationId = 'wrong-zero-is-loopback' | 'wrong' | 'right-weak-host-connects' | 'right-weak-host-refused' | 'right-zero-is-loopback' | 'right';

export const CLAIM_EXPLANATION_IDS: readonly ClaimExplanationId[] = ['wrong-zero-is-loopback', 'wrong', 'right-weak-host-connects', 'right-weak-host-refused', 'right-zero-is-loopback', 'right'];

export interface ClaimCheck {
  claim: NotesClaim;
  prediction: Prediction;
  agrees: boolean;
  explanation: string;
  /** Which explanation it is; the values are the claim's and the prediction's (`prediction.steps` for 'wrong' and 'right'). */
  explanationId: ClaimExplanationId;
}

/** Which explanation `explain` gives. */
export function explanationIdOf(claim: NotesClaim, p: Prediction, agrees: boolean): ClaimExplanationId {
  if (!agrees && claim.target === '0.0.0.0') return 'wrong-zero-is-loopback';
  if (!agrees) return 'wrong';
  if (p.rules.includes('R-WEAK-HOST') && p.outcome === 'connected') return 'right-weak-host-connects';
  if (p.rules.includes('R-WEAK-HOST')) return 'right-weak-host-refused';
  if (p.rules.includes('R-ZERO-IS-LOOPBACK')) return 'right-zero-is-loopback';
  return 'right';
}

function explain(claim: NotesClaim, p: Prediction, agrees: boolean): string {
  const said = `The notes say ${claim.client} ${claim.reachable ? 'can' : 'cannot'} connect to ${claim.target} when the server is bound to ${claim.binds.join(' + ')}`;
  if (!agrees && claim.target === '0.0.0.0') {
    return (
      `${said}. They treat 0.0.0.0 as "any of my addresses", which is what it means for bind(), not for connect(). ` +
      `As a destination Linux turns 0.0.0.0 into 127.0.0.1, and no listener here covers 127.0.0.1 (the server is bound to ${claim.binds.join(' and ')} only), ` +
      `so the kernel refuses: ${p.outcome}. Connecting to 0.0.0.0 works only when something listens on 127.0.0.1, 0.0.0.0 or ::.`
    );
  }
  if (!agrees) return `${said}; Linux gives ${p.outcome}. ${p.why}`;
  if (p.rules.includes('R-WEAK-HOST') && p.outcome === 'connected') {
    return (
      `${said} — right, but only thanks to two things the notes do not mention: pc2's default route goes via 192.168.0.1 (pc1), ` +
      `and Linux accepts a packet for 10.10.152.8 that arrives on pc1's 192.168.0.1 card (weak host model). Without that route pc2 would get ENETUNREACH.`
    );
  }
  if (p.rules.includes('R-WEAK-HOST')) {
    return (
      `${said} — right, though not because the address is out of reach: pc2's SYN does arrive at pc1 (via its default route, weak host model), ` +
      `but nothing listens on ${claim.target}, so pc1 answers with RST: ${p.outcome}, at once rather than a timeout.`
    );
  }
  if (p.rules.includes('R-ZERO-IS-LOOPBACK')) {
    return `${said} — right, because connecting to 0.0.0.0 on Linux means connecting to 127.0.0.1, and the listener covers 127.0.0.1.`;
  }
  return `${said} — right. ${p.why}`;
}

/** Every claim of the notes, set against the model's prediction (Linux by default). */
export function checkNotesClaims(os: Os = 'linux', topology: Topology = NOTES_TOPOLOGY, port = 65432): ClaimCheck[] {
  return NOTES_CLAIMS.map((claim) => {
    const prediction = predictReach({ topology, serverHost: 'pc1', binds: claim.binds, clientHost: claim.client, target: claim.target, port, os });
    const agrees = (prediction.outcome === 'connected') === claim.reachable;
    return { claim, prediction, agrees, explanation: explain(claim, prediction, agrees), explanationId: explanationIdOf(claim, prediction, agrees) };
  });
}

/** Only the claims the model disagrees with, each with its explanation. */
export function notesDisagreements(os: Os = 'linux'): ClaimCheck[] {
  return checkNotesClaims(os).filter((c) => !c.agrees);
}
