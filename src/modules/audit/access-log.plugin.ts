import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLError } from "graphql";
import type { RequestContext } from "../context";
import { DomainError } from "../../shared/errors";
import type { AccessRecordContent } from "./access-chain";
import type { AccessCollector } from "../../auth/access-collector";
import { deniedFieldName } from "./denied-field-name";

/**
 * Refusals decided by a service (another department's report, a measure the department does not
 * implement, a write outside the agency's city, a person reference that names no holder) are
 * denied attempts too; the shield notes its
 * own as it denies. Named like the shield's entries, by the real field, whatever alias the
 * caller gave it: `Mutation.retractSanctionFeedback`.
 */
function noteServiceRefusals(audit: AccessCollector, errors: readonly GraphQLError[] | undefined, name: (path: readonly (string | number)[]) => string | null): void {
  for (const error of errors ?? []) {
    const original = error.originalError;
    if (!(original instanceof DomainError) || !original.deniedAttempt || !error.path) continue;
    const field = name(error.path);
    if (field) audit.denied.add(field);
  }
}

/**
 * The access record of what one request (or one event sent to a subscriber) read, or null when
 * it read nothing the log records.
 */
export function accessRecordOf(context: Pick<RequestContext, "actor" | "audit">, operationName: string | null): AccessRecordContent | null {
  const { audit, actor } = context;
  if (audit.isEmpty) return null;
  return {
    at: new Date(),
    agencyId: actor.kind === "agency" ? actor.agencyId : null,
    operationName,
    purpose: audit.purpose,
    subjects: [...audit.subjects],
    persons: [...audit.persons],
    sensitiveFields: [...audit.sensitive],
    deniedFields: [...audit.denied],
  };
}

/**
 * Every read of an enterprise or person, every credit review and every denied attempt becomes
 * one access record, written before the response leaves (the writer's group commit shares one
 * INSERT among concurrent requests). If the record cannot be written, the answer is withheld
 * and the caller gets 503 SERVICE_UNAVAILABLE: an answered read that is not in the log is the
 * gap the log exists to prevent.
 */
export function accessLogPlugin(append: (record: AccessRecordContent) => Promise<void>): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, operation, document, schema, errors, response }) {
          const audit = contextValue?.audit;
          if (!audit) return;
          if (operation && document) noteServiceRefusals(audit, errors, (path) => deniedFieldName(schema, document, operation, path));
          const record = accessRecordOf(contextValue, operationName ?? null);
          if (!record) return;
          try {
            await append(record);
          } catch {
            // The writer has logged the cause; the caller learns only that it may retry.
            response.http.status = 503;
            response.body = {
              kind: "single",
              singleResult: { errors: [{ message: "The access log is unavailable; try again shortly.", extensions: { code: "SERVICE_UNAVAILABLE" } }] },
            };
          }
        },
      };
    },
  };
}
