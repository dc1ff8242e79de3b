/** The channel on which a change to a keyed agency announces the key's hash (a trigger on agency sends it at commit). */
export const AGENCY_KEY_CHANNEL = "hub_agency_key";

export interface KeyCacheSettings {
  /** Most keys held; the least recently used goes first. 0 turns the cache off. */
  maxEntries: number;
  /** How long a holder is trusted without the database being asked again: the fallback should an announcement be missed. */
  ttlMs: number;
}

/**
 * The holders of live API keys, per instance, by the key's hash: a request with a known key costs
 * no statement. Only live holders are kept (an unknown or revoked key is always looked up, and
 * failures are rate-limited elsewhere). A revocation is heard through LISTEN/NOTIFY and forgets
 * the key at once; while this instance cannot hear (its listening connection is down, or it was
 * never told it can), nothing is served from memory, and an entry older than the TTL is looked
 * up again in any case.
 */
export class KeyCache<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();
  /** Bumped by every forget: a lookup that started before one must not store what it read. */
  private generation = 0;
  private hearing = false;

  constructor(
    private readonly settings: KeyCacheSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Whether revocations reach this instance. An instance alone on its database (the embedded one)
   * hears its own; one of several hears them while its listening connection is up. Losing it
   * forgets everything, since what was announced meanwhile is lost.
   */
  setHearing(hearing: boolean): void {
    if (!hearing) this.clear();
    this.hearing = hearing;
  }

  async get(hash: string, load: () => Promise<T | null>): Promise<T | null> {
    if (!this.hearing || this.settings.maxEntries <= 0) return load();
    const hit = this.entries.get(hash);
    if (hit && this.now() - hit.at < this.settings.ttlMs) {
      // Most recently used last, so the oldest use is first to go.
      this.entries.delete(hash);
      this.entries.set(hash, hit);
      return hit.value;
    }
    const generation = this.generation;
    const value = await load();
    if (value === null) {
      this.entries.delete(hash);
    } else if (generation === this.generation && this.hearing) {
      this.entries.delete(hash);
      this.entries.set(hash, { value, at: this.now() });
      if (this.entries.size > this.settings.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  forget(hash: string): void {
    this.generation++;
    this.entries.delete(hash);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
