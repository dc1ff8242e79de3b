import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../../modules/context";
import type { HubMetrics } from "../metrics";

/** Counts every error a response carries, by its extensions.code (after formatting: what the client saw). */
export function metricsPlugin(metrics: HubMetrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const body = response.body;
          const errors = body.kind === "single" ? body.singleResult.errors : body.initialResult.errors;
          for (const e of errors ?? []) metrics.error(String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
        },
      };
    },
  };
}
