import { GraphQLError } from "graphql";

/**
 * Raised by scalars when a value is malformed. graphql-js keeps it as `originalError` of the
 * coercion or validation error, where format-error finds it and answers BAD_USER_INPUT.
 */
export class ScalarInputError extends GraphQLError {
  constructor(message: string, field: string) {
    super(message, { extensions: { code: "BAD_USER_INPUT", field } });
  }
}
