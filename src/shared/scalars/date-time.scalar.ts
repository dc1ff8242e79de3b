import { GraphQLScalarType, Kind } from "graphql";
import { ScalarInputError, atLiteral } from "./input-error";

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Renders an instant in China Standard Time, e.g. 2026-03-01T08:00:00+08:00. */
export function toCstIso(date: Date): string {
  return `${new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

function parse(value: unknown): Date {
  const ok = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = ok ? new Date(value as string) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
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
