import fs from "node:fs";
import type { DataSource } from "typeorm";
import { DomainError } from "../../shared/errors";
import { DEFAULT_MAX_LENGTH, textProblem } from "../../shared/text-bounds";
import { csvRows } from "./csv-rows";
import { type ImportFeed, type RowError, requiredColumns } from "../../db/import-feed";
import { STAGING_TABLE, StagingSession } from "../../db/staging";
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
 *
 * Each row is checked here in JS, where a bad value can be named by line and field (the feed's
 * parse); the rows that pass are streamed with COPY into a staging table (db/staging.ts), and
 * each batch is merged from it by the feed set-wise, in one transaction: a few statements per
 * batch rather than per row, and the standing of the batch's enterprises recomputed once. Two
 * staging sessions take turns, so the next batch is read and copied while the last one merges.
 */
export async function importCsv<Row>(
  db: DataSource,
  file: string,
  feed: ImportFeed<Row>,
  options: {
    /** Lines per transaction (each recomputes the standing of the enterprises it touched). */
    batchSize?: number;
    encoding?: EncodingChoice;
    onEncoding?: (chosen: ChosenEncoding) => void;
    onProgress?: (bytesRead: number, totalBytes: number) => void;
  } = {},
): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 50_000;
  const totalBytes = fs.statSync(file).size;
  const chosen = await chooseEncoding(file, options.encoding ?? "auto");
  options.onEncoding?.(chosen);
  const required = requiredColumns(feed);
  const checkHeader = (header: string[]) => {
    const missing = required.filter((c) => !header.includes(c));
    if (missing.length) throw new Error(`${file}: the ${feed.name} feed needs the columns ${required.join(", ")}; missing ${missing.join(", ")}`);
  };

  const result: ImportResult = { rows: 0, written: 0, duplicates: 0, rejected: 0, reportPath: null };
  const report = new ErrorReport(`${file}.errors.csv`);
  const sessions = await StagingSession.open(db, feed.staging.columns);
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  /** Merges the batch staged in `session`; `refused` are its lines refused while reading, reported with the merge's in line order. */
  const merge = async (session: StagingSession, refused: RowError[]) => {
    const staged = session.staged;
    // Rows carry their natural keys (ON CONFLICT DO NOTHING): a batch run again writes nothing twice.
    const { written, errors } = staged ? await session.transaction((tx) => feed.merge(tx, STAGING_TABLE)) : { written: 0, errors: [] };
    for (const e of [...refused, ...errors].sort((a, b) => a.line - b.line)) await report.add(e);
    result.written += written;
    result.rejected += refused.length + errors.length;
    result.duplicates += staged - written - errors.length;
  };
  /** A record's staged values, or why it is refused. */
  const checked = (record: Record<string, string>): (string | null)[] | { field: string; message: string } => {
    const unreadable = unreadableValue(record);
    if (unreadable) return unreadable;
    try {
      return feed.staging.values(feed.parse(record));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return { field: err.field ?? "", message: err.message };
    }
  };
  let turn = 0;
  let session = sessions[0];
  let refused: RowError[] = [];
  // The batch merging, if any: its session is busy until it settles, and its failure surfaces at the next turn or the end.
  let merging: Promise<void> = Promise.resolve();
  const endBatch = async () => {
    const full = session;
    await full.finish();
    await merging;
    merging = merge(full, refused);
    merging.catch(() => undefined);
    refused = [];
    session = sessions[++turn % sessions.length];
    if (session === full) await merging;
  };

  try {
    await session.begin();
    for await (const item of csvRows(decodedStream(input, chosen.encoding), checkHeader)) {
      result.rows++;
      const values = "malformed" in item ? item.malformed : checked(item.record);
      if (!Array.isArray(values)) refused.push({ line: item.line, ...values });
      else {
        // Awaited only when the COPY is behind, not once a row.
        const behind = session.add(item.line, values);
        if (behind) await behind;
      }
      if (session.staged + refused.length >= batchSize) {
        await endBatch();
        await session.begin();
      }
      options.onProgress?.(input.bytesRead, totalBytes);
    }
    await endBatch();
    await merging;
    options.onProgress?.(totalBytes, totalBytes);
    result.reportPath = await report.close();
    return result;
  } finally {
    // A failed import must not leave a batch writing to the report or holding a connection.
    await merging.catch(() => undefined);
    await Promise.all(sessions.map((s) => s.close()));
    report.destroy();
    input.destroy();
  }
}
