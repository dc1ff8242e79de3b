import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../../modules/context";
import { noteOperation } from "../http-server";

/**
 * The request log and the metrics name a request by the operation Apollo resolved from the
 * document (a trusted document's name included), not by the operationName a client may or may not
 * send: a client that sends only `{documentId, variables}` is still counted under its operation.
 */
export function requestFactsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operationName }) {
          noteOperation(request.http, operationName);
        },
      };
    },
  };
}
