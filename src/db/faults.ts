import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from "typeorm";

// node-postgres and PostgreSQL codes that mean "the database cannot be reached right now":
// class 08 (connection), 57P0x (admin shutdown, crash shutdown, cannot connect now, database
// dropped) and 3D000 (the database does not exist: dropped, or not created yet on a new server).
const UNAVAILABLE_CODE = /^(08|57P0)|^3D000$|^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EPIPE|ENOENT)$/;
const UNAVAILABLE_MESSAGE = /timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|ECONNRESET|Client has encountered a connection error/;

/**
 * TypeORM lets go of a query runner's connection the moment that connection reports an error
 * (a terminated session between two statements of a transaction); the next statement then fails
 * with one of these before it is sent. The session ended, so its transaction did not commit.
 */
export function isReleasedRunner(error: unknown): boolean {
  return error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError;
}

/** True when PostgreSQL cancelled a statement for running past statement_timeout (a busy or locked database). */
export function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return !!e && typeof e === "object" && String(e.driverError?.code ?? e.code ?? "") === "57014";
}

/** True when an error says the database is down or unreachable (not that a query was wrong). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown }; thrownValue?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  // graphql-js wraps a thrown non-Error (as pg's connect failure can arrive) in NonErrorThrown.
  if (e.thrownValue) return isDatabaseUnavailable(e.thrownValue);
  if (isReleasedRunner(error)) return true;
  const code = String(e.driverError?.code ?? e.code ?? "");
  return UNAVAILABLE_CODE.test(code) || UNAVAILABLE_MESSAGE.test(String(e.message));
}

/** True when a statement broke a unique constraint (the constraint decided between two concurrent writers). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return !!e && typeof e === "object" && String(e.driverError?.code ?? e.code ?? "") === "23505";
}
