import { isCalendarDate } from "./scalars/date.scalar";
import { creditCodeProblem } from "./identifiers";
import { badInput } from "./errors";
import { notInFuture } from "./validation";

/** The same checks the GraphQL scalars make, for values read from a file. */
export function creditCodeField(value: string | undefined, field = "credit_code"): string {
  const code = (value ?? "").trim().toUpperCase();
  const problem = creditCodeProblem(code);
  if (problem) throw badInput(field, problem);
  return code;
}

export function dateField(value: string | undefined, field: string): string {
  const date = (value ?? "").trim();
  if (!isCalendarDate(date)) throw badInput(field, `${JSON.stringify(value ?? "")} is not a date in the form YYYY-MM-DD.`);
  return date;
}

export function pastDateField(value: string | undefined, field: string): string {
  return notInFuture(dateField(value, field), field);
}

export function enumField<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T {
  const v = (value ?? "").trim().toUpperCase() as T;
  if (!allowed.includes(v)) throw badInput(field, `${JSON.stringify(value ?? "")} is not one of ${allowed.join(", ")}.`);
  return v;
}

export function textField(value: string | undefined, field: string, max: number, required = true): string | null {
  const text = (value ?? "").trim();
  if (!text && required) throw badInput(field, `${field} is required.`);
  if (text.length > max) throw badInput(field, `${field} may have at most ${max} characters.`);
  return text || null;
}
