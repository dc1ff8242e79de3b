import fs from "node:fs";
import type { DataSource } from "typeorm";
import { inTransaction } from "../../db/transaction";
import { DomainError } from "../../shared/errors";
import { DEFAULT_MAX_LENGTH, textProblem } from "../../shared/text-bounds";
import { csvRows } from "./csv-rows";
import { type ImportFeed, requiredColumns } from "../../db/import-feed";
import { ErrorReport } from "./error-report";
import type { EncodingChoice } from "./encodings";
import { type ChosenEncoding, chooseEncoding, decodedStream } from "./file-encoding";

/** What an import did: rows read, written, already present and refused, and where the refusals are listed. */
export interface ImportResult {
  rows: number;
  written: number;
  duplicates: number;
  rejected: number;
  reportPath: string | null;
}

/**
 * A value no feed may see: bytes that are not UTF-8 (decoded as U+FFFD: a damaged line in a file
 * read as UTF-8, see chooseEncoding), NUL, or more than the default maximum. Checked here for every
 * feed, so that such a row is reported on its own and never reaches (and fails) a batch's SQL.
 */
function unreadableValue(record: Record<string, string>): { field: string; message: string } | null {
  for (const [field, value] of Object.entries(record)) {
    if (value.includes("\uFFFD")) {
      return { field, message: `Column ${field} holds bytes that are not UTF-8; save the file as UTF-8 (CSV UTF-8 in Excel) and import it again.` };
    }
    const problem = textProblem(value, DEFAULT_MAX_LENGTH.String);
    if (problem) return { field, message: `Column ${field} ${problem}.` };
  }
  return null;
}

/**
 * Streams a CSV file through a feed: constant memory whatever the file size, valid rows
 * committed in batches, each bad row (bad CSV, a bad value, a rule the feed refuses) reported
 * with the line it starts on in `<file>.errors.csv`. Feeds write with ON CONFLICT DO NOTHING
 * on a natural key, so a re-run writes nothing twice. The encoding (`auto` unless given) is
 * settled by a checking pass first, so a file that is not valid in it is refused before any row
 * is written; `onEncoding` hears which was chosen before the import starts.
 */
export async function importCsv<Row>(
  db: DataSource,
  file: string,
  feed: ImportFeed<Row>,
  options: {
    batchSize?: number;
    encoding?: EncodingChoice;
    onEncoding?: (chosen: ChosenEncoding) => void;
    onProgress?: (bytesRead: number, totalBytes: number) => void;
  } = {},
): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 1_000;
  const totalBytes = fs.statSync(file).size;
  const chosen = await chooseEncoding(file, options.encoding ?? "auto");
  options.onEncoding?.(chosen);
  const input = fs.createReadStream(file);
  const report = new ErrorReport(`${file}.errors.csv`);
  const required = requiredColumns(feed);
  const checkHeader = (header: string[]) => {
    const missing = required.filter((c) => !header.includes(c));
    if (missing.length) throw new Error(`${file}: the ${feed.name} feed needs the columns ${required.join(", ")}; missing ${missing.join(", ")}`);
  };

  const result: ImportResult = { rows: 0, written: 0, duplicates: 0, rejected: 0, reportPath: null };
  let batch: { line: number; row: Row }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    // Rows carry their natural keys (ON CONFLICT DO NOTHING): a batch rerun after a lost connection writes nothing twice.
    const { written, errors } = await inTransaction(db, (tx) => feed.write(tx, rows), { idempotent: true });
    for (const e of errors) await report.add(e);
    result.written += written;
    result.rejected += errors.length;
    result.duplicates += rows.length - written - errors.length;
  };

  try {
    for await (const item of csvRows(decodedStream(input, chosen.encoding), checkHeader)) {
      result.rows++;
      if ("malformed" in item) {
        result.rejected++;
        await report.add({ line: item.line, ...item.malformed });
        continue;
      }
      const unreadable = unreadableValue(item.record);
      if (unreadable) {
        result.rejected++;
        await report.add({ line: item.line, ...unreadable });
        continue;
      }
      try {
        batch.push({ line: item.line, row: feed.parse(item.record) });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        result.rejected++;
        await report.add({ line: item.line, field: err.field ?? "", message: err.message });
      }
      if (batch.length >= batchSize) await flush();
      options.onProgress?.(input.bytesRead, totalBytes);
    }
    await flush();
    options.onProgress?.(totalBytes, totalBytes);
    result.reportPath = await report.close();
    return result;
  } finally {
    report.destroy();
    input.destroy();
  }
}
