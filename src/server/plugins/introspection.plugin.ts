import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, GraphQLError, visit } from "graphql";
import type { HubContext } from "../context";

/**
 * Refused introspection, HTTP 403. An error thrown by this hook without an HTTP status is
 * answered 500 by Apollo (the shield's ForbiddenError has none: it is meant for fields).
 */
export class IntrospectionRefusedError extends GraphQLError {
  constructor() {
    super("Introspection is not available to the public audience.", { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
  }
}

/**
 * Introspection is on for agencies and, outside production, for the public audience
 * (POLICY.md, Limits). Apollo's own switch is global, so the caller decides here.
 */
export function introspectionPlugin(publicIntrospection: boolean): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (publicIntrospection || contextValue.actor.kind === "agency") return;
          let introspects = false;
          visit(document, {
            Field(node) {
              if (node.name.value === "__schema" || node.name.value === "__type") {
                introspects = true;
                return BREAK;
              }
            },
          });
          if (introspects) throw new IntrospectionRefusedError();
        },
      };
    },
  };
}
