import { createHash } from "node:crypto";
import type { Pool } from "pg";
import type { DataSource } from "typeorm";
import { statementCounter } from "./statement-counter";

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `hub_${createHash("sha1").update(text).digest("base64url").slice(0, 22)}`));
  return name;
}

/**
 * Runs a read as a named prepared statement on the pool under TypeORM. An unnamed statement is
 * parsed and planned on every call: for the profile's one statement that was 6 ms of database CPU
 * per request, more than running it. Each connection prepares a text once; the texts are the
 * loaders' own (a bounded set), never built from values. `accessLog`: the access log's own append,
 * counted apart (db/statement-counter).
 */
export async function preparedQuery<R = Record<string, unknown>>(
  db: DataSource,
  text: string,
  values: unknown[],
  options: { accessLog?: boolean } = {},
): Promise<R[]> {
  const pool = (db.driver as unknown as { master: Pool }).master;
  statementCounter.increment(options.accessLog);
  const result = await pool.query({ name: statementName(text), text, values });
  return result.rows as R[];
}
