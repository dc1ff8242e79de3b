import { GraphQLError, type ValidationRule } from "graphql";

/**
 * Only queries and mutations run over HTTP. graphql-js 16 does not validate that the schema has
 * a root type for the operation: `subscription { __typename }` reached execution, which threw
 * "Schema is not configured…" and Apollo answered INTERNAL_SERVER_ERROR. Subscriptions, once the
 * hub has them, belong on the WebSocket transport, which does not pass through these rules.
 * A validation error: HTTP 400, nothing runs.
 */
export const httpOperationTypeRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== "subscription" && context.getSchema().getRootType(node.operation)) return;
    context.reportError(
      new GraphQLError(`${node.operation} operations are not served over HTTP; send a query or a mutation.`, { nodes: node }),
    );
  },
});
