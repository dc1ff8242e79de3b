import { GraphQLScalarType, Kind } from "graphql";
import { ScalarInputError, atLiteral } from "./input-error";

// numeric(14,2): twelve digits before the point are more than any fine in yuan.
const DECIMAL = /^-?\d{1,12}(\.\d{1,2})?$/;

function parse(value: unknown): string {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !DECIMAL.test(text)) {
    throw new ScalarInputError(
      `${JSON.stringify(value)} is not an amount in yuan with at most 12 digits and 2 decimals, e.g. "50000.00".`,
      "decimal",
    );
  }
  return text;
}

export const DecimalScalar = new GraphQLScalarType({
  name: "Decimal",
  description: 'Decimal amount in yuan, serialised as a string, e.g. "50000.00".',
  serialize: (value) => String(value),
  parseValue: parse,
  parseLiteral: (ast) =>
    atLiteral(ast, () => (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? parse(ast.value) : parse(undefined))),
});
