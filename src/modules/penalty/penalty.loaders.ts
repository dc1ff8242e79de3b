import type { DataSource } from "typeorm";
import { groupLoader, perArguments, rowLoader } from "../../db/loader";
import { decodeCursor } from "../../shared/pagination";
import { today } from "../../shared/clock";
import type { Actor } from "../../auth/actor";
import { PENALTY_COLUMNS, Penalty } from "./penalty.entity";

export interface PenaltyPageArgs {
  first: number;
  after: string | null;
}

export type PenaltyRow = Penalty & { total: number };

/**
 * A page of penalties for every enterprise of the request in one statement: the window
 * functions number each enterprise's rows and count them, so nothing fans out or repeats.
 */
export function createPenaltyLoaders(db: DataSource, actor: Actor) {
  // POLICY.md: the public audience sees only disclosed (today <= publicUntil), unrevoked penalties.
  const publicOnly = actor.kind === "public";
  return {
    penaltyById: rowLoader<string, Penalty>(
      (ids) => db.query(`SELECT ${PENALTY_COLUMNS} FROM penalty pe WHERE pe.id = ANY($1)`, [ids]),
      (p) => p.id,
    ),
    penaltyPages: perArguments((args: PenaltyPageArgs) => {
      const [afterDate, afterId] = args.after ? decodeCursor(args.after, 2) : [null, null];
      return groupLoader<string, PenaltyRow>(
        (enterpriseIds) =>
          db.query(
            `SELECT * FROM (
               SELECT x.*, row_number() OVER (PARTITION BY x."enterpriseId" ORDER BY x."decidedOn" DESC, x.id DESC) AS rn
               FROM (
                 SELECT ${PENALTY_COLUMNS}, (count(*) OVER (PARTITION BY pe.enterprise_id))::int AS total
                 FROM penalty pe WHERE pe.enterprise_id = ANY($1)
                   AND ($5::date IS NULL OR (pe.revoked_at IS NULL AND pe.public_until >= $5::date))
               ) x
               WHERE $2::date IS NULL OR (x."decidedOn", x.id) < ($2::date, $3::uuid)
             ) y WHERE y.rn <= $4
             ORDER BY y."enterpriseId", y.rn`,
            [enterpriseIds, afterDate, afterId, args.first + 1, publicOnly ? today() : null],
          ),
        (row) => row.enterpriseId,
      );
    }),
  };
}

export type PenaltyLoaders = ReturnType<typeof createPenaltyLoaders>;
