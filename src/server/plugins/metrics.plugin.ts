import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../../modules/context";
import type { HubMetrics } from "../metrics";

/** An error's extensions.code, a thrown GraphQLError or a formatted one alike. */
const codeOf = (error: object) => String((error as { extensions?: { code?: unknown } }).extensions?.code ?? "INTERNAL_SERVER_ERROR");

/**
 * Counts every error a response carries, by its extensions.code (after formatting: what the client
 * saw), and the refusals Apollo answers outside the request pipeline: a request refused while its
 * context was made (UNAUTHENTICATED, RATE_LIMITED) and one that is not a GraphQL request (BAD_REQUEST).
 */
export function metricsPlugin(metrics: HubMetrics): ApolloServerPlugin<RequestContext> {
  return {
    async contextCreationDidFail({ error }) {
      metrics.error(codeOf(error));
    },
    async invalidRequestWasReceived({ error }) {
      metrics.error(codeOf(error));
    },
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const body = response.body;
          const errors = body.kind === "single" ? body.singleResult.errors : body.initialResult.errors;
          for (const e of errors ?? []) metrics.error(codeOf(e));
        },
      };
    },
  };
}
