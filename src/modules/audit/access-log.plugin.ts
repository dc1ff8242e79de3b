import type { ApolloServerPlugin } from "@apollo/server";
import type { HubContext } from "../../server/context";
import type { AccessRecordContent } from "./access-chain";

/**
 * Every read of an enterprise or person, every credit review and every denied attempt becomes
 * one access record, queued when the response is sent (the writer batches the appends).
 */
export function accessLogPlugin(append: (record: AccessRecordContent) => void): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName }) {
          const audit = contextValue?.audit;
          if (!audit || audit.isEmpty) return;
          append({
            at: new Date(),
            agencyId: contextValue.actor.kind === "agency" ? contextValue.actor.agencyId : null,
            operationName: operationName ?? null,
            purpose: audit.purpose,
            subjects: [...audit.subjects],
            persons: [...audit.persons],
            sensitiveFields: [...audit.sensitive],
            deniedFields: [...audit.denied],
          });
        },
      };
    },
  };
}
