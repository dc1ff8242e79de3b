import { GraphQLScalarType, Kind } from "graphql";
import { ScalarInputError, atLiteral } from "./input-error";

/**
 * Dates travel as YYYY-MM-DD strings end to end (pg's DATE parser is set to keep them so).
 * Years run from 0001: JavaScript knows a year 0000, PostgreSQL does not ("date/time field value
 * out of range"), so 0000-01-01 used to pass the scalar and fail the statement as an internal error.
 */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith("0000")) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function parse(value: unknown): string {
  if (typeof value !== "string" || !isCalendarDate(value)) {
    throw new ScalarInputError(`${JSON.stringify(value)} is not a calendar date in the form YYYY-MM-DD.`, "date");
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: "Date",
  description: "Calendar date, YYYY-MM-DD.",
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parse,
  parseLiteral: (ast) => atLiteral(ast, () => parse(ast.kind === Kind.STRING ? ast.value : undefined)),
});
