import type { GraphQLSchema } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { and, deny, rule, shield } from "graphql-shield";
import type { IRules } from "graphql-shield/typings/types";
import { FIELD_FORBIDDEN, forbidden, isForbidden } from "../shared/errors";
import type { AccessCollector } from "./access-collector";
import type { Actor } from "./actor";
import { ARGUMENT_POLICY, type Audience, EVERYONE, READ_POLICY, WRITE_POLICY } from "./policy";

/** What the shield reads of a request: the caller, and the record of what it read. */
export interface ShieldContext {
  actor: Actor;
  audit?: AccessCollector;
}

export function audienceOf(actor: Actor): Audience {
  return actor.kind === "public" ? "PUBLIC" : actor.department;
}

function audienceRule(audiences: readonly Audience[]) {
  const allowed = new Set(audiences);
  const key = [...allowed].sort().join(",");
  // The rule reads only the caller, so caching its answer per request ("contextual") is safe.
  return rule(`read:${key}`, { cache: "contextual" })((_parent, _args, ctx: ShieldContext) => allowed.has(audienceOf(ctx.actor)));
}

function writeRule(departments: readonly string[]) {
  const allowed = new Set(departments);
  const key = [...allowed].sort().join(",");
  return rule(`write:${key}`, { cache: "contextual" })(
    (_parent, _args, ctx: ShieldContext) =>
      ctx.actor.kind === "agency" && ctx.actor.scopes.includes("write") && allowed.has(ctx.actor.department),
  );
}

/** Denies the field when an argument is used by an audience not allowed to use it. */
function argumentRule(field: string, restricted: Readonly<Record<string, readonly Audience[]>>) {
  // Arguments differ per call: this rule is never cached.
  return rule(`args:${field}`, { cache: "no_cache" })((_parent, args: Record<string, unknown>, ctx: ShieldContext) =>
    Object.entries(restricted).every(([path, audiences]) => {
      const value = path.split(".").reduce<unknown>((v, key) => (v as Record<string, unknown> | null | undefined)?.[key], args);
      return value === undefined || value === null || audiences.includes(audienceOf(ctx.actor));
    }),
  );
}

/** The shield's rule tree, generated from the matrix: one rule per distinct audience set. */
export function buildRuleTree(): IRules {
  const rules = new Map<string, ReturnType<typeof audienceRule>>();
  const ruleFor = (audiences: readonly Audience[]) => {
    const key = [...new Set(audiences)].sort().join(",");
    let r = rules.get(key);
    if (!r) rules.set(key, (r = audienceRule(audiences)));
    return r;
  };
  const tree: Record<string, Record<string, unknown>> = {};
  for (const [type, fields] of Object.entries(READ_POLICY)) {
    tree[type] = Object.fromEntries(
      Object.entries(fields).map(([field, audiences]) => {
        const restricted = ARGUMENT_POLICY[`${type}.${field}`];
        return [field, restricted ? and(ruleFor(audiences), argumentRule(`${type}.${field}`, restricted)) : ruleFor(audiences)];
      }),
    );
  }
  const writes = new Map<string, ReturnType<typeof writeRule>>();
  tree.Mutation = Object.fromEntries(
    Object.entries(WRITE_POLICY).map(([mutation, departments]) => {
      const key = [...departments].sort().join(",");
      if (!writes.has(key)) writes.set(key, writeRule(departments));
      return [mutation, writes.get(key)];
    }),
  );
  return tree as IRules;
}

/**
 * Wraps the schema in graphql-shield: deny whatever the matrix does not name, typed FORBIDDEN
 * errors, and resolver errors passed through to format-error (allowExternalErrors).
 *
 * graphql-middleware wraps every field it is given in an async function, which cost a third of
 * the throughput of a 100-row list (npm run bench). So the shield's field map is generated as
 * usual, fallback deny included, and then the fields the matrix opens to every audience are
 * taken out of it: they need no check. Unlisted fields keep their deny wrapper.
 */
export function applyShield(schema: GraphQLSchema): GraphQLSchema {
  const generator = shield(buildRuleTree(), {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => forbidden(FIELD_FORBIDDEN),
  });
  const fieldMap = generator.generate(schema) as Record<string, Record<string, unknown>>;
  for (const [type, fields] of Object.entries(READ_POLICY)) {
    for (const [field, audiences] of Object.entries(fields)) {
      if (isOpenToEveryone(audiences) && !ARGUMENT_POLICY[`${type}.${field}`] && fieldMap[type]) delete fieldMap[type][field];
    }
  }
  for (const [type, fields] of Object.entries(fieldMap)) {
    for (const [field, middleware] of Object.entries(fields)) {
      const name = `${type}.${field}`;
      // Logic rules (and, or) come as { resolve, fragments }; plain rules as the function itself.
      fields[field] = typeof middleware === "function"
        ? recording(name, type === "Mutation", middleware as FieldMiddleware)
        : { ...(middleware as object), resolve: recording(name, type === "Mutation", (middleware as { resolve: FieldMiddleware }).resolve) };
    }
  }
  return applyMiddleware(schema, fieldMap as never);
}

type FieldMiddleware = (resolve: unknown, parent: unknown, args: unknown, ctx: ShieldContext, info: unknown) => Promise<unknown>;

/** Notes each shielded field returned, and each denied one, in the request's access record. */
function recording(name: string, isMutation: boolean, middleware: FieldMiddleware): FieldMiddleware {
  return async (resolve, parent, args, ctx, info) => {
    const result = await middleware(resolve, parent, args, ctx, info);
    if (isForbidden(result)) ctx.audit?.denied.add(name);
    else if (!isMutation && result !== null && result !== undefined && !(result instanceof Error)) ctx.audit?.sensitive.add(name);
    return result;
  };
}

function isOpenToEveryone(audiences: readonly Audience[]): boolean {
  return EVERYONE.every((a) => audiences.includes(a));
}

