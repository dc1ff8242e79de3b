import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { type ConnectionTarget, type Entities, createDataSource } from "./data-source";
import { openEmbedded } from "./embedded";
import { serializedClientClass } from "./embedded-client";

export interface Database {
  dataSource: DataSource;
  mode: "external" | "embedded";
  /** Where it is, for a connection outside the pool (the LISTEN connection). */
  target: ConnectionTarget;
  close(): Promise<void>;
}

// The embedded socket server refuses connections beyond its limit: leave room for the CLI.
const EMBEDDED_SOCKET_CONNECTIONS = 32;

/**
 * Connects to DATABASE_URL, or opens the embedded database. `role: "cli"` joins a running
 * hub's embedded database through its socket instead of failing on the lock.
 */
export async function openDatabase(config: Config, role: "server" | "cli", entities: Entities = []): Promise<Database> {
  if (config.databaseUrl) {
    const dataSource = createDataSource(config, { url: config.databaseUrl }, entities);
    await dataSource.initialize();
    return { dataSource, mode: "external", target: { url: config.databaseUrl }, close: () => dataSource.destroy() };
  }
  const embedded = await openEmbedded(config.dataDir, {
    mayJoin: role === "cli",
    maxConnections: EMBEDDED_SOCKET_CONNECTIONS,
  });
  // The CLI needs few connections; the server keeps the rest.
  const poolMax = role === "cli" ? 2 : Math.min(config.db.poolMax, EMBEDDED_SOCKET_CONNECTIONS - 4);
  const dataSource = createDataSource(config, embedded.connection, entities, poolMax, serializedClientClass());
  try {
    await dataSource.initialize();
  } catch (err) {
    await embedded.close();
    throw err;
  }
  return {
    dataSource,
    mode: "embedded",
    target: embedded.connection,
    close: async () => {
      await dataSource.destroy();
      await embedded.close();
    },
  };
}
