import type { ReachOutcome, Topology } from '@socket-playground/protocol';
import { DEFAULT_LOCALHOST, isLoopbackListener, matchListener, matchText, toListener } from './binds.ts';
import type { Listener, Os } from './binds.ts';
import { inV4, isLoopback, isUnspecified, mustParse, parseAddress, unmap } from './parse.ts';
import type { ParsedIp } from './parse.ts';
import { cardAddresses, deliver, findHost, isLocalBroadcast, owns } from './routing.ts';
import type { RuleId } from './rules.ts';

/**
 * Predicts what a TCP connect() does in a lab topology, following Linux (macOS and Windows
 * only where they are known to differ). Every prediction names the rule that decided it.
 */

export interface ReachInput {
  topology: Topology;
  /** The host the listening sockets are on. */
  serverHost: string;
  /** The listeners' bound addresses after resolution: IP literals ('::' is dual-stack). */
  binds: readonly string[];
  clientHost: string;
  /** The address the client connects to, already resolved (see `predictLocalhost` for names). */
  target: string;
  port: number;
  os: Os;
}

/** Which sentence of a prediction's story a step is, so a page can say it in another language. */
export type ReachStepId =
  | 'invalid-target'
  | 'ipv4-mapped'
  | 'zero-windows'
  | 'zero-is-loopback'
  | 'not-unicast'
  | 'loopback-self'
  | 'own-address'
  | 'no-route'
  | 'no-neighbour'
  | 'not-forwarded'
  | 'arrived-other-card'
  | 'strong-host-drop'
  | 'weak-host-accept'
  | 'arrived'
  | 'no-return-route'
  | 'listener-match'
  | 'nothing-listens'
  | 'loopback-only'
  | 'not-covered'
  | 'localhost-none'
  | 'localhost-means'
  | 'localhost-tries';

export const REACH_STEP_IDS: readonly ReachStepId[] = [
  'invalid-target',
  'ipv4-mapped',
  'zero-windows',
  'zero-is-loopback',
  'not-unicast',
  'loopback-self',
  'own-address',
  'no-route',
  'no-neighbour',
  'not-forwarded',
  'arrived-other-card',
  'strong-host-drop',
  'weak-host-accept',
  'arrived',
  'no-return-route',
  'listener-match',
  'nothing-listens',
  'loopback-only',
  'not-covered',
  'localhost-none',
  'localhost-means',
  'localhost-tries',
];

/** One sentence of a prediction's story: its id, the values it mentions, and the English. */
export interface ReachStep {
  id: ReachStepId;
  /** Addresses, host and card names, errno codes: the same in every language. */
  args: Readonly<Record<string, string>>;
  text: string;
}

const step = (id: ReachStepId, args: Record<string, string>, text: string): ReachStep => ({ id, args, text });

const storyText = (story: readonly ReachStep[]) => story.map((s) => s.text).join(' ');

export interface Prediction {
  outcome: ReachOutcome;
  /** The rule that decided the outcome. */
  rule: RuleId;
  why: string;
  /** `why` sentence by sentence, with ids (same order). */
  steps: ReachStep[];
  /** Every rule applied on the way, in order (ends with the deciding one or the listener step). */
  rules: RuleId[];
  /** The listener that took the connection, when one did. */
  listener: string | null;
  /** The host the SYN reached, when it reached one. */
  reachedHost: string | null;
}

const hostPort = (address: string, port: number) => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);

function isBroadcastOrMulticast(input: ReachInput, dst: ParsedIp): boolean {
  if (dst.version === 6) return dst.address.startsWith('ff');
  return inV4(dst.ip, '224.0.0.0/4') || dst.address === '255.255.255.255' || isLocalBroadcast(findHost(input.topology, input.clientHost), dst);
}

