import { GraphQLScalarType, Kind } from "graphql";
import { isCalendarDate } from "./date.scalar";
import { ScalarInputError, atLiteral } from "./input-error";

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Renders an instant in China Standard Time, e.g. 2026-03-01T08:00:00+08:00. */
export function toCstIso(date: Date): string {
  return `${new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

// Hours 00–23, minutes and seconds 00–59, offsets up to ±14:00 (the ones in use on Earth).
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;
// The instants PostgreSQL and the CST rendering both take: years 0001 to 9999 in UTC.
// (Date.UTC reads years 0–99 as 1900–1999, hence the parsed strings.)
const FIRST_INSTANT = Date.parse("0001-01-01T00:00:00Z");
const LAST_INSTANT = Date.parse("9999-12-31T23:59:59.999Z");

/**
 * JavaScript's Date rolls 2026-02-30 over to March 2 and 24:00 to the next day, and takes the year
 * 0000: each was stored as another instant than the one sent, or failed in SQL. The calendar date
 * is checked as the Date scalar checks it, and the instant must fall in years 0001–9999.
 */
function parse(value: unknown): Date {
  const match = typeof value === "string" ? DATE_TIME.exec(value) : null;
  const date = match && isCalendarDate(match[1]) ? new Date(value as string) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.getTime() < FIRST_INSTANT || date.getTime() > LAST_INSTANT) {
    throw new ScalarInputError(`${JSON.stringify(value)} is not an ISO 8601 date-time with offset.`, "dateTime");
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: "DateTime",
  description: "ISO 8601 date-time with offset, e.g. 2026-03-01T08:00:00+08:00.",
  serialize: (value) => toCstIso(value instanceof Date ? value : new Date(String(value))),
  parseValue: parse,
  parseLiteral: (ast) => atLiteral(ast, () => parse(ast.kind === Kind.STRING ? ast.value : undefined)),
});
