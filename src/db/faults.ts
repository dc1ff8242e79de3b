// node-postgres and PostgreSQL codes that mean "the database cannot be reached right now".
const UNAVAILABLE_CODE = /^(08|57P0)|^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EPIPE|ENOENT)$/;
const UNAVAILABLE_MESSAGE = /timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|ECONNRESET|Client has encountered a connection error/;

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
  const code = String(e.driverError?.code ?? e.code ?? "");
  return UNAVAILABLE_CODE.test(code) || UNAVAILABLE_MESSAGE.test(String(e.message));
}
