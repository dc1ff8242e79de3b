import type { DataSource } from "typeorm";

// Any constant shared by every hub instance; it names the "migrations" advisory lock.
const MIGRATION_LOCK = 7_321_000_001;

/** Applies pending migrations; several instances starting at once apply them once. */
export async function runMigrations(db: DataSource): Promise<string[]> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK]);
    const applied = await db.runMigrations({ transaction: "each" });
    return applied.map((m) => m.name);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

export async function hasPendingMigrations(db: DataSource): Promise<boolean> {
  return db.showMigrations();
}

/**
 * True when the newest migration this build knows is recorded as applied: the schema is the one
 * the code expects (a restored backup, a database re-created empty or an older schema is not).
 * One statement on a table of a few rows.
 */
export async function newestMigrationApplied(db: DataSource): Promise<boolean> {
  const newest = db.migrations[db.migrations.length - 1]?.name;
  if (!newest) return true;
  const [row] = await db.query(`SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = $1) AS applied`, [newest]);
  return row?.applied === true;
}
