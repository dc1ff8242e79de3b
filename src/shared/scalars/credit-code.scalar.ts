import { GraphQLScalarType, Kind } from "graphql";
import { creditCodeProblem } from "../identifiers";
import { ScalarInputError, atLiteral } from "./input-error";

function parse(value: unknown): string {
  if (typeof value !== "string") throw new ScalarInputError("A credit code must be a string.", "creditCode");
  const code = value.trim().toUpperCase();
  const problem = creditCodeProblem(code);
  if (problem) throw new ScalarInputError(problem, "creditCode");
  return code;
}

export const CreditCodeScalar = new GraphQLScalarType({
  name: "CreditCode",
  description:
    "Unified social credit code (统一社会信用代码): 18 characters, check character per GB 32100-2015. Invalid codes are rejected with BAD_USER_INPUT.",
  serialize: (value) => String(value),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new ScalarInputError("A credit code must be a string.", "creditCode", ast);
    return atLiteral(ast, () => parse(ast.value));
  },
});
