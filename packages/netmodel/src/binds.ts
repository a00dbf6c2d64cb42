import { isLoopback, isUnspecified, mustParse, parseAddress, unmap } from './parse.ts';
import type { ParsedIp, RejectCode } from './parse.ts';

/**
 * Listening sockets: the kernel's choice among them and which binds clash on one port. Binds
 * are IP literals after resolution; "::" is dual-stack, as Node makes it (IPV6_V6ONLY off);
 * an IPv4-mapped bind (::ffff:a.b.c.d) behaves as a.b.c.d. Also the names the learner types:
 * the bind host ('', 'localhost', '::') and the client's 'localhost'.
 */

export interface Listener {
  /** The bind address as given (normalised). */
  bind: string;
  /** What the kernel compares against: the IPv4 address for a mapped bind. */
  ip: ParsedIp;
  wildcard: 'v4' | 'dual' | null;
}

export function toListener(bind: string): Listener {
  const parsed = mustParse(bind, 'bind address (resolve "", "localhost" first)');
  const ip = unmap(parsed);
  const wildcard = !isUnspecified(ip) ? null : ip.version === 4 ? 'v4' : 'dual';
  return { bind: parsed.address, ip, wildcard };
}

export function isLoopbackListener(l: Listener): boolean {
  return isLoopback(l.ip);
}

/**
 * The listener that takes a connection to `dst`, best match first as Linux scores them:
 * an exact address beats a wildcard, and 0.0.0.0 beats :: for IPv4.
 */
export function matchListener(listeners: readonly Listener[], dst: ParsedIp): Listener | null {
  const target = unmap(dst);
  const exact = listeners.find((l) => l.wildcard === null && l.ip.address === target.address);
  if (exact) return exact;
  if (target.version === 4) {
    const any4 = listeners.find((l) => l.wildcard === 'v4');
    if (any4) return any4;
  }
  return listeners.find((l) => l.wildcard === 'dual') ?? null;
}

/** Plain words for why a listener took a connection. */
export function matchText(l: Listener, dst: ParsedIp): string {
  if (l.wildcard === 'v4') return `the listener on 0.0.0.0 takes every IPv4 address of the host, ${dst.address} included`;
  if (l.wildcard === 'dual') return `the dual-stack listener on :: takes every IPv6 and IPv4 address of the host, ${dst.address} included`;
  return `the listener bound to ${l.bind} matches the target exactly`;
}

export interface BindConflict {
  /** The bind that was listening first. */
  first: string;
  /** The later bind, which fails. */
  second: string;
  outcome: 'EADDRINUSE';
  why: string;
  /** 'taken': the same address again; 'overlap': a wildcard (0.0.0.0 or ::) already covers it. */
  whyId: 'taken' | 'overlap';
}

function overlaps(a: Listener, b: Listener): boolean {
  if (a.wildcard === 'dual' || b.wildcard === 'dual') return true;
  if (a.wildcard === 'v4') return b.ip.version === 4;
  if (b.wildcard === 'v4') return a.ip.version === 4;
  return a.ip.address === b.ip.address;
}

function conflictWhy(a: Listener, b: Listener): string {
  if (a.ip.address === b.ip.address && a.wildcard === b.wildcard) return `${b.bind} is already taken on this port by the first listener.`;
  const wide = a.wildcard === 'dual' || b.wildcard === 'dual' ? '::' : '0.0.0.0';
  const cover = wide === '::' ? 'every IPv6 and IPv4 address (dual-stack)' : 'every IPv4 address';
  return `${wide} already covers ${cover}; on Linux two listening sockets may not overlap on one port, SO_REUSEADDR (which Node sets) or not.`;
}

/**
 * Whether a new listener on `candidate` clashes with ones already listening on the same port
 * (all IP literals). Overlap: equal addresses; 0.0.0.0 with any IPv4 address; dual-stack ::
 * with anything. 127.0.0.1 and ::1 do not overlap, nor do 0.0.0.0 and ::1.
 */
export function firstClash(listening: readonly string[], candidate: string): BindConflict | null {
  const l = toListener(candidate);
  for (const text of listening) {
    const u = toListener(text);
    if (overlaps(u, l)) {
      const whyId = u.ip.address === l.ip.address && u.wildcard === l.wildcard ? 'taken' : 'overlap';
      return { first: u.bind, second: l.bind, outcome: 'EADDRINUSE', why: conflictWhy(u, l), whyId };
    }
  }
  return null;
}

/**
 * Which binds of one port clash on Linux, in order: each later bind that overlaps an earlier,
 * successfully listening one fails with EADDRINUSE (Node binds and listens in one step, and
 * Linux lets listening sockets share a port only when their addresses do not overlap).
 * Texts that are not IP literals are skipped. (macOS with SO_REUSEADDR lets 0.0.0.0 and a
 * specific address share a port; not modelled.)
 */
export function bindConflicts(binds: readonly string[]): BindConflict[] {
  const up: string[] = [];
  const conflicts: BindConflict[] = [];
  for (const text of binds) {
    const p = parseAddress(text);
    if (!p.ok) continue;
    const clash = firstClash(up, p.address);
    if (clash) conflicts.push(clash);
    else up.push(p.address);
  }
  return conflicts;
}

