/**
 * Per-caller token bucket (200 requests/s sustained, bursts of 2000 by default): a bucket holds up
 * to `burst` tokens, refills at `perSecond`, and each request takes one. rate-limiter-flexible,
 * used before, only has fixed windows; its BurstyRateLimiter added a 2000-per-10-s window to the
 * 200-per-second one, which let a caller sustain 400 requests/s. The bucket is a few lines of
 * arithmetic, exact, and needs no timers.
 *
 * Kept in each instance's memory: with N instances behind a balancer a caller may reach N times
 * the rate. That is the accepted trade (no database write per request); the limit is a guard
 * against runaway clients, not a quota.
 */
export class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Null when the call may go ahead; else the whole seconds to wait for the next token. */
  take(key: string): number | null {
    if (this.perSecond <= 0 || this.burst <= 0) return null;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.forgetFullBuckets(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  /**
   * Like `take`, without taking: the wait before the next token, or null. For limits that are
   * charged only afterwards (a failed authentication) but must be checked before the work.
   */
  wait(key: string): number | null {
    if (this.perSecond <= 0 || this.burst <= 0) return null;
    const bucket = this.buckets.get(key);
    if (!bucket) return null;
    const tokens = Math.min(this.burst, bucket.tokens + ((this.now() - bucket.at) / 1000) * this.perSecond);
    return tokens >= 1 ? null : Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }

  /** A bucket that has refilled completely says nothing a new one would not: dropping it bounds memory (public callers are keyed by address). */
  private forgetFullBuckets(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key);
    }
  }
}
