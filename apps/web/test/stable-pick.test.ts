import { describe, expect, it } from 'vitest';
import { sameJson, StablePick } from '../src/bridge/store.ts';

interface Lab {
  privileged: boolean;
  steppers: { id: string; step: number }[];
  bytes: number;
}

describe('StablePick', () => {
  it('hands back the same part while only other parts change', () => {
    const pick = new StablePick<Lab, Lab['steppers']>();
    const select = (lab: Lab) => lab.steppers;
    const a: Lab = { privileged: false, steppers: [{ id: 's1', step: 1 }], bytes: 10 };
    const first = pick.pick(a, select, sameJson);
    // A new state from the bridge: new objects everywhere, same steppers by value, more bytes.
    const b: Lab = { privileged: false, steppers: [{ id: 's1', step: 1 }], bytes: 20 };
    expect(pick.pick(b, select, sameJson)).toBe(first);
    const c: Lab = { ...b, steppers: [{ id: 's1', step: 2 }] };
    const changed = pick.pick(c, select, sameJson);
    expect(changed).not.toBe(first);
    expect(changed).toEqual([{ id: 's1', step: 2 }]);
  });

  it('does not call select again for the same value, and compares flags with Object.is by default', () => {
    const pick = new StablePick<Lab, boolean>();
    let calls = 0;
    const select = (lab: Lab) => (calls++, lab.privileged);
    const a: Lab = { privileged: true, steppers: [], bytes: 0 };
    expect(pick.pick(a, select, Object.is)).toBe(true);
    expect(pick.pick(a, select, Object.is)).toBe(true);
    expect(calls).toBe(1);
    expect(pick.pick({ ...a, privileged: false }, select, Object.is)).toBe(false);
  });

  it('sameJson: equal by value, different when any field differs', () => {
    expect(sameJson([{ a: 1 }], [{ a: 1 }])).toBe(true);
    expect(sameJson([{ a: 1 }], [{ a: 2 }])).toBe(false);
  });
});
