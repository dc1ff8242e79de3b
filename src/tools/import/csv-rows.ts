import type { Readable } from "node:stream";
import { parse, type CsvError } from "csv-parse";

/** One row of a CSV file: its values by header name, or why it could not be read. */
export type CsvRow =
  | { line: number; record: Record<string, string> }
  | { line: number; malformed: { field: string; message: string } };

interface Fault {
  /** Where the row starts, in csv-parse's count of lines (see `startOf`). */
  from: number;
  line: number;
  /** The first fault met in the row names it; the last tells where the row ended if it ran to the end of the file. */
  first: CsvError;
  last: CsvError;
  /** CRLF pairs inside the row up to the first and the last fault. */
  pairsAtFirst: number;
  pairs: number;
}

/**
 * csv-parse reports only the line on which a record ends (or a fault was met); the raw text of
 * the record tells how many lines it spans, so the line it starts on, which is what a person
 * looking at the file needs, follows. Counted as csv-parse counts: every CR and every LF inside
 * a record is a line, and a trailing line break is not counted yet (the first character of the
 * record delimiter is in the raw text, its line is not). `line` skips the blank lines csv-parse
 * passed over before the row, which are in the raw text too.
 */
function startOf(lastLine: number, raw: string): { from: number; line: number } {
  const breaks = (raw.match(/[\r\n]/g)?.length ?? 0) - (/[\r\n]$/.test(raw) ? 1 : 0);
  const from = lastLine - breaks;
  const blank = raw.match(/^(?:[ \t]*[\r\n])*/)![0].match(/[\r\n]/g)?.length ?? 0;
  return { from, line: from + blank };
}

/** csv-parse counts a CRLF inside a quoted value as two lines; the count of them puts its line numbers right. */
const crlfPairs = (raw: string | undefined) => raw?.match(/\r\n/g)?.length ?? 0;

const lineRange = (from: number, to: number) =>
  to > from
    ? ` Lines ${from} to ${to} were read as this one row, so none of them was imported; correct the quotes and import the file again (rows already imported are not written twice).`
    : "";

function explain(err: CsvError, errorLine: number, from: number, to: number, columns: number): { field: string; message: string } {
  const column = typeof err.column === "string" ? err.column : "";
  const range = lineRange(from, to);
  switch (err.code) {
    case "INVALID_OPENING_QUOTE":
      return {
        field: column,
        message: `A quote appears inside the unquoted value of column ${column}; put the whole value in double quotes and double each quote inside it.${range}`,
      };
    case "CSV_INVALID_CLOSING_QUOTE":
      return {
        field: column,
        message: `A quoted value in column ${column} is followed by other characters after its closing quote on line ${errorLine}; a quote inside a quoted value must be doubled.${range}`,
      };
    case "CSV_QUOTE_NOT_CLOSED":
      return { field: column, message: `A quoted value in column ${column} is never closed before the end of the file.${range}` };
    case "CSV_RECORD_INCONSISTENT_COLUMNS": {
      const values = Array.isArray(err.record) ? err.record.length : "another number of";
      return {
        field: "",
        message: `The row has ${values} values but the header names ${columns} columns; put a value that contains a comma in double quotes.${range}`,
      };
    }
    default:
      return { field: column, message: `The row is not valid CSV: ${err.message}${range}` };
  }
}

/**
 * Reads a CSV file with a header row, one row at a time. A row with broken CSV syntax (a stray
 * or unclosed quote, a wrong number of values) is yielded as `malformed` with the line it starts
 * on, and the reading goes on with the next row: one bad row in a large feed must not cost the
 * others. An unclosed quote takes the following lines into its value until csv-parse meets a
 * quote it cannot accept; the report names those lines rather than guess which quote was meant.
 * `checkHeader` throws to refuse a file whose header does not fit.
 */
export async function* csvRows(input: Readable, checkHeader: (columns: string[]) => void): AsyncGenerator<CsvRow> {
  let columns: string[] | null = null;
  let pending: Fault | null = null;
  // CRLF pairs inside the rows passed so far: csv-parse's line count is ahead by that many.
  // The part of a malformed row after its last fault is never seen, so a CRLF in there is missed.
  let doubled = 0;
  // Faults are met while parsing, ahead of the records the consumer has taken so far; they wait
  // here to be handed out in line order. A chunk's worth at most, so memory stays bounded.
  const faults: CsvRow[] = [];
  /** Ends the pending malformed row on `lastLine` (csv-parse's count). */
  const settle = (lastLine: number) => {
    if (!pending) return;
    const line = pending.line - doubled;
    const errorLine = (pending.first.lines as number) - doubled - pending.pairsAtFirst;
    const to = lastLine - doubled - pending.pairs;
    faults.push({ line, malformed: explain(pending.first, errorLine, line, to, columns?.length ?? 0) });
    doubled += pending.pairs;
    pending = null;
  };

  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    raw: true,
    skip_records_with_error: true,
    columns: (header: string[]) => {
      checkHeader(header);
      columns = header;
      return header;
    },
    on_skip: (error, raw) => {
      if (!error) return undefined;
      // Without a header no row can be read; csv-parse would take the broken header anyway.
      if (!columns) throw new Error(`The header row is not valid CSV: ${error.message}`);
      const at = startOf(error.lines as number, raw ?? "");
      if (pending?.from === at.from) {
        // A further fault in the same row: one report, but its end may lie further on.
        pending.last = error;
        pending.pairs = crlfPairs(raw);
        return undefined;
      }
      settle(at.from - 1);
      pending = { ...at, first: error, last: error, pairsAtFirst: crlfPairs(raw), pairs: crlfPairs(raw) };
      return undefined;
    },
    on_record: (record: { record: Record<string, string>; raw: string }, context) => {
      const at = startOf(context.lines, record.raw);
      settle(at.from - 1);
      const line = at.line - doubled;
      doubled += crlfPairs(record.raw);
      return { line, record: record.record };
    },
  });
  input.on("error", (err) => parser.destroy(err));
  try {
    for await (const row of input.pipe(parser) as AsyncIterable<{ line: number; record: Record<string, string> }>) {
      while (faults.length && faults[0].line < row.line) yield faults.shift()!;
      yield row;
    }
    if (pending) {
      const last: CsvError = (pending as Fault).last;
      // A quote still open at the end of the file ends the row on the last line; otherwise the row
      // ended before any blank lines that follow it, which csv-parse counted both as lines and as empty.
      settle(
        last.code === "CSV_QUOTE_NOT_CLOSED"
          ? (last.lines as number)
          : parser.info.lines - (parser.info.empty_lines - (last.empty_lines as number)),
      );
    }
    yield* faults.splice(0);
  } finally {
    input.destroy();
  }
}
