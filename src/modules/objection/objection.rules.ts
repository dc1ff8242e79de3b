import type { Actor, AgencyActor, SubjectActor } from "../../auth/actor";
import { Department } from "../../auth/department.enums";
import type { SqlParams } from "../../db/loader";
import { isUuid } from "../../shared/uuid";
import { visibleBlacklistEntry, visibleWatchlistEntry } from "../listing/listing.loaders";
import { visiblePenalty } from "../penalty/penalty.loaders";
import { ObjectionTarget } from "./objection.enums";
import type { Objection } from "./objection.type";

/**
 * Who reads which objections: a subject its own enterprise's; CREDIT_OFFICE all; any other
 * department those it must decide (it produced the record) and those it filed (alias o).
 */
export function readableObjections(actor: Actor, params: SqlParams): string {
  if (actor.kind === "subject") return `o.enterprise_id = ${params.add(actor.enterpriseId)}::uuid`;
  if (actor.kind !== "agency") return "false";
  if (actor.department === Department.CREDIT_OFFICE) return "true";
  const department = params.add(actor.department);
  return `(o.responsible_department = ${department} OR o.filed_by = ${department})`;
}

/** The record's producer decides (谁产生异议谁负责处理), and CREDIT_OFFICE. */
export const mayDecideObjection = (actor: AgencyActor, o: Pick<Objection, "responsibleDepartment">): boolean =>
  actor.department === o.responsibleDepartment || actor.department === Department.CREDIT_OFFICE;

/** Only the filer withdraws: the enterprise for its own filings, an agency for the ones it filed. */
export const mayWithdrawObjection = (actor: AgencyActor | SubjectActor, o: Objection): boolean =>
  actor.kind === "subject" ? o.filedBy === "SUBJECT" && o.enterpriseId === actor.enterpriseId : o.filedByAgency === actor.agencyId;

/**
 * The disputed record, looked up as the filer reads it: a statement that returns its producer (the
 * responsible department: CREDIT_OFFICE for grades and for signals no department recorded) when
 * `$target` names a record of that kind of the enterprise `$enterprise`, and nothing otherwise.
 * Null when the id cannot name a record of that kind at all.
 */
export function targetLookup(
  target: ObjectionTarget,
  targetId: string,
  enterpriseId: string,
  actor: Actor,
  params: SqlParams,
  today: string,
): string | null {
  const e = params.add(enterpriseId);
  if (target === ObjectionTarget.CREDIT_GRADE) {
    return `SELECT '${Department.CREDIT_OFFICE}' AS responsible FROM credit_grade g JOIN enterprise en ON en.id = g.enterprise_id
      WHERE g.enterprise_id = ${e}::uuid AND en.credit_code = ${params.add(targetId)}`;
  }
  // Every other kind is keyed by a uuid; no licence has been recorded by this hub yet.
  if (!isUuid(targetId) || target === ObjectionTarget.LICENCE) return null;
  const id = `${params.add(targetId)}::uuid`;
  switch (target) {
    case ObjectionTarget.PENALTY:
      return `SELECT pe.department AS responsible FROM penalty pe WHERE pe.id = ${id} AND pe.enterprise_id = ${e}::uuid AND ${visiblePenalty(actor, params)}`;
    case ObjectionTarget.BLACKLIST_ENTRY:
      return `SELECT b.recognized_by AS responsible FROM blacklist_entry b WHERE b.id = ${id} AND b.enterprise_id = ${e}::uuid
        AND ${visibleBlacklistEntry(actor, params, params.add(today))}`;
    case ObjectionTarget.WATCHLIST_ENTRY:
      return `SELECT coalesce(w.listed_by, '${Department.CREDIT_OFFICE}') AS responsible FROM watchlist_entry w
        WHERE w.id = ${id} AND w.enterprise_id = ${e}::uuid AND ${visibleWatchlistEntry(actor, params)}`;
    case ObjectionTarget.COMMITMENT_BREACH:
      return `SELECT c.breach_department AS responsible FROM commitment c WHERE c.id = ${id} AND c.enterprise_id = ${e}::uuid
        AND c.status = 'BREACHED' AND c.breach_set_aside_at IS NULL`;
    case ObjectionTarget.ACCIDENT:
      // Accidents are recorded by EMERGENCY_MANAGEMENT alone.
      return `SELECT '${Department.EMERGENCY_MANAGEMENT}' AS responsible FROM accident a WHERE a.id = ${id} AND a.enterprise_id = ${e}::uuid
        AND a.voided_at IS NULL`;
    case ObjectionTarget.RISK_SIGNAL:
      return `SELECT coalesce(ag.department, '${Department.CREDIT_OFFICE}') AS responsible FROM risk_signal s LEFT JOIN agency ag ON ag.id = s.agency_id
        WHERE s.id = ${id} AND s.enterprise_id = ${e}::uuid AND s.voided_at IS NULL`;
    default:
      return null;
  }
}
