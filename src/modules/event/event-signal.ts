/**
 * "There may be new events": woken by the instance's LISTEN connection whenever any instance
 * commits events (and when that connection comes back, since it heard nothing while down).
 * A waiter passes the generation it saw before it last read, so a wake between its read and
 * its wait is not lost.
 */
export class EventSignal {
  private generation = 0;
  private readonly waiters = new Set<() => void>();
  /** Set by the LISTEN connection's owner: while false, nobody wakes readers and they look more often. */
  listening = false;

  get current(): number {
    return this.generation;
  }

  wake(): void {
    this.generation++;
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const w of waiting) w();
  }

  /** Resolves at the first wake after `seen` (at once if one came already), after `ms`, or on abort. */
  wait(seen: number, ms: number, abort: AbortSignal): Promise<void> {
    if (this.generation !== seen || abort.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      abort.addEventListener("abort", done, { once: true });
    });
  }

  get waiting(): number {
    return this.waiters.size;
  }
}
