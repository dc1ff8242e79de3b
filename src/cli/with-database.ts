import { entities } from "../modules";
import type { Config } from "../config";
import { type Database, openDatabase } from "../db/database";
import { runMigrations } from "../db/migrate";

/**
 * Runs a command against the hub's database: DATABASE_URL, the running hub's embedded database
 * (through its socket), or the embedded folder opened directly when no hub is running.
 * Pending migrations are applied first, as the server would on start.
 */
export async function withDatabase<T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config, "cli", entities);
  try {
    await runMigrations(database.dataSource);
    return await work(database);
  } finally {
    await database.close();
  }
}
