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

export interface ImportFeed<Row> extends FeedSpec {
  /** Validates one record; throws a DomainError naming the field when it is bad. */
  parse(record: Record<string, string>): Row;
  /** Writes a batch in one transaction, skipping rows already present; returns rows written and rows refused. */
  write(tx: EntityManager, rows: { line: number; row: Row }[]): Promise<{ written: number; errors: RowError[] }>;
}

/** The columns a file's header must name. */
export const requiredColumns = (feed: FeedSpec): string[] => feed.columns.filter((c) => c.required).map((c) => c.name);
