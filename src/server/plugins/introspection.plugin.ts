import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, visit } from "graphql";
import { forbidden } from "../../shared/errors";
import { requestError } from "../format-error";
import type { RequestContext } from "../../modules/context";

/**
 * Introspection is on for agencies and, outside production, for the public audience
 * Refused, it is HTTP 403. Apollo's own switch is global, so the caller decides here.
 */
export function introspectionPlugin(publicIntrospection: boolean): ApolloServerPlugin<RequestContext> {
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
          if (introspects) throw requestError(forbidden("Introspection is not available to the public audience."));
        },
      };
    },
  };
}
