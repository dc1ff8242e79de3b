import { type GraphQLObjectType, type GraphQLResolveInfo, getNamedType } from "graphql";
import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { READ_POLICY } from "../../auth/policy";
import { audienceOf } from "../../auth/shield";
import { type QueryLoader, SqlParams, primeLoader } from "../../db/loader";
import { preparedQuery } from "../../db/prepared";
import { selectedFields } from "../../shared/graphql-lookahead";
import type { RowLoaders } from "..";
import type { ResponsibleRole } from "../person/responsible-role.enum";
import { holdersArgs } from "../person/person.loaders";
import { penaltyPageArgs } from "../penalty/penalty.loaders";
import type { Enterprise } from "./enterprise.entity";

type AnyQueryLoader = QueryLoader<string, unknown, unknown>;
type PartLoader = (args: Record<string, unknown>, loaders: RowLoaders) => AnyQueryLoader;

/**
 * The Enterprise fields whose rows can come with the enterprise itself, and the loader (for the
 * field's arguments) that its resolver will ask. The resolvers do not change: they find their
 * loader already primed.
 */
const PARTS: Record<string, PartLoader> = {
  responsiblePersons: (a, l) =>
    l.holdersByEnterprise(holdersArgs(a.roles as ResponsibleRole[] | null, a.current as boolean | null)) as unknown as AnyQueryLoader,
  penalties: (a, l) => l.penaltyPages(penaltyPageArgs(a.first as number | null, a.after as string | null)) as unknown as AnyQueryLoader,
  onWatchlist: (_, l) => l.listState as unknown as AnyQueryLoader,
  onBlacklist: (_, l) => l.listState as unknown as AnyQueryLoader,
  measuresInForce: (_, l) => l.listState as unknown as AnyQueryLoader,
  watchlist: (_, l) => l.watchlistByEnterprise as unknown as AnyQueryLoader,
  blacklist: (_, l) => l.blacklistByEnterprise as unknown as AnyQueryLoader,
  creditGrade: (_, l) => l.gradeByEnterprise as unknown as AnyQueryLoader,
  riskAssessment: (_, l) => l.riskByEnterprise as unknown as AnyQueryLoader,
};

/**
 * `Query.enterprise` in one statement: the enterprise and every selected part the caller may read,
 * each part as a JSON array built by its loader's own SQL (same filters, same order). Fields the
 * caller may not read are left out (the shield denies them anyway); arguments a part cannot use
 * (a bad page size) leave it to its resolver, which reports the error.
 */
export function createProfileLoader(db: DataSource, actor: Actor, loaders: RowLoaders) {
  const audience = audienceOf(actor);
  const readable = READ_POLICY.Enterprise;
  const fetched = new Map<string, Promise<Enterprise | null>>();

  async function fetchProfile(creditCode: string, parts: AnyQueryLoader[]): Promise<Enterprise | null> {
    const params = new SqlParams();
    const target = loaders.enterpriseByCode.batch.sql(params.add([creditCode]), params);
    const keys = "ARRAY(SELECT id FROM target)";
    const columns = parts.map((part, i) => `, (SELECT json_agg(x) FROM (${part.batch.sql(keys, params)}) x) AS p${i}`);
    const [row] = await preparedQuery<Record<string, unknown>>(db,
      `WITH target AS MATERIALIZED (${target}) SELECT (SELECT json_agg(t) FROM target t) AS root${columns.join("")}`,
      params.values,
    );
    const [enterprise = null] = loaders.enterpriseByCode.batch.fromRows((row.root as Record<string, unknown>[] | null) ?? []);
    loaders.enterpriseByCode.prime(creditCode, enterprise);
    const ids = enterprise ? [enterprise.id] : [];
    parts.forEach((part, i) => primeLoader(part, ids, row[`p${i}`]));
    return enterprise;
  }

  return (creditCode: string, info: GraphQLResolveInfo): Promise<Enterprise | null> => {
    let profile = fetched.get(creditCode);
    if (!profile) {
      const selected = selectedFields(info, getNamedType(info.returnType) as GraphQLObjectType);
      const parts = new Set<AnyQueryLoader>();
      // In PARTS' order, not the query's: the statement's text (one prepared statement per text
      // and connection) then depends on which parts are asked for, not on how a client orders them.
      for (const [name, part] of Object.entries(PARTS)) {
        if (!readable[name]?.includes(audience)) continue;
        for (const field of selected) {
          if (field.name !== name) continue;
          try {
            parts.add(part(field.args, loaders));
          } catch {
            // Arguments its resolver will refuse with a clear error: nothing to fetch ahead.
          }
        }
      }
      fetched.set(creditCode, (profile = fetchProfile(creditCode, [...parts])));
    }
    return profile;
  };
}
