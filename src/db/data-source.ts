import { Client, types } from "pg";
import { DataSource } from "typeorm";
import type { Config } from "../config";
import { migrations } from "../../migrations";
import { CountingLogger } from "./statement-counter";

// DATE stays a YYYY-MM-DD string: a JS Date would shift it by the server's time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

/**
 * Every client listens for `error` from the moment it exists. A connection terminated by the
 * server (restart, failover, pg_terminate_backend, 57P01) emits `error`; pg-pool and TypeORM add
 * their listeners only after the connection is up, so a termination that arrives with the
 * connection's first messages found no listener and ended the process. The error itself needs
 * nothing here: the pool drops the client, and a query on it fails and is answered 503.
 */
function guarded(base: typeof Client): typeof Client {
  return class GuardedClient extends base {
    constructor(...args: ConstructorParameters<typeof Client>) {
      super(...args);
      this.on("error", () => undefined);
    }
  };
}

export type ConnectionTarget = { url: string } | { host: string; port: number; username: string; database: string };

/** TypeORM entity classes; the modules provide them (db sits below the modules and names none). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type Entities = readonly Function[];

export function createDataSource(
  config: Config,
  target: ConnectionTarget,
  entities: Entities,
  poolMax = config.db.poolMax,
  // The embedded database needs its connections to take turns (see embedded-client.ts).
  clientClass?: typeof Client,
): DataSource {
  return new DataSource({
    type: "postgres",
    ...target,
    entities: [...entities],
    migrations,
    migrationsTableName: "schema_migrations",
    migrationsTransactionMode: "each",
    synchronize: false,
    logging: ["query"],
    logger: new CountingLogger(),
    extra: {
      max: poolMax,
      // pg waits forever for a connection by default; fail fast instead.
      connectionTimeoutMillis: config.db.connectTimeoutMs,
      idleTimeoutMillis: 10_000,
      statement_timeout: config.db.statementTimeoutMs,
      idle_in_transaction_session_timeout: config.db.idleInTransactionTimeoutMs,
      application_name: "credit-hub",
      Client: guarded(clientClass ?? Client),
    },
  });
}
