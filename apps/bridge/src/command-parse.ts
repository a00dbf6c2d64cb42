import { PageCommand, usableReqId, type WireError } from '@socket-playground/protocol';

type Issue = NonNullable<ReturnType<typeof PageCommand.safeParse>['error']>['issues'][number];

export type ParsedCommand = { ok: true; value: PageCommand } | { ok: false; error: WireError };

/** Keys that mean something to JavaScript objects: never part of the protocol, refused wherever they appear. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Where a forbidden key sits in parsed JSON (e.g. "spec.__proto__"), or undefined. Iterative: no stack to exhaust. */
export function forbiddenKeyPath(value: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    for (const key of Object.keys(v)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return at;
      stack.push({ value: (v as Record<string, unknown>)[key], path: at });
    }
  }
  return undefined;
}

/** The reqId of a message that failed, when it carries a usable one: the page waits for a reply to it. */
export const reqIdOf = usableReqId;

/** One zod issue in a line a developer can act on: where, and what was expected. */
function describeIssue(issue: Issue, json: unknown): string {
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    let received: unknown = json;
    for (const key of issue.path) received = typeof received === 'object' && received !== null ? (received as Record<PropertyKey, unknown>)[key] : undefined;
    // Only a primitive is shown: a deep value must not be walked again (JSON.stringify recurses).
    const key = String(issue.path.at(-1) ?? 'value');
    const what =
      received === undefined
        ? `no ${key}`
        : received === null || typeof received !== 'object'
          ? `unknown ${key} ${JSON.stringify(received).slice(0, 64)}`
          : `${key} is ${Array.isArray(received) ? 'an array' : 'an object'}`;
    return `${what}: expected one of ${issue.options.map(String).join(', ')}`;
  }
  return issue.message;
}

/**
 * Parse one page message: JSON, then no forbidden keys, then the protocol's schema. Never throws.
 * The error names the path and what was expected; with a usable reqId it carries it in its context.
 */
export function parsePageCommand(text: string): ParsedCommand {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'BAD_MESSAGE', message: 'not valid JSON' } };
  }
  const reqId = reqIdOf(json);
  const fail = (message: string): ParsedCommand => ({
    ok: false,
    error: { code: 'BAD_MESSAGE', message: message.slice(0, 1000), ...(reqId !== undefined ? { context: { reqId } } : {}) },
  });
  const forbidden = forbiddenKeyPath(json);
  if (forbidden !== undefined) return fail(`does not match the protocol at ${forbidden}: the key "${forbidden.split('.').at(-1) ?? ''}" is not allowed`);
  let result: ReturnType<typeof PageCommand.safeParse>;
  try {
    result = PageCommand.safeParse(json);
  } catch {
    // A schema walk that ran out of stack on absurdly deep input: malformed, whatever it was.
    return fail('does not match the protocol: nested too deeply');
  }
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues;
  const first = issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.map(String).join('.')}` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const safeDescribe = (): string => {
    try {
      return first ? describeIssue(first, json) : 'invalid';
    } catch {
      return 'invalid';
    }
  };
  return fail(`does not match the protocol${where}: ${safeDescribe()}${more}`);
}
