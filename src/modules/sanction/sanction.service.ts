import type { DataSource, EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { addDays, today } from "../../shared/clock";
import { type Page, checkFirst, cursorCodec } from "../../shared/pagination";

const sanctionTaskCursor = cursorCodec("sanctionTask", ["instant", "uuid"]);
import { seesAllDepartments } from "../../auth/row-policy";
import { SANCTION_CATALOGUE, distributionFor } from "./sanction-catalogue";
import { SanctionMeasureCode, SanctionTaskStatus } from "./sanction.enums";
import type { MeasureCatalogueService } from "./measure-catalogue.service";
import { SanctionTask, taskClosed, taskColumns, taskOverdue, taskReported } from "./sanction-task.type";
import type { Config } from "../../config";
import type { Department } from "../../auth/department.enums";
import { inTransaction } from "../../db/transaction";
import type { EventService } from "../event/event.service";
import { HubEventKind } from "../event/event.enums";

const OVERDUE_BATCH = 1000;

/** A task as distribution wrote it (for the events that announce it). */
export interface DistributedTask {
  id: string;
  measure: SanctionMeasureCode;
  department: Department;
  dueOn: string;
}

export class SanctionService {
  constructor(
    private readonly db: DataSource,
    private readonly taskDays: Config["sanctionTaskDays"] = { default: 30, byMeasure: {} },
    private readonly events?: EventService,
    private readonly catalogue?: MeasureCatalogueService,
  ) {
    // A period named for a measure code that does not exist is a configuration mistake: say so at start.
    const unknown = Object.keys(taskDays.byMeasure).filter((code) => !Object.values(SanctionMeasureCode).includes(code as SanctionMeasureCode));
    if (unknown.length) throw new Error(`HUB_SANCTION_TASK_DAYS_BY_MEASURE names unknown measures: ${unknown.join(", ")}`);
  }

  /** A task's due date: distributed today, due after its measure's period (HUB_SANCTION_TASK_DAYS[_BY_MEASURE]). */
  private dueOn(measure: SanctionMeasureCode, day: string): string {
    return addDays(day, this.taskDays.byMeasure[measure] ?? this.taskDays.default);
  }

  /**
   * Targeted distribution (定向分发): one task per measure and implementing department for each new
   * entry that is in force, under the catalogue version in force (read in this transaction, and
   * kept on each task); PERSON entries get only the measures that apply to persons.
   */
  async distribute(
    tx: EntityManager,
    entries: { id: string; subjectType: "ENTERPRISE" | "PERSON"; validUntil: string }[],
  ): Promise<DistributedTask[]> {
    const inForce = entries.filter((e) => e.validUntil >= today());
    if (inForce.length === 0) return [];
    const version = this.catalogue ? await this.catalogue.currentVersion(tx) : 1;
    const measures = this.catalogue ? (await this.catalogue.version(version, tx)).measures : SANCTION_CATALOGUE;
    const rows = inForce.flatMap((e) => distributionFor(measures, e.subjectType).map((d) => ({ entry: e.id, ...d })));
    if (rows.length === 0) return [];
    const day = today();
    return tx.query(
      `INSERT INTO sanction_task (blacklist_entry_id, measure, department, due_on, catalogue_version)
       SELECT x.*, $5::int FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[]) AS x
       RETURNING id, measure, department, due_on AS "dueOn"`,
      [rows.map((r) => r.entry), rows.map((r) => r.measure), rows.map((r) => r.department), rows.map((r) => this.dueOn(r.measure, day)), version],
    );
  }

  /**
   * SANCTION_TASK_OVERDUE, once per task, to the task's department: OPEN tasks past their due date
   * not announced yet, a thousand per transaction. Run by the hub's scheduled check; several instances may
   * run it at once: the rows are locked SKIP LOCKED, so each task is announced by one of them.
   */
  async announceOverdue(): Promise<number> {
    let total = 0;
    for (let n = OVERDUE_BATCH; n === OVERDUE_BATCH; total += n) n = await this.announceOverdueBatch();
    return total;
  }

  private async announceOverdueBatch(): Promise<number> {
    const events = this.events;
    if (!events) return 0;
    return inTransaction(this.db, async (tx) => {
      const rows: { id: string; department: Department; measure: string; dueOn: string; enterpriseId: string; name: string }[] = await tx.query(
        `SELECT t.id, t.department, t.measure, t.due_on::text AS "dueOn", b.enterprise_id AS "enterpriseId", e.name
         FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id JOIN enterprise e ON e.id = b.enterprise_id
         WHERE t.state = 'OPEN' AND t.due_on < $1::date AND t.overdue_announced_at IS NULL AND ${taskOverdue("$1")}
         ORDER BY t.due_on, t.id LIMIT $2 FOR UPDATE OF t SKIP LOCKED`,
        [today(), OVERDUE_BATCH],
      );
      if (rows.length === 0) return 0;
      await tx.query(`UPDATE sanction_task SET overdue_announced_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      await events.append(tx, rows.map((r) => ({
        kind: HubEventKind.SANCTION_TASK_OVERDUE, departments: [r.department], enterpriseId: r.enterpriseId, sanctionTaskId: r.id,
        summary: `${r.measure} for ${r.name} was due on ${r.dueOn} and has no feedback.`,
      })));
      return rows.length;
    });
  }

  /** The entries left ACTIVE: their tasks close (a task with a CURRENT feedback still reads REPORTED). */
  async closeTasks(tx: EntityManager, entryIds: string[]): Promise<void> {
    await tx.query(`UPDATE sanction_task SET state = 'CLOSED' WHERE blacklist_entry_id = ANY($1) AND state = 'OPEN'`, [entryIds]);
  }

  /** The caller's department's tasks (OVERSIGHT: all), newest first. */
  async list(
    actor: AgencyActor,
    status: SanctionTaskStatus | null,
    first: number,
    after: string | null,
    overdue: boolean | null = null,
  ): Promise<Page<SanctionTask>> {
    checkFirst(first);
    const now = today();
    // Builds the WHERE clause into a fresh parameter list, for the page and for the count alike.
    const filter = (params: unknown[]) => {
      const p = (v: unknown) => `$${params.push(v)}`;
      const where: string[] = [];
      if (!seesAllDepartments(actor)) where.push(`t.department = ${p(actor.department)}`);
      if (status === SanctionTaskStatus.REPORTED) where.push(taskReported);
      else if (status === SanctionTaskStatus.CLOSED) where.push(`NOT ${taskReported} AND ${taskClosed(p(now))}`);
      else if (status === SanctionTaskStatus.OPEN) where.push(`NOT ${taskReported} AND NOT ${taskClosed(p(now))}`);
      if (overdue != null) where.push(`${taskOverdue(p(now))} = ${p(overdue)}`);
      return { where, p };
    };
    const params: unknown[] = [now];
    const { where, p } = filter(params);
    if (after) {
      const [at, id] = sanctionTaskCursor.decode(after);
      where.push(`(t.distributed_at, t.id) < (${p(at)}::timestamptz, ${p(id)}::uuid)`);
    }
    const rows: SanctionTask[] = await this.db.query(
      `SELECT ${taskColumns("$1")} FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
       ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY t.distributed_at DESC, t.id DESC LIMIT ${p(first + 1)}`,
      params,
    );
    return {
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (t) => sanctionTaskCursor.encode([t.cursorAt, t.id]),
      totalCount: async () => {
        const countParams: unknown[] = [];
        const { where: countWhere } = filter(countParams);
        const [{ n }] = await this.db.query(
          `SELECT count(*)::int AS n FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
           ${countWhere.length ? `WHERE ${countWhere.join(" AND ")}` : ""}`,
          countParams,
        );
        return n;
      },
    };
  }
}
