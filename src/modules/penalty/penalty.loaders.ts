import type { DataSource } from "typeorm";
import { type ProfileParts, groupQueryLoader, perArguments, rowQueryLoader } from "../../db/loader";
import { checkFirst, cursorCodec } from "../../shared/pagination";

export const penaltyCursor = cursorCodec("penalty", ["date", "uuid"]);
import { today } from "../../shared/clock";
import type { Actor } from "../../auth/actor";
import { PENALTY_COLUMNS, Penalty, revivePenalty } from "./penalty.entity";

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
 * A page of penalties for every enterprise of the request in one statement: the window
 * functions number each enterprise's rows and count them, so nothing fans out or repeats.
 */
export function createPenaltyLoaders(db: DataSource, actor: Actor) {
  // The public audience sees only disclosed (today <= publicUntil), unrevoked penalties.
  const publicOnly = actor.kind === "public";
  return {
    penaltyById: rowQueryLoader<string, Penalty>(db, {
      sql: (ids) => `SELECT ${PENALTY_COLUMNS} FROM penalty pe WHERE pe.id = ANY(${ids})`,
      fromRows: (rows) => (rows as unknown as Penalty[]).map(revivePenalty),
      keyOf: (p) => p.id,
    }),
    penaltyPages: perArguments((args: PenaltyPageArgs) => {
      const [afterDate, afterId] = args.after ? penaltyCursor.decode(args.after) : [null, null];
      return groupQueryLoader<string, PenaltyRow>(db, {
        sql: (enterpriseIds, params) => {
          const [date, id, limit, publicOn] = [params.add(afterDate), params.add(afterId), params.add(args.first + 1), params.add(publicOnly ? today() : null)];
          return `SELECT * FROM (
               SELECT x.*, row_number() OVER (PARTITION BY x."enterpriseId" ORDER BY x."decidedOn" DESC, x.id DESC) AS rn
               FROM (
                 SELECT ${PENALTY_COLUMNS}, (count(*) OVER (PARTITION BY pe.enterprise_id))::int AS total
                 FROM penalty pe WHERE pe.enterprise_id = ANY(${enterpriseIds})
                   AND (${publicOn}::date IS NULL OR (pe.revoked_at IS NULL AND pe.public_until >= ${publicOn}::date))
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
