import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, visit } from "graphql";
import { ForbiddenError } from "../../auth/shield";
import type { HubContext } from "../context";

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
          if (introspects) throw new ForbiddenError();
        },
      };
    },
  };
}
