import { RateLimit } from "../../../src/server/rate-limit";

/** A clock the test moves by hand, in milliseconds. */
function clock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

function takeMany(limit: RateLimit, key: string, n: number): number {
  let allowed = 0;
  for (let i = 0; i < n; i++) if (limit.take(key) === null) allowed++;
  return allowed;
}

describe("rate limit (token bucket)", () => {
  it("lets a burst through at once, then refuses with a retry hint", () => {
    const c = clock();
    const limit = new RateLimit(200, 2000, c.now);
    expect(takeMany(limit, "a", 2000)).toBe(2000);
    expect(limit.take("a")).toBe(1);
  });

  it("sustains the rate and no more: over 10 s of constant demand, burst + 10 × rate", () => {
    const c = clock();
    const limit = new RateLimit(200, 2000, c.now);
    let allowed = 0;
    // A client sending 1,000 requests every 100 ms (10,000/s) for 10 s.
    for (let step = 0; step < 100; step++) {
      allowed += takeMany(limit, "a", 1000);
      c.advance(100);
    }
    // The old fixed-window pair let through about 2,000 + 10 × 400.
    expect(allowed).toBeGreaterThanOrEqual(2000 + 1980);
    expect(allowed).toBeLessThanOrEqual(2000 + 2000);
  });

  it("refills to the burst and not beyond after a pause", () => {
    const c = clock();
    const limit = new RateLimit(200, 2000, c.now);
    takeMany(limit, "a", 2000);
    c.advance(60_000);
    expect(takeMany(limit, "a", 5000)).toBe(2000);
  });

  it("keeps callers apart, and 0 turns the limit off", () => {
    const c = clock();
    const limit = new RateLimit(2, 5, c.now);
    expect(takeMany(limit, "a", 10)).toBe(5);
    expect(takeMany(limit, "b", 10)).toBe(5);
    expect(limit.take("a")).toBe(1);
    expect(takeMany(new RateLimit(0, 2000, c.now), "a", 10_000)).toBe(10_000);
    expect(takeMany(new RateLimit(200, 0, c.now), "a", 10_000)).toBe(10_000);
  });
});
