import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { ownDepartmentOnly } from "../../auth/row-policy";
import { groupQueryLoader, perArguments, rowQueryLoader } from "../../db/loader";
import { cursorCodec } from "../../shared/pagination";
import { FEEDBACK_COLUMNS, SanctionFeedback } from "./feedback.type";

export const feedbackCursor = cursorCodec("sanctionFeedback", ["instant", "uuid"]);

/** A feedback row read as JSON (one part of a larger statement) carries its timestamp as text. */
function reviveFeedback<F extends SanctionFeedback>(f: F): F {
  return { ...f, reportedAt: new Date(f.reportedAt) };
}

/** Feedback rows a caller may read: its own department's; OVERSIGHT every department's. */
export function createFeedbackLoaders(db: DataSource, actor: Actor) {
  const department = ownDepartmentOnly(actor);
  const visible = (p: string) => `(${p}::text IS NULL OR f.department = ${p})`;
  const ORDER = `ORDER BY f.reported_at DESC, f.id DESC`;
  const fromRows = (rows: Record<string, unknown>[]) => (rows as unknown as SanctionFeedback[]).map(reviveFeedback);
  return {
    feedbackById: rowQueryLoader<string, SanctionFeedback>(db, {
      sql: (ids, params) => `SELECT ${FEEDBACK_COLUMNS} FROM sanction_feedback f WHERE f.id = ANY(${ids}) AND ${visible(params.add(department))}`,
      fromRows,
      keyOf: (f) => f.id,
    }),
    feedbackByEntry: groupQueryLoader<string, SanctionFeedback>(db, {
      sql: (ids, params) =>
        `SELECT ${FEEDBACK_COLUMNS} FROM sanction_feedback f WHERE f.blacklist_entry_id = ANY(${ids}) AND ${visible(params.add(department))} ${ORDER}`,
      fromRows,
      keyOf: (f) => f.blacklistEntryId,
    }),
    feedbackByTask: groupQueryLoader<string, SanctionFeedback>(db, {
      sql: (ids, params) => `SELECT ${FEEDBACK_COLUMNS} FROM sanction_feedback f WHERE f.task_id = ANY(${ids}) AND ${visible(params.add(department))} ${ORDER}`,
      fromRows,
      keyOf: (f) => f.taskId!,
    }),
    feedbackPages: perArguments((args: { first: number; after: string | null }) => {
      const [afterAt, afterId] = args.after ? feedbackCursor.decode(args.after) : [null, null];
      return groupQueryLoader<string, SanctionFeedback & { enterpriseId: string; total: number }>(db, {
        sql: (enterpriseIds, params) => {
          const [dept, at, id, limit] = [params.add(department), params.add(afterAt), params.add(afterId), params.add(args.first + 1)];
          return `SELECT * FROM (
               SELECT x.*, row_number() OVER (PARTITION BY x."enterpriseId" ORDER BY x."reportedAt" DESC, x.id DESC) AS rn FROM (
                 SELECT ${FEEDBACK_COLUMNS}, b.enterprise_id AS "enterpriseId", (count(*) OVER (PARTITION BY b.enterprise_id))::int AS total
                 FROM sanction_feedback f JOIN blacklist_entry b ON b.id = f.blacklist_entry_id
                 WHERE b.enterprise_id = ANY(${enterpriseIds}) AND ${visible(dept)}
               ) x WHERE ${at}::timestamptz IS NULL OR (x."reportedAt", x.id) < (${at}::timestamptz, ${id}::uuid)
             ) y WHERE y.rn <= ${limit} ORDER BY y."enterpriseId", y.rn`;
        },
        fromRows: (rows) => (rows as unknown as (SanctionFeedback & { enterpriseId: string; total: number })[]).map(reviveFeedback),
        keyOf: (f) => f.enterpriseId,
      });
    }),
  };
}
