/** Error codes the hub answers with (`extensions.code`); see POLICY.md "Error codes". */
export enum ErrorCode {
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  CONFLICT = "CONFLICT",
  SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE",
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

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    options: { deniedAttempt?: boolean } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.deniedAttempt = options.deniedAttempt ?? code === ErrorCode.FORBIDDEN;
  }
}

export const badInput = (field: string, message: string) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, field);
export const notFound = (message: string, field?: string) =>
  new DomainError(ErrorCode.NOT_FOUND, message, field);
export const conflict = (message: string, field?: string) =>
  new DomainError(ErrorCode.CONFLICT, message, field);
export const forbidden = (message = "You are not allowed to do this.") =>
  new DomainError(ErrorCode.FORBIDDEN, message);
