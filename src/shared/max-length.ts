import type { GraphQLField, GraphQLInputField } from "graphql";
import { Extensions } from "type-graphql";

/**
 * Per-value maxima are declared where the value lives, as schema extensions (they do not change
 * the SDL): on an input field with `@MaxLength(n)`, on a query or mutation with
 * `@ArgMaxLength({ arg: n })` (type-graphql has no extensions for single arguments). The input
 * bounds plugin reads them; a value without one gets DEFAULT_MAX_LENGTH.
 */
export const MaxLength = (max: number) => Extensions({ maxLength: max });

export const ArgMaxLength = (maxima: Record<string, number>) => Extensions({ argMaxLength: maxima });

export function declaredMaxLength(field: GraphQLInputField): number | undefined {
  const max = field.extensions?.maxLength;
  return typeof max === "number" ? max : undefined;
}

export function declaredArgMaxLength(field: GraphQLField<unknown, unknown>, arg: string): number | undefined {
  const max = (field.extensions?.argMaxLength as Record<string, unknown> | undefined)?.[arg];
  return typeof max === "number" ? max : undefined;
}
