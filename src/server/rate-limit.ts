import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Per-caller token bucket: `perSecond` sustained, bursts up to `burst`. Kept in each instance's
 * memory: with N instances behind a balancer a caller may reach N times the rate. That is the
 * accepted trade (no database write per request); POLICY.md's limit is a guard, not a quota.
 */
export class RateLimit {
  private readonly limiter: BurstyRateLimiter | null;

  constructor(perSecond: number, burst: number) {
    this.limiter =
      perSecond > 0 && burst > 0
        ? new BurstyRateLimiter(
            new RateLimiterMemory({ points: perSecond, duration: 1 }),
            new RateLimiterMemory({ keyPrefix: "burst", points: burst, duration: Math.max(1, Math.ceil(burst / perSecond)) }),
          )
        : null;
  }

  /** Null when the call may go ahead; else the seconds to wait. */
  async take(key: string): Promise<number | null> {
    if (!this.limiter) return null;
    try {
      await this.limiter.consume(key);
      return null;
    } catch (res) {
      if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw res;
    }
  }
}
