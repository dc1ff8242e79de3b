import type { QueryRunner, Logger as TypeOrmLogger } from "typeorm";

/**
 * Counts the SQL statements the hub sends. Tests use it to prove that a query's statement
 * count does not grow with the data; the benchmark reports statements per operation.
 * Statements of a query runner marked `data.accessLog` (the access log's appends, which every
 * answered read now waits for) are counted apart, so a query's own statements can be told from
 * the log's; background work elsewhere is counted as the query's.
 */
class StatementCounter {
  private count = 0;
  private accessLogCount = 0;
  increment(accessLog = false): void {
    if (accessLog) this.accessLogCount++;
    else this.count++;
  }
  /** Statements sent, the access log's appends excepted. */
  get value(): number {
    return this.count;
  }
  /** Statements the access log's appends sent. */
  get accessLog(): number {
    return this.accessLogCount;
  }
}

export const statementCounter = new StatementCounter();

/** A TypeORM logger that only counts; errors are reported by the caller that sees them. */
export class CountingLogger implements TypeOrmLogger {
  logQuery(_query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    statementCounter.increment(queryRunner?.data?.accessLog === true);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
