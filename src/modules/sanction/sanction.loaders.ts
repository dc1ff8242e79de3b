import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { ownDepartmentOnly } from "../../auth/row-policy";
import { groupQueryLoader, rowQueryLoader } from "../../db/loader";
import { today } from "../../shared/clock";
import { SanctionTask, taskColumns } from "./sanction-task.type";

/** A task read as JSON (one part of a larger statement) carries its timestamp as text. */
function reviveTask(t: SanctionTask): SanctionTask {
  return { ...t, distributedAt: new Date(t.distributedAt) };
}

export function createSanctionLoaders(db: DataSource, actor: Actor) {
  // A department sees its own tasks; OVERSIGHT sees every department's (auth/row-policy).
  const department = ownDepartmentOnly(actor);
  const fromRows = (rows: Record<string, unknown>[]) => (rows as unknown as SanctionTask[]).map(reviveTask);
  return {
    taskById: rowQueryLoader<string, SanctionTask>(db, {
      sql: (ids, params) => {
        const [day, dept] = [params.add(today()), params.add(department)];
        return `SELECT ${taskColumns(day)} FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
           WHERE t.id = ANY(${ids}) AND (${dept}::text IS NULL OR t.department = ${dept})`;
      },
      fromRows,
      keyOf: (t) => t.id,
    }),
    tasksByEntry: groupQueryLoader<string, SanctionTask>(db, {
      sql: (ids, params) => {
        const [day, dept] = [params.add(today()), params.add(department)];
        return `SELECT ${taskColumns(day)} FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
           WHERE t.blacklist_entry_id = ANY(${ids}) AND (${dept}::text IS NULL OR t.department = ${dept})
           ORDER BY t.measure, t.department`;
      },
      fromRows,
      keyOf: (t) => t.blacklistEntryId,
    }),
  };
}
