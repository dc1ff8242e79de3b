/**
 * What every string that reaches the hub must satisfy before it may reach SQL: a bounded length,
 * no NUL (PostgreSQL's text cannot hold U+0000 and fails the whole statement) and well-formed
 * UTF-16 (a lone surrogate has no UTF-8 form: node-postgres silently writes U+FFFD instead, so
 * the stored value differs from the one the hub compared, and a write can land while the caller
 * is told it did not).
 */

/** Maxima where an argument or input field declares none: free text a few thousand characters, identifiers short. */
export const DEFAULT_MAX_LENGTH = { String: 5_000, ID: 200 } as const;

/** Name search: a short limit, so that the bigram helper and ILIKE only ever see short patterns. */
export const NAME_SEARCH_MAX_LENGTH = 50;

/** Opaque page cursors: far more than any the hub issues. */
export const CURSOR_MAX_LENGTH = 500;

// A high surrogate not followed by a low one, or a low one not preceded by a high one. The regex
// is linear in the input (no nested quantifiers); String.prototype.isWellFormed is not in ES2023's lib.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `value` may not be stored (a phrase that follows the field's name), or null when it may. */
export function textProblem(value: string, max: number): string | null {
  if (value.length > max) return `has ${value.length} characters; at most ${max} are allowed`;
  if (value.includes("\u0000")) return "contains a NUL character (U+0000), which cannot be stored";
  if (LONE_SURROGATE.test(value)) return "is not well-formed Unicode (it contains a lone surrogate), so it cannot be stored as sent";
  return null;
}
