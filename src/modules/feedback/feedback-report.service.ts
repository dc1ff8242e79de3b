import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { badInput, forbidden } from "../../shared/errors";
import { regionCondition } from "../../shared/region";
import { Department } from "../../auth/department.enums";
import { seesAllDepartments } from "../../auth/row-policy";
import { isCurrent } from "./feedback.type";
import { today } from "../../shared/clock";
import { type SanctionTask, taskColumns, taskOverdue } from "../sanction/sanction-task.type";
import type { FeedbackReport, FeedbackReportRow } from "./feedback-report.type";

const REPORT = (filters: string) => `
WITH tasks AS (
  SELECT t.department, e.region_code, t.measure, count(*)::int AS distributed,
    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM sanction_feedback f WHERE f.task_id = t.id AND ${isCurrent("f")}))::int AS reported,
    count(*) FILTER (WHERE ${taskOverdue("$3")})::int AS overdue
  FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id JOIN enterprise e ON e.id = b.enterprise_id
  WHERE (t.distributed_at AT TIME ZONE 'UTC' + interval '8 hours')::date BETWEEN $1::date AND $2::date ${filters.replaceAll("X.", "t.")}
  GROUP BY 1, 2, 3
), outcomes AS (
  SELECT f.department, e.region_code, f.measure,
    count(*) FILTER (WHERE f.outcome = 'APPLIED')::int AS applied,
    count(*) FILTER (WHERE f.outcome = 'PARTIALLY_APPLIED')::int AS partially,
    count(*) FILTER (WHERE f.outcome = 'NOT_APPLIED')::int AS not_applied
  FROM sanction_feedback f JOIN blacklist_entry b ON b.id = f.blacklist_entry_id JOIN enterprise e ON e.id = b.enterprise_id
  WHERE f.applied_on BETWEEN $1::date AND $2::date AND ${isCurrent("f")} ${filters.replaceAll("X.", "f.")}
  GROUP BY 1, 2, 3
)
SELECT department, region_code AS "regionCode", measure,
  coalesce(t.distributed, 0) AS "tasksDistributed", coalesce(t.reported, 0) AS "tasksReported", coalesce(t.overdue, 0) AS "tasksOverdue",
  coalesce(o.applied, 0) AS applied, coalesce(o.partially, 0) AS "partiallyApplied", coalesce(o.not_applied, 0) AS "notApplied"
FROM tasks t FULL JOIN outcomes o USING (department, region_code, measure)
ORDER BY department, region_code, measure`;

export class FeedbackReportService {
  constructor(private readonly db: DataSource) {}

  /**
   * The report's scope for this caller, or its refusal: the caller's own department; OVERSIGHT
   * any department, or all when none is given; a valid period and region.
   */
  private scopeOf(actor: AgencyActor, from: string, to: string, department: Department | null, regionCode: string | null) {
    if (from > to) throw badInput("from", `from (${from}) is after to (${to}).`);
    if (department && department !== actor.department && !seesAllDepartments(actor)) throw forbidden();
    const params: unknown[] = [from, to, today()];
    const p = (v: unknown) => `$${params.push(v)}`;
    let filters = "";
    const only = department ?? (seesAllDepartments(actor) ? null : actor.department);
    if (only) filters += ` AND X.department = ${p(only)}`;
    const region = regionCode ? regionCondition(regionCode, "regionCode", "e", p) : null;
    if (region) filters += ` AND ${region}`;
    return { filters, params };
  }

  /** Refuses what report() would refuse for these arguments, without computing it (a link must never open a refusal). */
  checkScope(actor: AgencyActor, from: string, to: string, department: Department | null, regionCode: string | null): void {
    this.scopeOf(actor, from, to, department, regionCode);
  }

  /** The caller's own department; OVERSIGHT any department, or all when none is given. */
  async report(actor: AgencyActor, from: string, to: string, department: Department | null, regionCode: string | null): Promise<FeedbackReport> {
    const { filters, params } = this.scopeOf(actor, from, to, department, regionCode);
    const rows: FeedbackReportRow[] = await this.db.query(REPORT(filters), params);
    const tasksDistributed = rows.reduce((n, r) => n + r.tasksDistributed, 0);
    const tasksReported = rows.reduce((n, r) => n + r.tasksReported, 0);
    const tasksOverdue = rows.reduce((n, r) => n + r.tasksOverdue, 0);
    return {
      from, to, rows, tasksDistributed, tasksReported, tasksOverdue,
      reportingRate: tasksDistributed ? tasksReported / tasksDistributed : 0,
      scope: { filters, params },
    };
  }

  /**
   * The report's overdue tasks, longest overdue first (the same tasks its tasksOverdue counts);
   * none for a report read from the archive, which keeps its figures, not its scope.
   */
  async mostOverdue(report: FeedbackReport, first: number): Promise<SanctionTask[]> {
    if (!report.scope) return [];
    const { filters, params } = report.scope;
    return this.db.query(
      `SELECT ${taskColumns("$3")} FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id JOIN enterprise e ON e.id = b.enterprise_id
       WHERE (t.distributed_at AT TIME ZONE 'UTC' + interval '8 hours')::date BETWEEN $1::date AND $2::date ${filters.replaceAll("X.", "t.")}
         AND ${taskOverdue("$3")}
       ORDER BY t.due_on, t.id LIMIT ${first}`,
      params,
    );
  }
}
