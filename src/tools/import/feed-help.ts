import type { FeedColumn, FeedSpec } from "../../db/import-feed";
import { ENCODING_HELP } from "./encodings";

/**
 * `hub import --help` and `hub import <feed> --help`, written from the feeds' own definitions
 * (columns, allowed values, separators, lengths) and the encoding rules, so that the help says
 * what the import checks and is never a second list to keep in step.
 */

const WIDTH = 100;
/** The date form every feed reads (the same as the GraphQL Date scalar's). */
const DATE_FORM = "YYYY-MM-DD";

/** Wraps `text` at WIDTH after the prefix `first`, continuing lines under `indent` spaces. */
function wrap(text: string, first: string, indent: number): string {
  const lines: string[] = [];
  let line = first;
  let words = 0;
  for (const word of text.split(" ")) {
    if (words && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = " ".repeat(indent) + word;
    } else line += (words ? " " : "") + word;
    words++;
  }
  lines.push(line);
  return lines.join("\n");
}

function columnForm(c: FeedColumn): string {
  const parts = [c.description];
  if (c.date) parts.push(`a date, ${DATE_FORM}`);
  if (c.values && c.separator) parts.push(`one or more of ${c.values.join(", ")}, separated by ${separated(c)}`);
  else if (c.values) parts.push(`one of ${c.values.join(", ")}`);
  if (c.maxLength) parts.push(`up to ${c.maxLength} characters`);
  return `${parts.join("; ")}.`;
}

const separated = (c: FeedColumn) => `${c.separator} (e.g. ${c.values!.slice(0, 2).join(c.separator)})`;

const bullets = (items: readonly string[]) => items.map((item) => wrap(item, "  - ", 4)).join("\n");

/** What the feeds share: the CSV form, dates, coded and multi-valued columns, the error report, the encodings. */
function sharedRules(feeds: readonly FeedSpec[]): string {
  const multi = feeds.flatMap((f) => f.columns.filter((c) => c.values && c.separator).map((c) => `${c.name} (${f.name}) separates its values with ${separated(c)}`));
  return [
    "CSV form:",
    bullets([
      "The first line is a header naming the columns, in any order; other columns are ignored. Values are trimmed.",
      "A value holding a comma, a quote or a line break is put in double quotes, a quote inside it doubled.",
      `Dates are ${DATE_FORM}, e.g. 2026-03-31.`,
      "Coded values (departments, types) are matched regardless of case.",
      ...(multi.length ? [`Multi-valued columns: ${multi.join("; ")}.`] : []),
      "Rows that cannot be imported are listed by line (the header is line 1) in FILE.errors.csv and the others are imported; a re-run writes nothing twice.",
    ]),
    "",
    "Encoding (--encoding gbk|utf8|auto):",
    bullets(ENCODING_HELP),
  ].join("\n");
}

/** The help after `hub import <feed> --help`'s options. */
export function feedHelp(feed: FeedSpec): string {
  const width = Math.max(...feed.columns.map((c) => c.name.length)) + 2;
  const columns = feed.columns.map((c) => wrap(columnForm(c), `  ${c.name.padEnd(width)}${c.required ? "required" : "optional"}  `, width + 12));
  return ["", `The ${feed.name} feed: ${feed.summary}.`, "", "Columns:", ...columns, "", "Rules of this feed:", bullets(feed.notes), "", sharedRules([feed])].join("\n");
}

/** The help after `hub import --help`'s command list. */
export function importHelp(feeds: readonly FeedSpec[]): string {
  const lists = feeds.map((f) => {
    const required = f.columns.filter((c) => c.required).map((c) => c.name);
    const optional = f.columns.filter((c) => !c.required).map((c) => c.name);
    return `${f.name}: ${f.summary}. Columns: ${required.join(", ")}${optional.length ? `; optional: ${optional.join(", ")}` : ""}.`;
  });
  return ["", "Feeds (hub import <feed> --help describes each column):", bullets(lists), "", sharedRules(feeds)].join("\n");
}
