import type { ReachOutcome } from '@socket-playground/protocol';

/**
 * The rules the reachability model applies, each with one line for a learner and the outcomes
 * it can decide. A prediction names the rule that decided it (`rule`) and every rule it passed
 * through (`rules`), so a contract test can say which rule a matrix cell exercises.
 */
export const RULES = {
  'R-INVALID-TARGET': {
    line: 'The target is not a canonical IP address (resolve names such as localhost first).',
    outcomes: ['EINVAL'],
  },
  'R-ZERO-IS-LOOPBACK': {
    line: 'On Linux and macOS, connecting to 0.0.0.0 goes to this host via 127.0.0.1 (and :: via ::1) — it does not mean "every address".',
    outcomes: ['connected', 'ECONNREFUSED'],
  },
  'R-ZERO-INVALID-WINDOWS': {
    line: 'Windows refuses to connect to 0.0.0.0 or :: at all: EADDRNOTAVAIL.',
    outcomes: ['EADDRNOTAVAIL'],
  },
  'R-LOOPBACK-IS-LOCAL': {
    line: "127.x.y.z and ::1 always mean the client's own host, whichever host the client is on.",
    outcomes: ['connected', 'ECONNREFUSED'],
  },
  'R-NOT-UNICAST': {
    line: 'TCP cannot connect to a broadcast or multicast address: ENETUNREACH.',
    outcomes: ['ENETUNREACH'],
  },
  'R-LOCAL-ADDRESS': {
    line: "A target that is one of the client host's own card addresses never leaves the host; a listener on that address, on 0.0.0.0 or on :: takes it.",
    outcomes: ['connected'],
  },
  'R-NO-ROUTE': {
    line: 'The client host has no route (no LAN of its own contains the target, no gateway route covers it): ENETUNREACH at once.',
    outcomes: ['ENETUNREACH'],
  },
  'R-NO-NEIGHBOUR': {
    line: 'The route leads onto a LAN where no host answers ARP for the next hop: EHOSTUNREACH after a few seconds.',
    outcomes: ['EHOSTUNREACH'],
  },
  'R-NO-FORWARDING': {
    line: 'The packet reached a gateway host that does not own the target; lab hosts do not forward, so it is dropped silently: ETIMEDOUT.',
    outcomes: ['ETIMEDOUT'],
  },
  'R-STRONG-HOST': {
    line: 'Windows (strong host model) drops a packet addressed to one of its addresses that arrived on a different card: ETIMEDOUT.',
    outcomes: ['ETIMEDOUT'],
  },
  'R-NO-RETURN-ROUTE': {
    line: "The target host has no way back to the client's address, so its SYN-ACK or RST is never sent: ETIMEDOUT.",
    outcomes: ['ETIMEDOUT'],
  },
  'R-WEAK-HOST': {
    line: "Linux (weak host model) accepts a packet for any of its addresses, whichever card it arrived on.",
    outcomes: ['connected'],
  },
  'R-LISTENER-MATCH': {
    line: 'A listener bound to the target address, to 0.0.0.0 (IPv4 targets) or to :: (both families, dual-stack) takes the connection.',
    outcomes: ['connected'],
  },
  'R-LOOPBACK-BIND-PRIVATE': {
    line: 'A listener bound to 127.0.0.1 or ::1 only takes connections addressed to that loopback address, never ones to a card address.',
    outcomes: ['ECONNREFUSED'],
  },
  'R-NO-LISTENER': {
    line: 'The packet reached the host, but no listener matches the address and port: the kernel answers the SYN with RST, ECONNREFUSED.',
    outcomes: ['ECONNREFUSED'],
  },
} as const satisfies Record<string, { line: string; outcomes: readonly ReachOutcome[] }>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(text: string): text is RuleId {
  return Object.hasOwn(RULES, text);
}

/** Behaviour that differs between systems, for the lesson's "on your machine" notes. */
export const KNOWN_DIFFERENCES: readonly { topic: string; linux: string; macos: string; windows: string }[] = [
  {
    topic: 'connect to 0.0.0.0 / ::',
    linux: 'Goes to 127.0.0.1 / ::1 on this host.',
    macos: "Goes to the host's first address, which is 127.0.0.1 on a normal Mac; :: goes to ::1.",
    windows: 'Refused at once with EADDRNOTAVAIL.',
  },
  {
    topic: 'packet for an address of another card',
    linux: 'Accepted (weak host model).',
    macos: 'Accepted (weak host model).',
    windows: 'Dropped (strong host model), unless the card is set to weak host receive or forwarding is on.',
  },
  {
    topic: 'bind 0.0.0.0:p and 192.168.0.1:p at once',
    linux: 'The second bind fails with EADDRINUSE (both listen; SO_REUSEADDR does not help).',
    macos: 'Allowed when both set SO_REUSEADDR (Node does); the more specific listener wins.',
    windows: 'Depends on SO_EXCLUSIVEADDRUSE; not modelled.',
  },
  {
    topic: 'loopback addresses',
    linux: 'The whole 127.0.0.0/8 belongs to "lo".',
    macos: 'Only 127.0.0.1 is configured unless aliases are added.',
    windows: 'The whole 127.0.0.0/8 is loopback.',
  },
];
