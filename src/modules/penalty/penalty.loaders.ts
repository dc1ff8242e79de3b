import type { DataSource } from "typeorm";
import { type ProfileParts, type SqlParams, groupQueryLoader, perArguments, rowQueryLoader } from "../../db/loader";
import { checkFirst, cursorCodec } from "../../shared/pagination";

export const penaltyCursor = cursorCodec("penalty", ["date", "uuid"]);
import { today } from "../../shared/clock";
import type { Actor } from "../../auth/actor";
import { visibleRecords } from "../../auth/row-policy";
import { PENALTY_COLUMNS, Penalty, penaltyRepaired, revivePenalty } from "./penalty.entity";

export interface PenaltyPageArgs {
  first: number;
  after: string | null;
}

/** The loader arguments of `Enterprise.penalties(first, after)`; a bad page size is refused here. */
export function penaltyPageArgs(first: number | null | undefined, after: string | null | undefined): PenaltyPageArgs {
  return { first: checkFirst(first ?? 50), after: after ?? null };
}

export type PenaltyRow = Penalty & { total: number };

/**
 * The penalties the caller reads (alias pe): the public sees disclosed (today <= publicUntil),
 * unrevoked ones; a repaired one is read only by its producer, CREDIT_OFFICE and the subject.
 */
export const visiblePenalty = (actor: Actor, params: SqlParams) =>
  visibleRecords(actor, params, {
    enterprise: "pe.enterprise_id",
    producer: "pe.department",
    repaired: penaltyRepaired("pe"),
    public: `pe.revoked_at IS NULL AND pe.public_until >= ${params.add(today())}::date`,
  });

/**
 * A page of penalties for every enterprise of the request in one statement: the window
 * functions number each enterprise's rows and count them, so nothing fans out or repeats.
 */
export function createPenaltyLoaders(db: DataSource, actor: Actor) {
  return {
    // Reached from other records (a breach's penalty, a repair's): the same row rule as the list.
    penaltyById: rowQueryLoader<string, Penalty>(db, {
      sql: (ids, params) => `SELECT ${PENALTY_COLUMNS} FROM penalty pe WHERE pe.id = ANY(${ids}) AND ${visiblePenalty(actor, params)}`,
      fromRows: (rows) => (rows as unknown as Penalty[]).map(revivePenalty),
      keyOf: (p) => p.id,
    }),
    penaltyPages: perArguments((args: PenaltyPageArgs) => {
      const [afterDate, afterId] = args.after ? penaltyCursor.decode(args.after) : [null, null];
      return groupQueryLoader<string, PenaltyRow>(db, {
        sql: (enterpriseIds, params) => {
          const [date, id, limit] = [params.add(afterDate), params.add(afterId), params.add(args.first + 1)];
          const visible = visiblePenalty(actor, params);
          return `SELECT * FROM (
               SELECT x.*, row_number() OVER (PARTITION BY x."enterpriseId" ORDER BY x."decidedOn" DESC, x.id DESC) AS rn
               FROM (
                 SELECT ${PENALTY_COLUMNS}, (count(*) OVER (PARTITION BY pe.enterprise_id))::int AS total
                 FROM penalty pe WHERE pe.enterprise_id = ANY(${enterpriseIds})
                   AND ${visible}
               ) x
               WHERE ${date}::date IS NULL OR (x."decidedOn", x.id) < (${date}::date, ${id}::uuid)
             ) y WHERE y.rn <= ${limit}
             ORDER BY y."enterpriseId", y.rn`;
        },
        fromRows: (rows) => (rows as unknown as PenaltyRow[]).map(revivePenalty),
        keyOf: (row) => row.enterpriseId,
      });
    }),
  };
}

export type PenaltyLoaders = ReturnType<typeof createPenaltyLoaders>;

/** `Enterprise.penalties(first, after)` can come with its enterprise (enterprise.profile.ts); a bad page size is left to the resolver. */
export const penaltyProfileParts: ProfileParts<PenaltyLoaders> = {
  penalties: (a, l) => l.penaltyPages(penaltyPageArgs(a.first as number | null, a.after as string | null)).part,
};
