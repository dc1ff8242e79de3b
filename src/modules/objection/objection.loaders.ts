import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { type ProfileParts, groupQueryLoader, rowQueryLoader } from "../../db/loader";
import { today } from "../../shared/clock";
import { readableObjections } from "./objection.rules";
import { type Objection, objectionColumns, reviveObjection } from "./objection.type";

export function createObjectionLoaders(db: DataSource, actor: Actor) {
  return {
    // An event's objection: the same row rule.
    objectionById: rowQueryLoader<string, Objection>(db, {
      sql: (ids, params) => `SELECT ${objectionColumns(params.add(today()))} FROM objection o
           WHERE o.id = ANY(${ids}) AND ${readableObjections(actor, params)}`,
      fromRows: (rows) => (rows as unknown as Objection[]).map(reviveObjection),
      keyOf: (o) => o.id,
    }),
    // Newest first, with the same row rule as Query.objections.
    objectionsByEnterprise: groupQueryLoader<string, Objection>(db, {
      sql: (ids, params) => `SELECT ${objectionColumns(params.add(today()))} FROM objection o
           WHERE o.enterprise_id = ANY(${ids}) AND ${readableObjections(actor, params)} ORDER BY o.filed_at DESC, o.id DESC`,
      fromRows: (rows) => (rows as unknown as Objection[]).map(reviveObjection),
      keyOf: (o) => o.enterpriseId,
    }),
  };
}

export type ObjectionLoaders = ReturnType<typeof createObjectionLoaders>;

/** `Enterprise.objections` can come with its enterprise (enterprise-profile.loaders.ts). */
export const objectionProfileParts: ProfileParts<ObjectionLoaders> = {
  objections: (_, l) => l.objectionsByEnterprise.part,
};
