// node-postgres and PostgreSQL codes that mean "the database cannot be reached right now".
const UNAVAILABLE_CODE = /^(08|57P0)|^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EPIPE|ENOENT)$/;
const UNAVAILABLE_MESSAGE = /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error/;

/** True when an error says the database is down or unreachable (not that a query was wrong). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown } } | null;
  if (!e) return false;
  const code = String(e.driverError?.code ?? e.code ?? "");
  return UNAVAILABLE_CODE.test(code) || UNAVAILABLE_MESSAGE.test(String(e.message));
}
