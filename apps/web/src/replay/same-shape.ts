/**
 * Whether `input` (from JSON.parse) has exactly the keys of `checked` (the schema's output for
 * it), at every level. The event schemas have no defaults or transforms; they only drop keys they
 * do not know. So when nothing was dropped, the input is what the schema would have given, and a
 * session file's million events can keep JSON.parse's objects: V8 builds those smaller than the
 * schema's copies (a million events: ~19 MB less page heap, measured with bench/timeline.bench.ts).
 */
export function sameShape(input: unknown, checked: unknown): boolean {
  if (input === checked) return true;
  if (typeof input !== 'object' || typeof checked !== 'object' || input === null || checked === null) return Object.is(input, checked);
  if (Array.isArray(input) !== Array.isArray(checked)) return false;
  const a = input as Record<string, unknown>;
  const b = checked as Record<string, unknown>;
  let n = 0;
  for (const k in a) {
    if (!Object.hasOwn(a, k)) continue;
    if (!Object.hasOwn(b, k) || !sameShape(a[k], b[k])) return false;
    n++;
  }
  for (const k in b) if (Object.hasOwn(b, k)) n--;
  return n === 0;
}
