import type { ReachOutcome } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { disagreementNoteZh, shortWhyZh } from './lab-words-zh.ts';

/**
 * One short line per matrix cell, from the rule the model says decided it. The model's full
 * story (several sentences) goes into the cell's details; this is what fits under the errno.
 */
export interface WhyInput {
  rule: string;
  outcome: ReachOutcome;
  /** The bind of the listener that took the connection, when one did. */
  listener: string | null;
  client: string;
  target: string;
  /** The host the SYN reached, when it reached one. */
  reachedHost: string | null;
}

function listenerName(bind: string | null): string {
  return bind === null ? 'a listener' : `the listener on ${bind}`;
}

export function shortWhy(w: WhyInput, lang: Lang = 'en'): string {
  if (lang === 'zh') return shortWhyZh(w);
  const matched = `matched ${listenerName(w.listener)}`;
  switch (w.rule) {
    case 'R-ZERO-IS-LOOPBACK': {
      const lo = w.target.includes(':') ? '::1' : '127.0.0.1';
      return `Linux sends connect() to ${w.target} to ${lo}${w.outcome === 'connected' ? '' : ': nothing listens there'}`;
    }
    case 'R-LOOPBACK-IS-LOCAL':
      return w.outcome === 'connected' ? `${w.client} itself; ${matched}` : `that is ${w.client} itself: nothing listens there (RST)`;
    case 'R-LOCAL-ADDRESS':
      return w.outcome === 'connected' ? `${w.client}'s own address; ${matched}` : `${w.client}'s own address: nothing listens there (RST)`;
    case 'R-WEAK-HOST':
      return `arrived on another card; weak host model accepts it; ${matched}`;
    case 'R-LISTENER-MATCH':
      return matched;
    case 'R-LOOPBACK-BIND-PRIVATE':
      return 'the listener is on loopback only: the kernel answered RST';
    case 'R-NO-LISTENER':
      return 'nothing listens there: the kernel answered RST';
    case 'R-NO-ROUTE':
      return `${w.client} has no route there: fails at once`;
    case 'R-NO-NEIGHBOUR':
      return 'nobody on the LAN answered ARP for it';
    case 'R-NO-FORWARDING':
      return `${w.reachedHost ?? 'the gateway'} does not forward: the SYN is dropped`;
    case 'R-NO-RETURN-ROUTE':
      return 'the server has no route back: no answer comes';
    case 'R-STRONG-HOST':
      return 'strong host model: dropped on the wrong card';
    case 'R-NOT-UNICAST':
      return 'broadcast or multicast: TCP needs one host';
    case 'R-INVALID-TARGET':
      return 'not an address that can be connected to';
    case 'R-ZERO-INVALID-WINDOWS':
      return 'Windows refuses 0.0.0.0 as a destination';
    default:
      return w.rule;
  }
}

/**
 * Why a real outcome may differ from the model's in ways that are not the model's fault: a
 * listener that could not be opened, a timeout the probe cut short.
 */
export function disagreementNote(model: ReachOutcome, real: ReachOutcome, lang: Lang = 'en'): string {
  if (lang === 'zh') return disagreementNoteZh(model, real);
  if ((model === 'ETIMEDOUT' && real === 'EHOSTUNREACH') || (model === 'EHOSTUNREACH' && real === 'ETIMEDOUT')) {
    return 'The probe gives up after 1.5 s; whether the kernel reported EHOSTUNREACH first depends on ARP timing.';
  }
  return 'The model predicted otherwise: this is a bug in the model (or the lab differs from the topology).';
}
