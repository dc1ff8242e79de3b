import type { EntityManager } from "typeorm";
import { generateSubjectKey, hashApiKey } from "../../auth/api-key";
import { addDays, addWorkingDays, addYears } from "../../shared/clock";

export interface SubjectStory {
  /** The printed demo enterprise, which holds the demo subject key. */
  creditCode: string;
  token: string;
  objections: number;
}

/** Noon in China Standard Time of a date, as a timestamptz literal. */
const noon = (date: string) => `${date}T12:00:00+08:00`;

/**
 * The subject's side of the demo data, dated from `anchor` like the rest: a subject key for the
 * printed enterprise, which has a PENDING objection of its own; among the other enterprises an
 * overdue objection, a rejected and an upheld one (its penalty revoked), a repaired penalty, an
 * expired blacklist entry and a repaired one. Run before the watchlist rule and the standing
 * recompute, so that these count (or do not) as they would had they happened through the API.
 * Deterministic for a data set and an anchor: records are chosen by credit code and decision number.
 */
export async function seedSubjectStory(
  tx: EntityManager,
  options: { enterpriseIds: readonly string[]; firstCreditCode: string; anchor: string; workingDays: number },
): Promise<SubjectStory> {
  const { enterpriseIds, firstCreditCode, anchor, workingDays } = options;
  const token = generateSubjectKey();
  const [first] = await tx.query(`SELECT id FROM enterprise WHERE credit_code = $1`, [firstCreditCode]);
  await tx.query(`INSERT INTO subject_key (enterprise_id, key_hash) VALUES ($1, $2)`, [first.id, hashApiKey(token)]);

  // One GENERAL penalty per enterprise (its oldest, at least 100 days before the anchor: old enough to repair).
  const candidates: { id: string; enterpriseId: string; department: string; creditCode: string }[] = await tx.query(
    `SELECT DISTINCT ON (e.credit_code) pe.id, pe.enterprise_id AS "enterpriseId", pe.department, e.credit_code AS "creditCode"
     FROM penalty pe JOIN enterprise e ON e.id = pe.enterprise_id
     WHERE pe.enterprise_id = ANY($1::uuid[]) AND pe.severity = 'GENERAL' AND pe.revoked_at IS NULL AND pe.decided_on <= $2::date
     ORDER BY e.credit_code, pe.decided_on, pe.decision_number`,
    [enterpriseIds, addDays(anchor, -100)],
  );
  const others = candidates.filter((c) => c.creditCode !== firstCreditCode);
  const [newest] = await tx.query(
    `SELECT id, department FROM penalty WHERE enterprise_id = $1 AND revoked_at IS NULL ORDER BY decided_on DESC, decision_number LIMIT 1`,
    [first.id],
  );

  const objections: [string, { id: string; enterpriseId: string; department: string }, string, string, string | null, string | null][] = [];
  if (newest) objections.push(["PENDING", { ...newest, enterpriseId: first.id }, "SUBJECT", addDays(anchor, -2), null, null]);
  const [overdue, rejected, upheld, repaired] = others;
  if (overdue) objections.push(["PENDING", overdue, "MARKET_REGULATION", addDays(anchor, -30), null, null]);
  if (rejected) objections.push(["REJECTED", rejected, "SUBJECT", addDays(anchor, -40), addDays(anchor, -35), "经复核，处罚事实清楚、证据确凿，异议不成立。"]);
  if (upheld) objections.push(["UPHELD", upheld, "SUBJECT", addDays(anchor, -50), addDays(anchor, -44), "经复核，该处罚决定已被行政复议撤销，异议成立。"]);
  for (const [status, penalty, filedBy, filedOn, decidedOn, decision] of objections) {
    await tx.query(
      `INSERT INTO objection (tracking_number, enterprise_id, target, target_id, responsible_department, filed_by, grounds, filed_at,
         due_on, status, decided_at, decided_by, decision)
       VALUES ('YY' || to_char($7::date, 'YYYYMMDD') || lpad(nextval('objection_number_seq')::text, 6, '0'),
         $1, 'PENALTY', $2, $3, $4, $5, $6, $8, $9, $10, $11, $12)`,
      [penalty.enterpriseId, penalty.id, penalty.department, filedBy, "处罚所认定的违法事实与实际不符，已提交整改证明材料。", noon(filedOn), filedOn,
        addWorkingDays(filedOn, workingDays), status, decidedOn && noon(decidedOn), decidedOn ? penalty.department : null, decision],
    );
    if (status === "UPHELD") {
      await tx.query(`UPDATE penalty SET revoked_at = $2, revoked_reason = $3 WHERE id = $1`, [penalty.id, noon(decidedOn!), `Objection upheld: ${decision}`]);
    }
  }
  if (repaired) {
    await tx.query(`UPDATE penalty SET repaired_at = $2 WHERE id = $1`, [repaired.id, noon(addDays(anchor, -20))]);
    await tx.query(
      `INSERT INTO credit_repair (enterprise_id, penalty_id, actions, statement, submitted_at, status, decided_by, decided_at, decision_reason)
       VALUES ($1, $2, '{PUBLIC_COMMITMENT,REPAIR_TRAINING}', '已完成整改，参加信用修复培训并作出信用承诺。', $3, 'APPROVED', $4, $5, '整改到位，准予修复。')`,
      [repaired.enterpriseId, repaired.id, noon(addDays(anchor, -30)), repaired.department, noon(addDays(anchor, -20))],
    );
  }

  // Listings that have left the public view: one expired by its date, one repaired.
  const [expiredOn, repairedOn] = others.slice(4, 6);
  if (expiredOn) {
    await tx.query(
      `INSERT INTO blacklist_entry (subject_type, enterprise_id, recognized_by, decision_number, ground, reason, listed_on, valid_until)
       VALUES ('ENTERPRISE', $1, 'EMERGENCY_MANAGEMENT', '苏应急黑〔演示〕1号', 'MAJOR_ACCIDENT', '发生重大生产安全事故（已期满）', $2, $3)`,
      [expiredOn.enterpriseId, addYears(anchor, -4), addYears(anchor, -1)],
    );
  }
  if (repairedOn) {
    const [entry] = await tx.query(
      `INSERT INTO blacklist_entry (subject_type, enterprise_id, recognized_by, decision_number, ground, reason, listed_on, valid_until,
         state, removed_on, removed_reason)
       VALUES ('ENTERPRISE', $1, 'EMERGENCY_MANAGEMENT', '苏应急黑〔演示〕2号', 'ILLEGAL_PRODUCTION', '拒不执行停产停业决定', $2, $3, 'REPAIRED', $4, '信用修复：整改到位')
       RETURNING id`,
      [repairedOn.enterpriseId, addDays(anchor, -400), addYears(addDays(anchor, -400), 3), addDays(anchor, -10)],
    );
    await tx.query(
      `INSERT INTO credit_repair (enterprise_id, blacklist_entry_id, actions, statement, submitted_at, status, decided_by, decided_at, decision_reason)
       VALUES ($1, $2, '{PUBLIC_COMMITMENT,CREDIT_REPORT}', '已停止违法生产并完成整改。', $3, 'APPROVED', 'EMERGENCY_MANAGEMENT', $4, '整改到位，准予修复。')`,
      [repairedOn.enterpriseId, entry.id, noon(addDays(anchor, -25)), noon(addDays(anchor, -10))],
    );
  }
  return { creditCode: firstCreditCode, token, objections: objections.length };
}
