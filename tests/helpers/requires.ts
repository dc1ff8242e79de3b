/**
 * Tests that need a PostgreSQL server (DATABASE_URL): several connections at once, other hub
 * processes on the same database, LISTEN/NOTIFY, roles, pg_terminate_backend. The embedded
 * database serves one connection in one process. Without DATABASE_URL they are skipped, and the
 * skipped test's name says so (CI always sets DATABASE_URL, so it runs them all).
 */
const REASON = "[skipped: needs a PostgreSQL server in DATABASE_URL; the embedded database has one connection]";
const onServer = Boolean(process.env.DATABASE_URL);

export const itOnPostgres = (name: string, fn: jest.ProvidesCallback, timeout?: number): void =>
  onServer ? it(name, fn, timeout) : it.skip(`${name} ${REASON}`, fn);

export const describeOnPostgres = (name: string, fn: () => void): void =>
  onServer ? describe(name, fn) : describe.skip(`${name} ${REASON}`, fn);
