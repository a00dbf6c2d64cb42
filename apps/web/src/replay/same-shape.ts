/**
 * Whether `input` (from JSON.parse) has exactly the keys of `checked` (the schema's output for
 * it), at every level. The event schemas have no defaults or transforms (a test parses every kind
 * of event and compares); they only drop keys they do not know. So when the key counts agree, the
 * input is what the schema would have given, and a session file's million events can keep
 * JSON.parse's objects: V8 builds those smaller than the schema's copies (a million events: ~19 MB
 * less page heap, measured with bench/timeline.bench.ts). Counting keys is ~3× cheaper than
 * comparing every value, which the invariant makes unnecessary.
 */
export function sameShape(input: unknown, checked: unknown): boolean {
  if (input === checked) return true;
  if (typeof input !== 'object' || input === null || typeof checked !== 'object' || checked === null) return Object.is(input, checked);
  if (Array.isArray(input) !== Array.isArray(checked)) return false;
  const a = input as Record<string, unknown>;
  const b = checked as Record<string, unknown>;
  let n = 0;
  for (const k in b) {
    n++;
    const v = a[k];
    const w = b[k];
    if (((typeof v === 'object' && v !== null) || (typeof w === 'object' && w !== null)) && !sameShape(v, w)) return false;
  }
  return n === keyCount(a);
}

/** JSON.parse makes plain objects: for-in sees only their own keys. */
function keyCount(o: object): number {
  let n = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the keys are only counted
  for (const key in o) n++;
  return n;
}
