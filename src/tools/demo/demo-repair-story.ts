import type { DataSource, EntityManager } from "typeorm";
import { Department } from "../../auth/department.enums";
import type { Config } from "../../config";
import { today } from "../../shared/clock";
import { earliestRepair } from "../../modules/penalty/penalty.rules";
import type { FailingCreditSeverity } from "../../modules/penalty/penalty.enums";
import { RepairAction } from "../../modules/repair/repair.enums";
import { demoActor, servicesInTransaction } from "./demo-services";

/** The requests and how each ends: approved, rejected, still awaiting its decision. */
const REQUESTS = [
  { decision: "APPROVED", reason: "整改到位，已履行处罚决定并作出信用承诺，准予修复。" },
  { decision: "REJECTED", reason: "整改材料不完整，罚款尚未缴清，不予修复。" },
  { decision: null, reason: null },
] as const;

/**
 * Credit repair of penalties (信用修复), through the repair service: three requests submitted by the
 * credit office on enterprises' behalf for penalties past their wait (GENERAL 3 months, SERIOUS 12),
 * one approved and one rejected by the recording department, one pending. Run after the watchlist
 * rule: the repair comes after the penalties did their work, as it would. Returns how many were submitted.
 */
export async function seedPenaltyRepairStory(
  db: DataSource,
  tx: EntityManager,
  options: { enterpriseIds: readonly string[]; config: Config; agencyOf: ReadonlyMap<string, string> },
): Promise<number> {
  const { enterpriseIds, config, agencyOf } = options;
  // The oldest repairable penalty of each enterprise untouched by the other stories, by credit code.
  const penalties: { id: string; department: Department; severity: FailingCreditSeverity; decidedOn: string; creditCode: string }[] = await tx.query(
    `SELECT DISTINCT ON (e.credit_code) pe.id, pe.department, pe.severity, pe.decided_on::text AS "decidedOn", e.credit_code AS "creditCode"
     FROM penalty pe JOIN enterprise e ON e.id = pe.enterprise_id
     WHERE pe.enterprise_id = ANY($1::uuid[]) AND pe.severity <> 'MINOR' AND pe.revoked_at IS NULL AND pe.repaired_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM blacklist_entry b WHERE b.enterprise_id = e.id)
       AND NOT EXISTS (SELECT 1 FROM objection o WHERE o.enterprise_id = e.id)
       AND NOT EXISTS (SELECT 1 FROM credit_repair r WHERE r.enterprise_id = e.id)
       AND NOT EXISTS (SELECT 1 FROM subject_key k WHERE k.enterprise_id = e.id)
     ORDER BY e.credit_code, pe.decided_on, pe.decision_number`,
    [enterpriseIds],
  );
  const now = today();
  const repairable = penalties.filter((p) => {
    const earliest = earliestRepair(p.severity, p.decidedOn, config.rules.repair);
    return earliest !== null && earliest <= now;
  });
  const services = servicesInTransaction(db, tx, config);
  const submitter = demoActor(Department.CREDIT_OFFICE, agencyOf);
  let submitted = 0;
  for (const [i, request] of REQUESTS.entries()) {
    const penalty = repairable[i];
    if (!penalty) break;
    const repair = await services.repair.submitCreditRepair(submitter, {
      creditCode: penalty.creditCode, penaltyId: penalty.id,
      actions: [RepairAction.PUBLIC_COMMITMENT, RepairAction.REPAIR_TRAINING],
      statement: "已按处罚决定完成整改并缴清罚款，参加信用修复培训，作出信用承诺。",
    });
    submitted++;
    if (request.decision) {
      await services.repair.decideCreditRepair(demoActor(penalty.department, agencyOf), repair.id, request.decision === "APPROVED", request.reason);
    }
  }
  return submitted;
}
