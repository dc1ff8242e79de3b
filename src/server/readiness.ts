import type { Readiness } from "./http-server";

// Balancers probe often; a ready answer may be this old. A not-ready one is never reused, so a
// recovered database turns the hub ready at the next probe.
const READY_FOR_MS = 1_000;

/** Wraps a readiness check: concurrent probes share one run, a positive answer is reused briefly. */
export function cachedReadiness(check: () => Promise<boolean>, now: () => number = Date.now): Readiness {
  let readyAt = -Infinity;
  let running: Promise<boolean> | null = null;
  return {
    check: async () => {
      if (now() - readyAt < READY_FOR_MS) return true;
      running ??= check()
        .catch(() => false)
        .then((ready) => {
          readyAt = ready ? now() : -Infinity;
          return ready;
        })
        .finally(() => (running = null));
      return running;
    },
  };
}
