import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { ownDepartmentOnly } from "../../auth/row-policy";
import { groupLoader, rowLoader } from "../../db/loader";
import { today } from "../../shared/clock";
import { SanctionTask, taskColumns } from "./sanction-task.type";

export function createSanctionLoaders(db: DataSource, actor: Actor) {
  // A department sees its own tasks; OVERSIGHT sees every department's (auth/row-policy).
  const department = ownDepartmentOnly(actor);
  return {
    taskById: rowLoader<string, SanctionTask>(
      (ids) =>
        db.query(
          `SELECT ${taskColumns("$2")} FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
           WHERE t.id = ANY($1) AND ($3::text IS NULL OR t.department = $3)`,
          [ids, today(), department],
        ),
      (t) => t.id,
    ),
    tasksByEntry: groupLoader<string, SanctionTask>(
      (ids) =>
        db.query(
          `SELECT ${taskColumns("$2")} FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
           WHERE t.blacklist_entry_id = ANY($1) AND ($3::text IS NULL OR t.department = $3)
           ORDER BY t.measure, t.department`,
          [ids, today(), department],
        ),
      (t) => t.blacklistEntryId,
    ),
  };
}
