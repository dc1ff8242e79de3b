import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { ownDepartmentOnly } from "../../auth/row-policy";
import { groupLoader, perArguments, rowLoader } from "../../db/loader";
import { cursorCodec } from "../../shared/pagination";
import { FEEDBACK_COLUMNS, SanctionFeedback } from "./feedback.types";

export const feedbackCursor = cursorCodec("sanctionFeedback", ["instant", "uuid"]);

/** Feedback rows a caller may read: its own department's; OVERSIGHT every department's. */
export function createFeedbackLoaders(db: DataSource, actor: Actor) {
  const department = ownDepartmentOnly(actor);
  const visible = (n: number) => `($${n}::text IS NULL OR f.department = $${n})`;
  const ORDER = `ORDER BY f.reported_at DESC, f.id DESC`;
  return {
    feedbackById: rowLoader<string, SanctionFeedback>(
      (ids) => db.query(`SELECT ${FEEDBACK_COLUMNS} FROM sanction_feedback f WHERE f.id = ANY($1) AND ${visible(2)}`, [ids, department]),
      (f) => f.id,
    ),
    feedbackByEntry: groupLoader<string, SanctionFeedback>(
      (ids) => db.query(`SELECT ${FEEDBACK_COLUMNS} FROM sanction_feedback f WHERE f.blacklist_entry_id = ANY($1) AND ${visible(2)} ${ORDER}`, [ids, department]),
      (f) => f.blacklistEntryId,
    ),
    feedbackByTask: groupLoader<string, SanctionFeedback>(
      (ids) => db.query(`SELECT ${FEEDBACK_COLUMNS} FROM sanction_feedback f WHERE f.task_id = ANY($1) AND ${visible(2)} ${ORDER}`, [ids, department]),
      (f) => f.taskId!,
    ),
    feedbackPages: perArguments((args: { first: number; after: string | null }) => {
      const [afterAt, afterId] = args.after ? feedbackCursor.decode(args.after) : [null, null];
      return groupLoader<string, SanctionFeedback & { enterpriseId: string; total: number }>(
        (enterpriseIds) =>
          db.query(
            `SELECT * FROM (
               SELECT x.*, row_number() OVER (PARTITION BY x."enterpriseId" ORDER BY x."reportedAt" DESC, x.id DESC) AS rn FROM (
                 SELECT ${FEEDBACK_COLUMNS}, b.enterprise_id AS "enterpriseId", (count(*) OVER (PARTITION BY b.enterprise_id))::int AS total
                 FROM sanction_feedback f JOIN blacklist_entry b ON b.id = f.blacklist_entry_id
                 WHERE b.enterprise_id = ANY($1) AND ${visible(2)}
               ) x WHERE $3::timestamptz IS NULL OR (x."reportedAt", x.id) < ($3::timestamptz, $4::uuid)
             ) y WHERE y.rn <= $5 ORDER BY y."enterpriseId", y.rn`,
            [enterpriseIds, department, afterAt, afterId, args.first + 1],
          ),
        (f) => f.enterpriseId,
      );
    }),
  };
}
