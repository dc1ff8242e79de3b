import type { DataSource } from "typeorm";
import { inTransaction } from "../../../src/db/transaction";

/** A data source whose transactions fail with the given SQLSTATEs, in turn, then succeed. */
function failingWith(...codes: string[]) {
  let calls = 0;
  const dataSource = {
    transaction: async (_isolation: string, work: (m: unknown) => Promise<unknown>) => {
      const code = codes[calls++];
      if (code) throw Object.assign(new Error(`failure ${code}`), { code });
      return work({});
    },
  } as unknown as DataSource;
  return { dataSource, calls: () => calls };
}

describe("inTransaction retries", () => {
  it.each([
    ["a serialization failure", "40001"],
    ["a deadlock", "40P01"],
  ])("runs the work again after %s, for any work", async (_label, code) => {
    const db = failingWith(code, code);
    await expect(inTransaction(db.dataSource, async () => "done")).resolves.toBe("done");
    expect(db.calls()).toBe(3);
  });

  it.each([
    ["an administrator's termination", "57P01"],
    ["a broken connection", "08006"],
  ])("after %s retries only idempotent work: the commit may have landed", async (_label, code) => {
    const plain = failingWith(code);
    await expect(inTransaction(plain.dataSource, async () => "done")).rejects.toThrow(`failure ${code}`);
    expect(plain.calls()).toBe(1);
    const idempotent = failingWith(code);
    await expect(inTransaction(idempotent.dataSource, async () => "done", { idempotent: true })).resolves.toBe("done");
    expect(idempotent.calls()).toBe(2);
  });

  it("never retries a constraint violation, and gives up after five attempts", async () => {
    const unique = failingWith("23505");
    await expect(inTransaction(unique.dataSource, async () => "done", { idempotent: true })).rejects.toThrow("failure 23505");
    expect(unique.calls()).toBe(1);
    const stuck = failingWith("40001", "40001", "40001", "40001", "40001", "40001");
    await expect(inTransaction(stuck.dataSource, async () => "done")).rejects.toThrow("failure 40001");
    expect(stuck.calls()).toBe(5);
  });
});

describe("inTransaction after TypeORM released the runner", () => {
  it("runs any work again: the statement never left and the ended session took its transaction with it", async () => {
    const { QueryRunnerAlreadyReleasedError } = await import("typeorm");
    let calls = 0;
    const dataSource = {
      transaction: async (_isolation: string, work: (m: unknown) => Promise<unknown>) => {
        if (calls++ === 0) throw new QueryRunnerAlreadyReleasedError();
        return work({});
      },
    } as unknown as DataSource;
    await expect(inTransaction(dataSource, async () => "done")).resolves.toBe("done");
    expect(calls).toBe(2);
  });
});
