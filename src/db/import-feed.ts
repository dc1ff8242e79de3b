import type { EntityManager } from "typeorm";

/**
 * A CSV feed a module accepts (penalties, risk signals): its columns, how a record becomes a row,
 * and how a batch is written. The import machinery (tools/import) reads files; the modules only
 * declare feeds, so neither depends on the other.
 */
export interface RowError {
  line: number;
  field: string;
  message: string;
}

export interface ImportFeed<Row> {
  name: string;
  columns: readonly string[];
  /** Validates one record; throws a DomainError naming the field when it is bad. */
  parse(record: Record<string, string>): Row;
  /** Writes a batch in one transaction, skipping rows already present; returns rows written and rows refused. */
  write(tx: EntityManager, rows: { line: number; row: Row }[]): Promise<{ written: number; errors: RowError[] }>;
}
