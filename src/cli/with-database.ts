import type { Config } from "../config";
import type { Database } from "../db/database";

/**
 * Runs a command against the hub's database: DATABASE_URL, the running hub's embedded database
 * (through its socket), or the embedded folder opened directly when no hub is running.
 * Pending migrations are applied first, as the server would on start.
 *
 * The database code and every module's entities (TypeORM, type-graphql, the domains) are loaded
 * here, when a command opens the database, not when `hub` starts: `hub --help` needs none of them.
 */
export async function withDatabase<T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> {
  const [{ entities }, { openDatabase }, { runMigrations }] = await Promise.all([import("../modules"), import("../db/database"), import("../db/migrate")]);
  const database = await openDatabase(config, "cli", entities);
  try {
    await runMigrations(database.dataSource);
    return await work(database);
  } finally {
    await database.close();
  }
}
