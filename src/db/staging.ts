import { once } from "node:events";
import { Readable, type Writable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { DataSource, EntityManager, QueryRunner } from "typeorm";

/**
 * A batch of rows staged for a set-wise merge: the temporary table STAGING_TABLE, `line int` and
 * then the feed's columns. Temporary, so it writes no WAL and concurrent imports, each on its own
 * connections, never see each other's rows.
 */
export const STAGING_TABLE = "import_batch";

export interface StagingColumn {
  name: string;
  /** Its SQL type; a value is staged as PostgreSQL's text input for it. */
  type: string;
}

/** One staged row: the line of the file it starts on, and its values (null is NULL). */
export interface StagedRow {
  line: number;
  values: readonly (string | null)[];
}

// COPY's text format: backslash, tab, newline and carriage return are escaped, \N is NULL.
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const copyValue = (v: string | null) => (v === null ? "\\N" : SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : v);

/** One row as a line of COPY text. */
const copyLine = (line: number, values: readonly (string | null)[]) => `${line}\t${values.map(copyValue).join("\t")}\n`;

/** Rows as COPY text, in chunks of about 64 KiB: the socket gets full writes, memory a chunk at a time. */
const CHUNK = 1 << 16;
function* copyText<R>(rows: readonly { line: number; row: R }[], values: (row: R) => (string | null)[]): Generator<string> {
  let chunk = "";
  for (const { line, row } of rows) {
    chunk += copyLine(line, values(row));
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/**
 * The embedded database (PGlite behind its socket) answers COPY FROM STDIN by dropping the
 * connection, so there rows go in by INSERT … unnest instead, UNNEST_ROWS at a time: slower, the
 * same rows.
 */
const copyByDatabase = new WeakMap<DataSource, boolean>();
// Asked once per database (a data source is one database), not once per batch.
async function takesCopy(db: DataSource, ask: { query(sql: string): Promise<{ v: string }[]> }): Promise<boolean> {
  let copies = copyByDatabase.get(db);
  if (copies === undefined) {
    copies = !/PGlite/i.test((await ask.query(`SELECT version() AS v`))[0].v);
    copyByDatabase.set(db, copies);
  }
  return copies;
}
const UNNEST_ROWS = 5_000;

const createTable = (columns: readonly StagingColumn[], temp: string) =>
  `CREATE TEMP TABLE ${STAGING_TABLE} (line int NOT NULL, ${columns.map((c) => `${c.name} ${c.type}`).join(", ")}) ${temp}`;

function unnestInsert(columns: readonly StagingColumn[], rows: readonly StagedRow[]): [string, unknown[]] {
  const casts = ["$1::int[]", ...columns.map((c, k) => `$${k + 2}::${c.type}[]`)].join(", ");
  return [`INSERT INTO ${STAGING_TABLE} SELECT * FROM unnest(${casts})`, [rows.map((r) => r.line), ...columns.map((_, k) => rows.map((r) => r.values[k]))]];
}

const clientOf = (runner: unknown) => (runner as { databaseConnection: PoolClient }).databaseConnection;

/**
 * Stages `rows` in STAGING_TABLE inside the caller's transaction `tx`, dropped at its end: for
 * a caller that holds its rows already (ImportFeed.write, the demo seed).
 */
export async function stageRows<R>(
  tx: EntityManager,
  columns: readonly StagingColumn[],
  rows: readonly { line: number; row: R }[],
  values: (row: R) => (string | null)[],
): Promise<void> {
  await tx.query(createTable(columns, "ON COMMIT DROP"));
  if (await takesCopy(tx.connection, tx)) {
    await pipeline(Readable.from(copyText(rows, values)), clientOf(tx.queryRunner).query(copyFrom(`COPY ${STAGING_TABLE} FROM STDIN`)));
  } else {
    for (let from = 0; from < rows.length; from += UNNEST_ROWS) {
      await tx.query(...unnestInsert(columns, rows.slice(from, from + UNNEST_ROWS).map(({ line, row }) => ({ line, values: values(row) }))));
    }
  }
}

/** The server rolled the transaction back and said so (serialization failure, deadlock): running it again is safe. */
const ROLLED_BACK = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 5;
const sqlState = (err: unknown) => (err as { driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;

/**
 * A connection of its own holding a session's STAGING_TABLE, for a file streamed in batch by
 * batch: a batch's rows are COPYed in as they are read (nothing of them is held in memory beyond
 * a chunk), then merged from the table in one transaction. The table is outside the transaction,
 * so a merge the server rolled back (deadlock) runs again from it. Two sessions take turns, one
 * filling while the other merges: reading the file and writing to the database overlap.
 */
export class StagingSession {
  /** Rows staged in the current batch. */
  staged = 0;
  private copy: Writable | null = null;
  private chunk = "";
  private pending: StagedRow[] = [];
  private failure: Error | null = null;

  private constructor(
    private readonly runner: QueryRunner,
    private readonly columns: readonly StagingColumn[],
    private readonly copies: boolean,
  ) {}

  /** `count` sessions, or one where there is no COPY: the embedded database runs one statement at a time anyway. */
  static async open(db: DataSource, columns: readonly StagingColumn[], count = 2): Promise<StagingSession[]> {
    const sessions: StagingSession[] = [];
    try {
      for (let k = 0; k < count; k++) {
        const runner = db.createQueryRunner();
        await runner.connect();
        const copies = await takesCopy(db, runner);
        sessions.push(new StagingSession(runner, columns, copies));
        // A pooled connection may hold the table of an earlier import that failed.
        await runner.query(`DROP TABLE IF EXISTS pg_temp.${STAGING_TABLE}`);
        await runner.query(createTable(columns, ""));
        if (!copies) break;
      }
      return sessions;
    } catch (err) {
      await Promise.all(sessions.map((s) => s.close()));
      throw err;
    }
  }

  /** Starts a batch: an empty table, and a COPY open to receive it. */
  async begin(): Promise<void> {
    await this.runner.query(`TRUNCATE ${STAGING_TABLE}`);
    this.staged = 0;
    if (!this.copies) return;
    const copy = clientOf(this.runner).query(copyFrom(`COPY ${STAGING_TABLE} FROM STDIN`));
    // Kept until the next add or finish throws it: an error event nobody listens to would end the process.
    copy.on("error", (err) => (this.failure ??= err));
    this.copy = copy;
  }

  /** Stages one row; resolves at once unless the database is behind (back-pressure). */
  add(line: number, values: readonly (string | null)[]): Promise<void> | void {
    this.staged++;
    if (!this.copies) {
      this.pending.push({ line, values });
      return this.pending.length >= UNNEST_ROWS ? this.insertPending() : undefined;
    }
    this.chunk += copyLine(line, values);
    if (this.chunk.length >= CHUNK) return this.writeChunk();
  }

  /** Ends the batch's COPY: every row added is in the table. */
  async finish(): Promise<void> {
    if (!this.copies) return this.insertPending();
    const copy = this.copy!;
    await this.writeChunk();
    this.copy = null;
    copy.end();
    await finished(copy);
    this.throwFailure();
  }

  /** Runs `work` in a transaction on this session's connection, again if the server rolled it back. */
  async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.runner.startTransaction();
      try {
        const result = await work(this.runner.manager);
        await this.runner.commitTransaction();
        return result;
      } catch (err) {
        if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
        if (attempt >= MAX_ATTEMPTS || !ROLLED_BACK.has(sqlState(err) ?? "")) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  /** Gives the connection back, without the table; a COPY still open (the import failed) is abandoned first. */
  async close(): Promise<void> {
    try {
      if (this.copy) {
        const copy = this.copy;
        this.copy = null;
        copy.destroy(new Error("the import stopped"));
        await finished(copy).catch(() => undefined);
      }
      await this.runner.query(`DROP TABLE IF EXISTS pg_temp.${STAGING_TABLE}`);
    } catch {
      // A connection that failed is dropped by the pool; its temporary table goes with it.
    } finally {
      await this.runner.release();
    }
  }

  private async writeChunk(): Promise<void> {
    this.throwFailure();
    const chunk = this.chunk;
    this.chunk = "";
    if (chunk && !this.copy!.write(chunk)) await once(this.copy!, "drain");
    this.throwFailure();
  }

  private async insertPending(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    if (rows.length) await this.runner.query(...unnestInsert(this.columns, rows));
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure;
  }
}