/** The last step: the SYN is on `host`; does a listener there take it? */
function listenerStep(input: ReachInput, host: string, dst: ParsedIp, rules: RuleId[], story: ReachStep[], lead: RuleId | null, via: 'local' | 'remote' | 'weak'): Prediction {
  const listeners: Listener[] = host === input.serverHost ? input.binds.map(toListener) : [];
  const hit = matchListener(listeners, dst);
  const at = hostPort(dst.address, input.port);
  if (hit) {
    rules.push('R-LISTENER-MATCH');
    const match = hit.wildcard ?? 'exact';
    story.push(step('listener-match', { host, match, bind: hit.bind, dst: dst.address }, `On ${host}, ${matchText(hit, dst)}: connected.`));
    const rule = lead ?? (via === 'weak' ? 'R-WEAK-HOST' : via === 'local' ? 'R-LOCAL-ADDRESS' : 'R-LISTENER-MATCH');
    return { outcome: 'connected', rule, why: storyText(story), steps: story, rules, listener: hit.bind, reachedHost: host };
  }
  const loopbackOnly = listeners.some(isLoopbackListener) && !isLoopback(dst);
  const refusal: RuleId = loopbackOnly ? 'R-LOOPBACK-BIND-PRIVATE' : 'R-NO-LISTENER';
  rules.push(refusal);
  if (listeners.length === 0) {
    story.push(step('nothing-listens', { host, at }, `Nothing listens on ${host}, so its kernel answers the SYN with RST: ECONNREFUSED ${at}.`));
  } else if (loopbackOnly) {
    const loBinds = listeners.filter(isLoopbackListener).map((l) => l.bind);
    const lo = loBinds.join(' and ');
    story.push(
      step(
        'loopback-only',
        { host, lo: loBinds.join(', '), dst: dst.address, at },
        `On ${host} the server listens on ${lo}, which only takes connections addressed to ${lo}, not ${dst.address}; the kernel answers with RST: ECONNREFUSED ${at}.`,
      ),
    );
  } else {
    const binds = listeners.map((l) => l.bind).join(', ');
    const otherFamily = listeners.every((l) => l.wildcard !== 'dual' && l.ip.version !== dst.version);
    const family = otherFamily ? ` (they are IPv${dst.version === 4 ? 6 : 4}, the target is IPv${dst.version})` : '';
    const args = { host, binds, dst: dst.address, at, listenersFamily: otherFamily ? (dst.version === 4 ? '6' : '4') : '', targetFamily: String(dst.version) };
    story.push(step('not-covered', args, `On ${host} the listeners (${binds}) do not cover ${dst.address}${family}; the kernel answers with RST: ECONNREFUSED ${at}.`));
  }
  return { outcome: 'ECONNREFUSED', rule: lead ?? refusal, why: storyText(story), steps: story, rules, listener: null, reachedHost: host };
}

function fail(outcome: ReachOutcome, rule: RuleId, rules: RuleId[], story: ReachStep[], reachedHost: string | null = null): Prediction {
  rules.push(rule);
  return { outcome, rule, why: storyText(story), steps: story, rules, listener: null, reachedHost };
}

