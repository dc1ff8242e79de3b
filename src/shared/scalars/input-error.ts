import { type ASTNode, GraphQLError } from "graphql";

/**
 * Raised by scalars when a value is malformed. graphql-js keeps it as `originalError` of the
 * coercion or validation error, where format-error finds it and answers BAD_USER_INPUT.
 */
export class ScalarInputError extends GraphQLError {
  constructor(message: string, field: string, node?: ASTNode) {
    super(message, { nodes: node, extensions: { code: "BAD_USER_INPUT", field } });
  }
}

/**
 * Parses a literal written in the query. A malformed one is reported at its own line and column:
 * graphql-js passes a scalar's GraphQLError on unchanged, so without its node the client could not
 * tell which of several literals (say, the third code of a list) is wrong.
 */
export function atLiteral<T>(node: ASTNode, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ScalarInputError && !err.nodes) throw new ScalarInputError(err.message, String(err.extensions.field), node);
    throw err;
  }
}
