import { describe, expect, it } from 'vitest';
import { isLeftover, liveNamespaces } from '../src/netlab/leftovers.ts';

/** Which namespaces a start may remove: only the project's own names whose process is gone. */
describe('isLeftover', () => {
  const dead = 4194303; // above any pid_max: never a running process

  it('takes our names whose owner process is gone', () => {
    expect(isLeftover(`sockpg-${dead}-pc1`)).toBe(true);
    expect(isLeftover(`sockpg-${dead}-sw`)).toBe(true);
  });

  it('leaves a run that still runs alone (this process’s live labs, another live process)', () => {
    expect(isLeftover(`sockpg-${process.ppid}-pc1`)).toBe(false);
    const mine = `sockpg-${process.pid}-pc1`;
    liveNamespaces.add(mine);
    try {
      expect(isLeftover(mine)).toBe(false);
    } finally {
      liveNamespaces.delete(mine);
    }
    // Ours by name, but no live lab holds it: a lab of ours that failed half-way.
    expect(isLeftover(mine)).toBe(true);
  });

  it('never takes a name without the exact prefix and shape', () => {
    for (const ns of ['other', `other-${dead}-pc1`, `xsockpg-${dead}-pc1`, `sockpgx-${dead}-pc1`, `sockpg-${dead}`, `sockpg-${dead}-`, `sockpg-abc-pc1`, `sockpg-${dead}-pc1-extra`, `SOCKPG-${dead}-pc1`, `sockpg-${dead}-Pc1`]) {
      expect(isLeftover(ns), ns).toBe(false);
    }
  });
});
