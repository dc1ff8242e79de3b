import type { Logger as TypeOrmLogger } from "typeorm";

/**
 * Counts the SQL statements the hub sends. Tests use it to prove that a query's statement
 * count does not grow with the data; the benchmark reports statements per operation. It counts
 * background work too (the access log's batches): a measurement flushes the log first, and
 * finishes before the batch of its own record is due.
 */
class StatementCounter {
  private count = 0;
  increment(): void {
    this.count++;
  }
  get value(): number {
    return this.count;
  }
}

export const statementCounter = new StatementCounter();

/** A TypeORM logger that only counts; errors are reported by the caller that sees them. */
export class CountingLogger implements TypeOrmLogger {
  logQuery(): void {
    statementCounter.increment();
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
