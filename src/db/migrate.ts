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
