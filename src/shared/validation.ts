import { today } from "./clock";
import { badInput } from "./errors";

/** Trimmed text of 1 to `max` characters, or BAD_USER_INPUT naming the field. */
export function requiredText(value: string, field: string, max = 2000): string {
  const text = value.trim();
  if (!text || text.length > max) throw badInput(field, `${field} must have 1 to ${max} characters.`);
  return text;
}

/** A calendar date that is not after `asOf` (default: today in China Standard Time), or BAD_USER_INPUT naming the field. */
export function notInFuture(date: string, field: string, asOf: string = today()): string {
  if (date > asOf) throw badInput(field, `${field} (${date}) lies in the future.`);
  return date;
}
