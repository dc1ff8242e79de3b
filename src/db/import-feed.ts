import type { EntityManager } from "typeorm";
import { STAGING_TABLE, type StagingColumn, stageRows } from "./staging";

/**
 * A CSV feed a module accepts (penalties, risk signals): its columns, how a record becomes a row,
 * how a row is staged and how a staged batch is merged. The import machinery (tools/import) reads
 * files; the modules only declare feeds, so neither depends on the other.
 */
export interface RowError {
  line: number;
  field: string;
  message: string;
}

/**
 * One column of a feed. The feed's parse reads the same `values`, `separator` and `maxLength`,
 * so `hub import <feed> --help`, which is generated from these, cannot drift from what is checked.
 */
export interface FeedColumn {
  name: string;
  /** A file whose header lacks a required column is refused; an optional one may be absent or empty. */
  required: boolean;
  /** What the value holds, for the help; its form (date, values, separator, length) is added from the fields below. */
  description: string;
  /** A calendar date, YYYY-MM-DD. */
  date?: boolean;
  /** A coded value: one of these (several, for a multi-valued column). */
  values?: readonly string[];
  /** A multi-valued column: the character between its values. */
  separator?: string;
  maxLength?: number;
}

/** What a feed is, without the services it writes through: enough to document it. */
export interface FeedSpec {
  /** The subcommand: `hub import <name>`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  columns: readonly FeedColumn[];
  /** The feed's rules beyond single columns (which rows are refused, what makes a row already present). */
  notes: readonly string[];
}

/** What a module declares for its feed; `importFeed` adds the write. */
export interface FeedDefinition<Row> extends FeedSpec {
  /** Validates one record; throws a DomainError naming the field when it is bad. */
  parse(record: Record<string, string>): Row;
  /**
   * How a parsed row is staged for the merge: the columns of the staging table after `line`, and a
   * row's values for them as PostgreSQL's text input (null is NULL). See db/staging.ts.
   */
  staging: { columns: readonly StagingColumn[]; values(row: Row): (string | null)[] };
  /**
   * Merges the batch staged in the table `staged` (line, then the staging columns) set-wise, in
   * the batch's transaction: resolves codes to ids, refuses by line the rows that do not resolve,
   * writes the others skipping those already present (their natural key, ON CONFLICT DO NOTHING),
   * and brings what they feed up to date. Returns rows written and rows refused.
   */
  merge(tx: EntityManager, staged: string): Promise<{ written: number; errors: RowError[] }>;
}

export interface ImportFeed<Row> extends FeedDefinition<Row> {
  /** Writes a batch in the transaction `tx` (staged, then merged), skipping rows already present; returns rows written and rows refused. */
  write(tx: EntityManager, rows: readonly { line: number; row: Row }[]): Promise<{ written: number; errors: RowError[] }>;
}

/** A feed whose batches are staged (COPY where the database takes it) and merged set-wise. */
export function importFeed<Row>(definition: FeedDefinition<Row>): ImportFeed<Row> {
  return {
    ...definition,
    async write(tx, rows) {
      await stageRows(tx, definition.staging.columns, rows, definition.staging.values);
      const merged = await definition.merge(tx, STAGING_TABLE);
      // Dropped now rather than at commit: a transaction may write more than one batch (the demo seed).
      await tx.query(`DROP TABLE ${STAGING_TABLE}`);
      return merged;
    },
  };
}

/** The columns a file's header must name. */
export const requiredColumns = (feed: FeedSpec): string[] => feed.columns.filter((c) => c.required).map((c) => c.name);
