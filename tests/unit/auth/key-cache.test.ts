import { KeyCache } from "../../../src/auth/key-cache";

/** A clock the test moves by hand, in milliseconds. */
function clock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

/** A loader that counts its calls and answers what the "database" holds now. */
function directory(rows: Record<string, string | null>) {
  let calls = 0;
  return {
    load: (hash: string) => () => {
      calls++;
      return Promise.resolve(rows[hash] ?? null);
    },
    get calls() {
      return calls;
    },
    rows,
  };
}

describe("API key cache", () => {
  it("serves a live key from memory after its first lookup", async () => {
    const cache = new KeyCache<string>({ maxEntries: 10, ttlMs: 10_000 });
    cache.setHearing(true);
    const db = directory({ a: "agency A" });
    expect(await cache.get("a", db.load("a"))).toBe("agency A");
    expect(await cache.get("a", db.load("a"))).toBe("agency A");
    expect(db.calls).toBe(1);
  });

  it("never keeps an unknown or revoked key", async () => {
    const cache = new KeyCache<string>({ maxEntries: 10, ttlMs: 10_000 });
    cache.setHearing(true);
    const db = directory({});
    expect(await cache.get("x", db.load("x"))).toBeNull();
    expect(await cache.get("x", db.load("x"))).toBeNull();
    expect(db.calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("asks the database again once a forgotten key or the TTL has passed", async () => {
    const c = clock();
    const cache = new KeyCache<string>({ maxEntries: 10, ttlMs: 1_000 }, c.now);
    cache.setHearing(true);
    const db = directory({ a: "agency A" });
    await cache.get("a", db.load("a"));
    db.rows.a = null; // revoked
    cache.forget("a");
    expect(await cache.get("a", db.load("a"))).toBeNull();

    db.rows.a = "agency A";
    await cache.get("a", db.load("a"));
    db.rows.a = null; // revoked, and the announcement lost
    c.advance(999);
    expect(await cache.get("a", db.load("a"))).toBe("agency A");
    c.advance(1);
    expect(await cache.get("a", db.load("a"))).toBeNull();
  });

  it("does not store what a lookup read when the key was forgotten while it ran", async () => {
    const cache = new KeyCache<string>({ maxEntries: 10, ttlMs: 10_000 });
    cache.setHearing(true);
    let release!: () => void;
    const slow = () => new Promise<string>((resolve) => (release = () => resolve("agency A, as read before the revocation")));
    const pending = cache.get("a", slow);
    cache.forget("a"); // the revocation's announcement arrives while the read is on its way
    release();
    await pending;
    expect(cache.size).toBe(0);
  });

  it("serves nothing from memory while it cannot hear revocations, and forgets all it had", async () => {
    const cache = new KeyCache<string>({ maxEntries: 10, ttlMs: 10_000 });
    const db = directory({ a: "agency A" });
    await cache.get("a", db.load("a"));
    await cache.get("a", db.load("a"));
    expect(db.calls).toBe(2); // never told it can hear

    cache.setHearing(true);
    await cache.get("a", db.load("a"));
    cache.setHearing(false); // the listening connection was lost
    expect(cache.size).toBe(0);
    await cache.get("a", db.load("a"));
    expect(db.calls).toBe(4);
  });

  it("holds at most its bound, dropping the least recently used key", async () => {
    const cache = new KeyCache<string>({ maxEntries: 2, ttlMs: 10_000 });
    cache.setHearing(true);
    const db = directory({ a: "A", b: "B", c: "C" });
    await cache.get("a", db.load("a"));
    await cache.get("b", db.load("b"));
    await cache.get("a", db.load("a")); // a used again: b is now the oldest
    await cache.get("c", db.load("c"));
    expect(cache.size).toBe(2);
    const before = db.calls;
    await cache.get("a", db.load("a"));
    expect(db.calls).toBe(before);
    await cache.get("b", db.load("b"));
    expect(db.calls).toBe(before + 1);
  });
});
