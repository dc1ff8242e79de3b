import { badInput } from "./errors";

/** Trimmed text of 1 to `max` characters, or BAD_USER_INPUT naming the field. */
export function requiredText(value: string, field: string, max = 2000): string {
  const text = value.trim();
  if (!text || text.length > max) throw badInput(field, `${field} must have 1 to ${max} characters.`);
  return text;
}
