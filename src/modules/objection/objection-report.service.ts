import type { DataSource } from "typeorm";
import { today } from "../../shared/clock";
import { badInput } from "../../shared/errors";

/** One responsible department's objections filed in the period. */
export interface ObjectionReportRow {
  department: string;
  filed: number;
  /** UPHELD or REJECTED on or before the due date. */
  decidedInTime: number;
  /** UPHELD or REJECTED after the due date. */
  decidedLate: number;
  /** PENDING now, overdue or not. */
  stillOpen: number;
  /** PENDING now and past the due date. */
  overdue: number;
  /** Median calendar days from filing to decision over the decided ones; null when none is decided. */
  medianDaysToDecide: number | null;
}

// Dates are China Standard Time dates, as due_on is. Only UPHELD and REJECTED are decisions: a
// WITHDRAWN objection carries decided_at (when it was withdrawn) but counts as neither decided
// nor open. Departments sort by code point (COLLATE "C"): the order must not depend on the
// database's locale.
const REPORT = `
SELECT o.responsible_department AS department,
  count(*)::int AS filed,
  count(*) FILTER (WHERE d.decided AND d.decided_on <= o.due_on)::int AS "decidedInTime",
  count(*) FILTER (WHERE d.decided AND d.decided_on > o.due_on)::int AS "decidedLate",
  count(*) FILTER (WHERE o.status = 'PENDING')::int AS "stillOpen",
  count(*) FILTER (WHERE o.status = 'PENDING' AND $3::date > o.due_on)::int AS overdue,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY d.decided_on - d.filed_on) FILTER (WHERE d.decided) AS "medianDaysToDecide"
FROM objection o
CROSS JOIN LATERAL (SELECT
  (o.filed_at AT TIME ZONE 'Asia/Shanghai')::date AS filed_on,
  (o.decided_at AT TIME ZONE 'Asia/Shanghai')::date AS decided_on,
  o.status IN ('UPHELD', 'REJECTED') AS decided) d
WHERE d.filed_on BETWEEN $1::date AND $2::date
GROUP BY o.responsible_department
ORDER BY o.responsible_department COLLATE "C"`;

/** 异议处理情况: how each responsible department handled the objections filed in a period. */
export class ObjectionReportService {
  constructor(private readonly db: DataSource) {}

  /** Objections filed from `from` to `to` inclusive (CST filing dates), one row per responsible department. */
  async report(from: string, to: string): Promise<ObjectionReportRow[]> {
    if (from > to) throw badInput("from", `from (${from}) is after to (${to}).`);
    return this.db.query(REPORT, [from, to, today()]);
  }
}
