import fs from "node:fs";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";
import type { DataSource, EntityManager } from "typeorm";
import { inTransaction } from "../../db/transaction";
import { DomainError } from "../../shared/errors";

export interface RowError {
  line: number;
  field: string;
  message: string;
}

/** A bulk feed: how to read one CSV record, and how to write a batch of valid rows. */
export interface ImportFeed<Row> {
  name: string;
  columns: readonly string[];
  /** Validates one record; throws a DomainError naming the field when it is bad. */
  parse(record: Record<string, string>): Row;
  /** Writes a batch in one transaction, skipping rows already present; returns rows written and rows refused. */
  write(tx: EntityManager, rows: { line: number; row: Row }[]): Promise<{ written: number; errors: RowError[] }>;
}

export interface ImportResult {
  rows: number;
  written: number;
  duplicates: number;
  rejected: number;
  reportPath: string | null;
}

/**
 * Streams a CSV file through a feed: constant memory whatever the file size, valid rows
 * committed in batches, each bad row reported with its line number in `<file>.errors.csv`.
 * Feeds write with ON CONFLICT DO NOTHING on a natural key, so a re-run writes nothing twice.
 */
export async function importCsv<Row>(
  db: DataSource,
  file: string,
  feed: ImportFeed<Row>,
  options: { batchSize?: number; onProgress?: (bytesRead: number, totalBytes: number) => void } = {},
): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 1_000;
  const totalBytes = fs.statSync(file).size;
  const input = fs.createReadStream(file);
  const parser = input.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true, relax_column_count: true }));
  const reportPath = `${file}.errors.csv`;
  let report: ReturnType<typeof stringify> | null = null;
  let reportDone: Promise<void> = Promise.resolve();
  const reportError = (e: RowError) => {
    if (!report) {
      report = stringify({ header: true, columns: ["line", "field", "message"] });
      const out = fs.createWriteStream(reportPath);
      report.pipe(out);
      reportDone = new Promise((resolve, reject) => out.on("finish", resolve).on("error", reject));
    }
    report.write([e.line, e.field, e.message]);
  };

  const result: ImportResult = { rows: 0, written: 0, duplicates: 0, rejected: 0, reportPath: null };
  let batch: { line: number; row: Row }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    const { written, errors } = await inTransaction(db, (tx) => feed.write(tx, rows));
    errors.forEach(reportError);
    result.written += written;
    result.rejected += errors.length;
    result.duplicates += rows.length - written - errors.length;
  };

  let checkedHeader = false;
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    if (!checkedHeader) {
      const missing = feed.columns.filter((c) => !(c in record));
      if (missing.length) throw new Error(`${file}: the ${feed.name} feed needs the columns ${feed.columns.join(", ")}; missing ${missing.join(", ")}`);
      checkedHeader = true;
    }
    result.rows++;
    try {
      batch.push({ line: info.lines, row: feed.parse(record) });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      result.rejected++;
      reportError({ line: info.lines, field: err.field ?? "", message: err.message });
    }
    if (batch.length >= batchSize) await flush();
    options.onProgress?.(input.bytesRead, totalBytes);
  }
  await flush();
  options.onProgress?.(totalBytes, totalBytes);
  if (report) {
    (report as ReturnType<typeof stringify>).end();
    await reportDone;
    result.reportPath = reportPath;
  } else if (fs.existsSync(reportPath)) {
    fs.rmSync(reportPath); // a report from an earlier run would now be wrong
  }
  return result;
}
