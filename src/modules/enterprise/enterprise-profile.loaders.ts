import { type GraphQLObjectType, type GraphQLResolveInfo, getNamedType } from "graphql";
import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { READ_POLICY } from "../../auth/policy";
import { audienceOf } from "../../auth/shield";
import { type ProfilePart, type ProfileParts, SqlParams } from "../../db/loader";
import { preparedQuery } from "../../db/prepared";
import { selectedFields } from "../../shared/graphql-lookahead";
import type { Enterprise } from "./enterprise.entity";
import type { EnterpriseLoaders } from "./enterprise.loaders";

/**
 * `Query.enterprise` in one statement: the enterprise and every selected part the caller may read,
 * each part as a JSON array built by its loader's own SQL (same filters, same order). `parts` are
 * the Enterprise fields whose rows can come with the enterprise itself, each module's own (see
 * the modules' `*ProfileParts`), with the loader (for the field's arguments) its resolver will
 * ask: the resolvers do not change, they find their loader already primed. Fields the caller may
 * not read are left out (the shield denies them anyway); arguments a part cannot use (a bad page
 * size) leave it to its resolver, which reports the error.
 */
export function createProfileLoader<L extends Pick<EnterpriseLoaders, "enterpriseByCode">>(
  db: DataSource,
  actor: Actor,
  loaders: L,
  parts: ProfileParts<L>,
) {
  // A subject reads its own enterprise as SUBJECT and any other as the public does.
  const audienceFor = (creditCode: string) => (actor.kind === "subject" && creditCode !== actor.creditCode ? "PUBLIC" : audienceOf(actor));
  const readable = READ_POLICY.Enterprise;
  const fetched = new Map<string, Promise<Enterprise | null>>();

  async function fetchProfile(creditCode: string, selectedParts: ProfilePart[]): Promise<Enterprise | null> {
    const params = new SqlParams();
    const target = loaders.enterpriseByCode.batch.sql(params.add([creditCode]), params);
    const keys = "ARRAY(SELECT id FROM target)";
    const columns = selectedParts.map((part, i) => `, (SELECT json_agg(x) FROM (${part.sql(keys, params)}) x) AS p${i}`);
    const [row] = await preparedQuery<Record<string, unknown>>(db,
      `WITH target AS MATERIALIZED (${target}) SELECT (SELECT json_agg(t) FROM target t) AS root${columns.join("")}`,
      params.values,
    );
    const [enterprise = null] = loaders.enterpriseByCode.batch.fromRows((row.root as Record<string, unknown>[] | null) ?? []);
    loaders.enterpriseByCode.prime(creditCode, enterprise);
    const ids = enterprise ? [enterprise.id] : [];
    selectedParts.forEach((part, i) => part.prime(ids, row[`p${i}`]));
    return enterprise;
  }

  return (creditCode: string, info: GraphQLResolveInfo): Promise<Enterprise | null> => {
    let profile = fetched.get(creditCode);
    if (!profile) {
      const selected = selectedFields(info, getNamedType(info.returnType) as GraphQLObjectType);
      const chosen = new Set<ProfilePart>();
      const audience = audienceFor(creditCode);
      // In the order of `parts`, not the query's: the statement's text (one prepared statement per
      // text and connection) then depends on which parts are asked for, not on how a client orders them.
      for (const [name, part] of Object.entries(parts)) {
        if (!readable[name]?.includes(audience)) continue;
        for (const field of selected) {
          if (field.name !== name) continue;
          try {
            chosen.add(part(field.args, loaders));
          } catch {
            // Arguments its resolver will refuse with a clear error: nothing to fetch ahead.
          }
        }
      }
      fetched.set(creditCode, (profile = fetchProfile(creditCode, [...chosen])));
    }
    return profile;
  };
}
