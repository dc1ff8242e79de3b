import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { Department } from "../../auth/department.enums";
import { addDays, addMonths, today } from "../../shared/clock";
import { badInput } from "../../shared/errors";
import { PROVINCE_CODE } from "../../shared/region";
import { isUuid } from "../../shared/uuid";
import { HubEventKind } from "../event/event.enums";
import type { EventService } from "../event/event.service";
import { reportAddressees } from "../event/event.rules";
import type { FeedbackReportService } from "./feedback-report.service";
import type { PublishedReport } from "./published-report.type";

export type ReportPeriod = "monthly" | "quarterly";
export interface Period {
  from: string;
  to: string;
}

/** The period (China Standard Time dates) that ended just before the one holding `day`. */
export function periodBefore(day: string, period: ReportPeriod): Period {
  const [y, m] = day.split("-").map(Number);
  const months = period === "monthly" ? 1 : 3;
  const startMonth = period === "monthly" ? m : Math.floor((m - 1) / 3) * 3 + 1;
  const current = `${y}-${String(startMonth).padStart(2, "0")}-01`;
  return { from: addMonths(current, -months), to: addDays(current, -1) };
}

// The archive is the credit office's view: every department and city of the province.
const ARCHIVE_VIEW: AgencyActor = { kind: "agency", agencyId: "hub", name: "hub archive", department: Department.CREDIT_OFFICE, regionCode: PROVINCE_CODE, scopes: ["read"] };
// After a long outage, at most this many missed periods are published at once (the newest).
const MAX_CATCH_UP = 12;
const MAX_PAGE = 100;
const COLUMNS = `id, period_from::text AS "from", period_to::text AS "to", published_at AS "publishedAt", report`;

/**
 * 通报 archived period by period: when a period (HUB_REPORT_PERIOD) has closed, its implementation
 * report is computed once, stored as it stood, and announced (REPORT_PUBLISHED, to OVERSIGHT).
 * Feedback registered later changes the live feedbackReport, never a published one. Any
 * instance may run this; the unique period decides which one publishes.
 */
export class PublishedReportService {
  constructor(
    private readonly db: DataSource,
    private readonly period: ReportPeriod,
    private readonly reports: FeedbackReportService,
    private readonly events: EventService,
  ) {}

  /** Publishes every closed period not yet published (the latest one, and any missed since the last); returns what this call published. */
  async publishDue(day: string = today()): Promise<PublishedReport[]> {
    const [{ last }] = await this.db.query(`SELECT max(period_to)::text AS last FROM published_report`);
    const due: Period[] = [];
    for (let p = periodBefore(day, this.period); due.length < MAX_CATCH_UP; p = periodBefore(p.from, this.period)) {
      if (last !== null && p.to <= last) break;
      due.unshift(p);
      if (last === null) break;
    }
    const published: PublishedReport[] = [];
    for (const p of due) {
      const report = await this.reports.report(ARCHIVE_VIEW, p.from, p.to, null, null);
      const row = await this.db.transaction(async (tx) => {
        const [inserted] = await tx.query(
          `INSERT INTO published_report (period_from, period_to, report) VALUES ($1, $2, $3)
           ON CONFLICT (period_from, period_to) DO NOTHING RETURNING ${COLUMNS}`,
          // The archive keeps the figures; the scope (SQL of the live view) is not part of them.
          [p.from, p.to, JSON.stringify({ ...report, scope: undefined })],
        );
        if (!inserted) return null;
        const rate = (report.reportingRate * 100).toFixed(1);
        await this.events.append(tx, [{
          kind: HubEventKind.REPORT_PUBLISHED, departments: reportAddressees(), enterpriseId: null,
          summary: `联合惩戒实施情况通报 ${p.from} – ${p.to} published: ${report.tasksReported} of ${report.tasksDistributed} tasks reported (${rate} %).`,
        }]);
        return inserted as PublishedReport;
      });
      if (row) published.push(row);
    }
    return published;
  }

  /** The archive, newest first; `after` is the id of the last report of the previous page. */
  async list(first: number, after: string | null): Promise<PublishedReport[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput("first", `first must be between 1 and ${MAX_PAGE}.`);
    const badCursor = () => badInput("after", "after is not the id of a published report.");
    if (after !== null && !isUuid(after)) throw badCursor();
    const params: unknown[] = [first];
    let where = "";
    if (after !== null) {
      const [anchor] = await this.db.query(`SELECT 1 FROM published_report WHERE id = $1`, [after]);
      if (!anchor) throw badCursor();
      params.push(after);
      where = `WHERE (published_at, id) < (SELECT published_at, id FROM published_report WHERE id = $2)`;
    }
    return this.db.query(`SELECT ${COLUMNS} FROM published_report ${where} ORDER BY published_at DESC, id DESC LIMIT $1`, params);
  }
}