export type Os = 'linux' | 'macos' | 'windows';

/**
 * What "localhost" resolves to when no hosts file is given: 127.0.0.1 only, as in the notes
 * and in a hosts file with the single line "127.0.0.1 localhost". Many Linux systems also
 * list "::1 localhost"; pass their order explicitly (see `localhostFromHostsFile`).
 */
export const DEFAULT_LOCALHOST: readonly string[] = ['127.0.0.1'];

/**
 * The addresses a hosts file gives "localhost", in the order getaddrinfo() returns them:
 * glibc sorts by RFC 6724, which puts ::1 ahead of 127.0.0.1 when both are listed;
 * within one family the file order is kept. Node 20 keeps that order (verbatim).
 */
export function localhostFromHostsFile(text: string): string[] {
  const found: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const [addr = '', ...names] = line.split(/\s+/);
    if (!names.some((n) => n.toLowerCase() === 'localhost')) continue;
    const p = parseAddress(addr);
    if (p.ok && !found.includes(p.address)) found.push(p.address);
  }
  const v6 = found.filter((a) => a.includes(':'));
  const v4 = found.filter((a) => !a.includes(':'));
  return [...v6, ...v4];
}

/** How a client's connect to "localhost" unfolds, in words. */
export function describeLocalhost(addresses: readonly string[], os: Os = 'linux'): string {
  const source =
    os === 'windows'
      ? 'Windows answers "localhost" itself (::1 and 127.0.0.1) without reading the hosts file.'
      : '"localhost" is only a name: the hosts file (/etc/hosts) says which addresses it has.';
  if (addresses.length === 0) return `${source} Here it has none, so the lookup fails (ENOTFOUND).`;
  if (addresses.length === 1) return `${source} Here it is ${addresses[0]} only, so the client connects to ${addresses[0]}.`;
  return (
    `${source} Here it is ${addresses.join(' then ')}. Node 20 tries them in that order (autoSelectFamily): ` +
    `a server on ${addresses[1]} only first gives "ECONNREFUSED ${addresses[0]}" for the first try, then the next address connects; ` +
    'if every address fails, the error lists them all.'
  );
}

export interface BindResolution {
  /** What was typed, e.g. "", "localhost", "::". */
  typed: string;
  /** The address the socket is really bound to; null when the text is not usable. */
  address: string | null;
  note: string;
  /** Which sentence `note` is; 'invalid' comes with the parser's `code`. */
  noteId: BindNoteId;
  code?: RejectCode;
}

export type BindNoteId = 'empty' | 'localhost-none' | 'localhost' | 'invalid' | 'any-v4' | 'any-dual' | 'loopback-v6' | 'literal';

export const BIND_NOTE_IDS: readonly BindNoteId[] = ['empty', 'localhost-none', 'localhost', 'invalid', 'any-v4', 'any-dual', 'loopback-v6', 'literal'];

/**
 * What a typed bind host becomes, the way the lab resolves it: '' and '0.0.0.0' → 0.0.0.0
 * (every IPv4 address); 'localhost' → the first address it resolves to (Node's listen() binds
 * only that one); '::' → dual-stack; an IP literal as it is; anything else is refused.
 */
export function resolveBindHost(typed: string, localhost: readonly string[] = DEFAULT_LOCALHOST): BindResolution {
  const text = typed.trim();
  if (text === '') return { typed, address: '0.0.0.0', noteId: 'empty', note: 'An empty host means every IPv4 address of the host, the same as 0.0.0.0 (as with bind(("", port)) in the notes).' };
  if (text.toLowerCase() === 'localhost') {
    const first = localhost[0];
    if (first === undefined) return { typed, address: null, noteId: 'localhost-none', note: '"localhost" has no address here, so there is nothing to bind (ENOTFOUND).' };
    const others = localhost.length > 1 ? ` The lookup also gave ${localhost.slice(1).join(', ')}, but listen() binds only the first answer.` : '';
    return { typed, address: first, noteId: 'localhost', note: `"localhost" is looked up first: it means ${first} here, so the server binds ${first}.${others}` };
  }
  const p = parseAddress(text);
  if (!p.ok) return { typed, address: null, noteId: 'invalid', code: p.code, note: `Not usable as a bind address: ${p.reason}.` };
  if (p.address === '0.0.0.0') return { typed, address: p.address, noteId: 'any-v4', note: '0.0.0.0: every IPv4 address of the host, loopback and every card.' };
  if (p.address === '::') return { typed, address: p.address, noteId: 'any-dual', note: ':: with Node\'s default is dual-stack: every IPv6 and every IPv4 address of the host.' };
  if (p.address === '::1') return { typed, address: p.address, noteId: 'loopback-v6', note: '::1 is IPv6 loopback only: IPv4 clients (127.0.0.1, 0.0.0.0) do not reach it.' };
  return { typed, address: p.address, noteId: 'literal', note: `Bound to ${p.address} only.` };
}