/** Predict one connect() from `clientHost` to `target` while the server listens on `binds`. */
export function predictReach(input: ReachInput): Prediction {
  const { topology, clientHost, os } = input;
  const client = findHost(topology, clientHost);
  findHost(topology, input.serverHost);
  const rules: RuleId[] = [];
  const story: ReachStep[] = [];
  const parsed = parseAddress(input.target);
  if (!parsed.ok) {
    const args = { target: input.target, code: parsed.code, reason: parsed.reason };
    return fail('EINVAL', 'R-INVALID-TARGET', rules, [step('invalid-target', args, `"${input.target}" cannot be connected to: ${parsed.reason}.`)]);
  }
  let dst = unmap(parsed);
  if (dst !== parsed) story.push(step('ipv4-mapped', { mapped: parsed.address, dst: dst.address }, `${parsed.address} is an IPv4-mapped address: the kernel connects to ${dst.address} over IPv4.`));
  let lead: RuleId | null = null;

  if (isUnspecified(dst)) {
    if (os === 'windows') {
      story.push(step('zero-windows', { dst: dst.address }, `Windows does not accept ${dst.address} as a destination: connect() fails with EADDRNOTAVAIL.`));
      return fail('EADDRNOTAVAIL', 'R-ZERO-INVALID-WINDOWS', rules, story);
    }
    const lo = dst.version === 4 ? '127.0.0.1' : '::1';
    const osName = os === 'macos' ? 'macOS' : 'Linux';
    story.push(step('zero-is-loopback', { os: osName, dst: dst.address, lo, client: client.name }, `${osName} treats a connect to ${dst.address} as a connect to ${lo}: ${client.name} talks to itself.`));
    rules.push('R-ZERO-IS-LOOPBACK');
    lead = 'R-ZERO-IS-LOOPBACK';
    dst = mustParse(lo, 'loopback');
  }
  if (isBroadcastOrMulticast(input, dst)) {
    story.push(step('not-unicast', { dst: dst.address }, `${dst.address} is a broadcast or multicast address; TCP connects to one host only, so connect() fails with ENETUNREACH.`));
    return fail('ENETUNREACH', 'R-NOT-UNICAST', rules, story);
  }
  if (isLoopback(dst)) {
    rules.push('R-LOOPBACK-IS-LOCAL');
    lead ??= 'R-LOOPBACK-IS-LOCAL';
    story.push(step('loopback-self', { dst: dst.address, client: client.name }, `${dst.address} is loopback, so it means ${client.name} itself; the packet never leaves ${client.name}.`));
    return listenerStep(input, client.name, dst, rules, story, lead, 'local');
  }
  if (owns(client, dst)) {
    rules.push('R-LOCAL-ADDRESS');
    const card = cardAddresses(client).find((c) => c.ip.address === dst.address);
    story.push(
      step(
        'own-address',
        { dst: dst.address, client: client.name, card: card?.card ?? '' },
        `${dst.address} is ${client.name}'s own address (${card?.card ?? 'a card'}), so the packet is delivered inside ${client.name} and never goes onto a LAN.`,
      ),
    );
    return listenerStep(input, client.name, dst, rules, story, lead, 'local');
  }

  const d = deliver(topology, client.name, dst);
  switch (d.kind) {
    case 'local':
      return listenerStep(input, client.name, dst, rules, story, lead, 'local');
    case 'no-route':
      story.push(
        step(
          'no-route',
          { client: client.name, dst: dst.address },
          `${client.name} has no route to ${dst.address}: none of its LANs contains it and no gateway route covers it, so connect() fails at once with ENETUNREACH.`,
        ),
      );
      return fail('ENETUNREACH', 'R-NO-ROUTE', rules, story);
    case 'no-neighbour':
      story.push(
        step(
          'no-neighbour',
          { client: client.name, route: d.route.text, nextHop: d.route.nextHop.address, family: String(dst.version) },
          `${client.name} sends via "${d.route.text}", but no host on that LAN answers for ${d.route.nextHop.address} (${dst.version === 4 ? 'ARP' : 'neighbour discovery'} fails); after about 3 s connect() fails with EHOSTUNREACH.`,
        ),
      );
      return fail('EHOSTUNREACH', 'R-NO-NEIGHBOUR', rules, story);
    case 'not-forwarded':
      story.push(
        step(
          'not-forwarded',
          { client: client.name, route: d.route.text, host: d.host, dst: dst.address },
          `${client.name} sends via "${d.route.text}" to ${d.host}, which does not have ${dst.address}. Lab hosts do not forward packets, so ${d.host} drops the SYN without a word; the client retries until it gives up with ETIMEDOUT (about two minutes on Linux unless the program sets a timeout).`,
        ),
      );
      return fail('ETIMEDOUT', 'R-NO-FORWARDING', rules, story, d.host);
    case 'delivered':
      break;
  }
  const owner = cardAddresses(findHost(topology, d.host)).find((c) => c.ip.address === dst.address);
  if (d.weak) {
    story.push(
      step(
        'arrived-other-card',
        { route: d.route.text, host: d.host, card: d.arrivedOn.card, cardAddress: d.arrivedOn.ip.address, dst: dst.address, ownerCard: owner?.card ?? '' },
        `The SYN goes via "${d.route.text}" and arrives at ${d.host} on its ${d.arrivedOn.card} (${d.arrivedOn.ip.address}), but ${dst.address} belongs to its ${owner?.card ?? 'other'} card.`,
      ),
    );
    if (os === 'windows') {
      story.push(step('strong-host-drop', {}, `Windows uses the strong host model and drops it: the client times out (ETIMEDOUT).`));
      return fail('ETIMEDOUT', 'R-STRONG-HOST', rules, story, d.host);
    }
    const osName = os === 'macos' ? 'macOS' : 'Linux';
    story.push(step('weak-host-accept', { os: osName }, `${osName} accepts it anyway: an address belongs to the host, not to one card (weak host model).`));
    rules.push('R-WEAK-HOST');
  } else {
    story.push(step('arrived', { route: d.route.text, host: d.host, card: d.arrivedOn.card }, `The SYN goes via "${d.route.text}" and reaches ${d.host} on its ${d.arrivedOn.card}.`));
  }
  const source = d.route.out.ip;
  const back = deliver(topology, d.host, source);
  if (back.kind !== 'delivered' || back.host !== client.name) {
    story.push(
      step(
        'no-return-route',
        { host: d.host, client: client.name, source: source.address },
        `But ${d.host} has no way back to ${client.name}'s address ${source.address}, so its answer (SYN-ACK or RST) is never sent: ETIMEDOUT.`,
      ),
    );
    return fail('ETIMEDOUT', 'R-NO-RETURN-ROUTE', rules, story, d.host);
  }
  return listenerStep(input, d.host, dst, rules, story, lead, d.weak ? 'weak' : 'remote');
}

