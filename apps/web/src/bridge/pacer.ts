/**
 * The page's own pace for commands: a token bucket kept under the bridge's (LIMITS.commandBurst,
 * LIMITS.commandsPerSecond), so the page's loops (fetching every byte block, show-me) are queued
 * here rather than refused there with RATE_LIMITED.
 */
export class Pacer {
  private tokens: number;
  private last: number;

  constructor(
    readonly burst: number,
    readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Take one token: 0 when it was there, else how many ms until one will be. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.last) * this.perSecond) / 1000);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.perSecond));
  }
}
