import type { GraphQLResolveInfo, GraphQLSchema } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { and, deny, rule, shield } from "graphql-shield";
import type { IRules } from "graphql-shield/typings/types";
import { FIELD_FORBIDDEN, forbidden, isForbidden } from "../shared/errors";
import type { AccessCollector } from "./access-collector";
import type { Actor } from "./actor";
import { ARGUMENT_POLICY, type Audience, EVERYONE, READ_POLICY, SUBJECT, WRITE_POLICY } from "./policy";
import { isOwnRecord } from "./row-policy";

/** What the shield reads of a request: the caller, and the record of what it read. */
export interface ShieldContext {
  actor: Actor;
  audit?: AccessCollector;
}

/**
 * The caller's audience for one field: PUBLIC, its department, or, for a subject, SUBJECT on its
 * own records and on root fields (whose row rules keep it to its own) and PUBLIC on anyone else's.
 */
export function audienceOf(actor: Actor, parent?: unknown, info?: Pick<GraphQLResolveInfo, "parentType">): Audience {
  if (actor.kind === "public") return "PUBLIC";
  if (actor.kind === "agency") return actor.department;
  const type = info?.parentType.name;
  if (type === undefined || type === "Query" || type === "Mutation" || type === "Subscription") return SUBJECT;
  return isOwnRecord(actor, type, parent) ? SUBJECT : "PUBLIC";
}

function audienceRule(audiences: readonly Audience[]) {
  const allowed = new Set(audiences);
  const key = [...allowed].sort().join(",");
  // Caching the answer per request ("contextual") is safe when it depends on the caller alone. A
  // subject's audience depends on the record (its own or another's), so a rule that lets exactly
  // one of PUBLIC and SUBJECT through is evaluated for every record.
  const perRecord = allowed.has("PUBLIC") !== allowed.has(SUBJECT);
  return rule(`read:${key}`, { cache: perRecord ? "no_cache" : "contextual" })(
    (parent, _args, ctx: ShieldContext, info: GraphQLResolveInfo) => allowed.has(audienceOf(ctx.actor, parent, info)),
  );
}

/**
 * Departments with the write scope; a subject where the matrix names SUBJECT (its own objections:
 * the service checks the record); anyone, key or none, where it names PUBLIC (a tip-off).
 */
function writeRule(writers: readonly string[]) {
  const allowed = new Set(writers);
  const key = [...allowed].sort().join(",");
  return rule(`write:${key}`, { cache: "contextual" })((_parent, _args, ctx: ShieldContext) => {
    if (allowed.has("PUBLIC")) return true;
    if (ctx.actor.kind === "subject") return allowed.has(SUBJECT);
    return ctx.actor.kind === "agency" && ctx.actor.scopes.includes("write") && allowed.has(ctx.actor.department);
  });
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