export interface LocalhostPrediction extends Prediction {
  /** One connect() per address, in the order Node tries them; stops at the first success. */
  attempts: { target: string; prediction: Prediction }[];
}

/**
 * A connect to "localhost": Node 20 looks the name up and (autoSelectFamily) tries each address
 * in turn until one connects. If all fail, the error carries the first attempt's code.
 */
export function predictLocalhost(input: Omit<ReachInput, 'target'>, localhost: readonly string[] = DEFAULT_LOCALHOST): LocalhostPrediction {
  const attempts: { target: string; prediction: Prediction }[] = [];
  for (const target of localhost) {
    const prediction = predictReach({ ...input, target });
    attempts.push({ target, prediction });
    if (prediction.outcome === 'connected') break;
  }
  const first = attempts[0];
  if (!first) {
    const why = '"localhost" resolves to no address here, so there is nothing to connect to.';
    return { outcome: 'EINVAL', rule: 'R-INVALID-TARGET', why, steps: [step('localhost-none', {}, why)], rules: ['R-INVALID-TARGET'], listener: null, reachedHost: null, attempts };
  }
  const last = attempts[attempts.length - 1]!;
  const decisive = last.prediction.outcome === 'connected' ? last.prediction : first.prediction;
  const lead = step('localhost-means', { addresses: localhost.join(', ') }, `"localhost" means ${localhost.join(' then ')}.`);
  const tried = attempts.map((a) => `${a.target} → ${a.prediction.outcome}`).join(', ');
  const tries = attempts.length > 1 ? [step('localhost-tries', { tries: tried }, `Node tries them in order: ${tried}.`)] : [];
  const steps = [lead, ...tries, ...decisive.steps];
  return { ...decisive, why: storyText(steps), steps, attempts };
}
