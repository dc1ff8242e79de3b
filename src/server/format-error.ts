import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { isDatabaseUnavailable, isStatementTimeout } from "../db/faults";
import type { Logger } from "../shared/logger";
import { DomainError, ErrorCode, unavailable } from "../shared/errors";
import { ScalarInputError } from "../shared/scalars/input-error";
import { isTokenLimitError, LIMITS, QueryTooComplexError } from "./plugins/limits";

/** Codes of errors raised on purpose (by Apollo's request pipeline or the shields) that may pass as they are. */
export const PASS_THROUGH: ReadonlySet<string> = new Set<string>([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.SERVICE_UNAVAILABLE,
  "RATE_LIMITED",
]);

function errorIn<T extends GraphQLError>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let e = error; e instanceof Error; e = (e as GraphQLError).originalError) {
    if (e instanceof type) return e;
    if (!(e instanceof GraphQLError)) break;
  }
  return undefined;
}

const DATABASE_UNAVAILABLE = "The credit database is unavailable; try again shortly.";
const DATABASE_TOO_SLOW = "The credit database took too long to answer; try again shortly.";

/** HTTP status of a request refused as a whole (before or instead of execution), by code. */
/** The HTTP status of a refusal as a whole (a request, a page), by its code: one table for the API and the pages. */
const REQUEST_STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

export function httpStatusOf(code: string, otherwise: number): number {
  return REQUEST_STATUS[code] ?? otherwise;
}

/**
 * A request refused as a whole (authentication, rate limit, introspection, the database gone
 * before execution): the GraphQL error with its HTTP status, and Retry-After where it applies.
 * Anything else is rethrown for Apollo to mask.
 */
export function requestError(err: unknown): GraphQLError {
  if (isDatabaseUnavailable(err)) return requestError(unavailable(DATABASE_UNAVAILABLE));
  if (!(err instanceof DomainError)) throw err;
  const retry = err.retryAfterSeconds;
  return new GraphQLError(err.message, {
    extensions: {
      code: err.code,
      ...(err.field ? { field: err.field } : {}),
      ...(retry !== undefined ? { retryAfterSeconds: retry } : {}),
      http: { status: httpStatusOf(err.code, 400), ...(retry !== undefined ? { headers: new Map([["retry-after", String(retry)]]) } : {}) },
    },
  });
}

/** `Variable "$input" got invalid value … at "input.creditCode"` → input.creditCode */
function fieldFromMessage(message: string): string | undefined {
  return /at "([^"]+)"/.exec(message)?.[1] ?? /^Variable "\$(\w+)"/.exec(message)?.[1];
}

/**
 * The one place where errors become what the client sees: domain errors keep their code and
 * field; anything unexpected is logged and masked, so no stack, SQL or secret leaves the hub
 * outside development mode.
 */
export function createFormatError(logger: Logger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { locations, path } = formatted;
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      const extensions = {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...(original.retryAfterSeconds !== undefined ? { retryAfterSeconds: original.retryAfterSeconds } : {}),
      };
      return { message: original.message, locations, path, extensions };
    }
    const tooComplex = errorIn(error, QueryTooComplexError);
    if (tooComplex) return { message: tooComplex.message, locations, extensions: { code: String(tooComplex.extensions.code) } };
    if (formatted.extensions?.code === "GRAPHQL_PARSE_FAILED" && isTokenLimitError(formatted.message)) {
      const message = `The query has more than ${LIMITS.tokens} tokens; send a shorter document.`;
      return { message, locations, extensions: { code: "QUERY_TOO_COMPLEX" } };
    }
    const scalarError = errorIn(error, ScalarInputError);
    if (scalarError) {
      const field = fieldFromMessage(formatted.message) ?? scalarError.extensions.field;
      return { message: formatted.message, locations, path, extensions: { code: ErrorCode.BAD_USER_INPUT, field } };
    }
    const code = String(formatted.extensions?.code ?? "");
    if (PASS_THROUGH.has(code) && (original instanceof GraphQLError || !(original instanceof Error))) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return development ? formatted : { message: formatted.message, locations, path, extensions };
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original }, "database unavailable");
      return {
        message: DATABASE_UNAVAILABLE,
        locations,
        path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    if (isStatementTimeout(original)) {
      logger.warn({ err: original, path }, "statement timeout");
      return {
        message: DATABASE_TOO_SLOW,
        locations,
        path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    logger.error({ err: original, path }, "unexpected error");
    if (development) return formatted;
    return { message: "Internal server error.", locations, path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}
