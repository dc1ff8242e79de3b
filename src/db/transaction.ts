import type { DataSource, EntityManager } from "typeorm";
import { isReleasedRunner } from "./faults";

/** The server rolled the transaction back and said so: running it again is always safe. */
const ROLLED_BACK = new Set(["40001", "40P01"]);
/** The connection went away: the transaction may or may not have committed. */
const CONNECTION_LOST = new Set(["57P01"]);
const MAX_ATTEMPTS = 5;

function sqlState(err: unknown): string | undefined {
  const code = (err as { driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
  return typeof code === "string" ? code : undefined;
}

function isRetryable(err: unknown, idempotent: boolean): boolean {
  // The session ended before this statement left, so the transaction died with it: never committed.
  if (isReleasedRunner(err)) return true;
  const code = sqlState(err);
  if (code === undefined) return false;
  if (ROLLED_BACK.has(code)) return true;
  return idempotent && (CONNECTION_LOST.has(code) || code.startsWith("08"));
}

export interface TransactionOptions {
  /**
   * The work writes nothing twice when run again (a unique key answers the repeat): only then is
   * it retried after a lost connection, when the hub cannot know whether COMMIT arrived.
   */
  idempotent?: boolean;
  isolation?: "READ COMMITTED" | "SERIALIZABLE";
}

/**
 * Runs a unit of work in one transaction: it commits whole or not at all. Serialization
 * failures and deadlocks are retried with jitter and never reach the caller; a lost connection
 * only for idempotent work.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  { idempotent = false, isolation = "READ COMMITTED" }: TransactionOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(isolation, work);
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(err, idempotent)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
