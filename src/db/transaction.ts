import type { DataSource, EntityManager } from "typeorm";

const RETRYABLE = new Set(["40001", "40P01", "57P01"]);
const MAX_ATTEMPTS = 5;

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string; driverError?: { code?: string } }).driverError?.code ??
    (err as { code?: string }).code;
  return typeof code === "string" && (RETRYABLE.has(code) || code.startsWith("08"));
}

/**
 * Runs a unit of work in one transaction: it commits whole or not at all. Serialization
 * failures and deadlocks are retried with jitter and never reach the caller.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  isolation: "READ COMMITTED" | "SERIALIZABLE" = "READ COMMITTED",
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(isolation, work);
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
