/** Error codes the hub answers with (`extensions.code`): UNAUTHENTICATED 401, RATE_LIMITED 429, SERVICE_UNAVAILABLE 503 for a whole request; the others in `errors` beside the data. */
export enum ErrorCode {
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  CONFLICT = "CONFLICT",
  SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE",
  RATE_LIMITED = "RATE_LIMITED",
}

/**
 * A failure the caller can act on. Services throw these and know nothing of GraphQL;
 * `server/format-error.ts` turns them into GraphQL errors in one place.
 */
export class DomainError extends Error {
  /**
   * True when the answer refuses data the caller may not confirm (an unknown value and one it may
   * not use get the same answer): the access log records it as a denied attempt, as it does every
   * FORBIDDEN.
   */
  readonly deniedAttempt: boolean;
  /** RATE_LIMITED: when the caller may try again. */
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    options: { deniedAttempt?: boolean; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.deniedAttempt = options.deniedAttempt ?? code === ErrorCode.FORBIDDEN;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The code and field as a GraphQL error carries them (`extensions`), for code that inspects an error before it is formatted. */
  get extensions(): { code: ErrorCode; field?: string } {
    return { code: this.code, ...(this.field ? { field: this.field } : {}) };
  }
}

export const badInput = (field: string, message: string) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, field);
export const notFound = (message: string, field?: string) =>
  new DomainError(ErrorCode.NOT_FOUND, message, field);
export const conflict = (message: string, field?: string) =>
  new DomainError(ErrorCode.CONFLICT, message, field);
/** The shield's answer for a field the caller's audience may not read: it says nothing about whether the data exists. */
export const FIELD_FORBIDDEN = "You are not allowed to access this field.";

/** The one FORBIDDEN: the shield's field denials, the services' row and write refusals, refused introspection. */
export const forbidden = (message = "You are not allowed to do this.") =>
  new DomainError(ErrorCode.FORBIDDEN, message);

export const isForbidden = (value: unknown): boolean => value instanceof DomainError && value.code === ErrorCode.FORBIDDEN;

export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new DomainError(ErrorCode.RATE_LIMITED, message, undefined, { retryAfterSeconds, deniedAttempt: false });

export const unavailable = (message: string) => new DomainError(ErrorCode.SERVICE_UNAVAILABLE, message);
export const unauthenticated = (message: string) => new DomainError(ErrorCode.UNAUTHENTICATED, message);
