import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../../modules/context";

/** An answer whose errors say the database is unavailable is HTTP 503, so clients and balancers retry. */
export function unavailablePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.some((e) => e.extensions?.code === "SERVICE_UNAVAILABLE")) response.http.status = 503;
        },
      };
    },
  };
}
