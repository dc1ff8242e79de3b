import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { DEFAULT_TIP_ROUTING } from "../../config";
import { addDays } from "../../shared/clock";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const noon = (date: string) => `${date}T12:00:00+08:00`;

/** The demo tips: one in each status, about demo enterprises (one about an enterprise the hub does not know). */
const TIPS = [
  { status: "RECEIVED", category: "OTHER", description: "厂区夜间有异味，疑似违规排放。", outcome: null },
  { status: "ROUTED", category: "FIRE", description: "仓库消防通道长期被货物堵塞，灭火器过期。", outcome: null },
  { status: "IN_PROGRESS", category: "HAZARDOUS_CHEMICALS", description: "危化品储罐区无人值守，警报装置停用。", outcome: "已安排现场检查。" },
  { status: "SUBSTANTIATED", category: "SPECIAL_EQUIPMENT", description: "起重机械未经定期检验仍在使用。", outcome: "现场检查属实，已责令停用并立案。" },
  { status: "UNSUBSTANTIATED", category: "CONSTRUCTION", description: "工地脚手架无防护网。", outcome: "现场核查，防护设施齐全，举报不属实。" },
  { status: "CLOSED", category: "TRANSPORT", description: "危险货物运输车辆超载。", outcome: "已移交交通运输执法部门处理完毕。" },
  { status: "ROUTED", category: "ILLEGAL_PRODUCTION", description: "无证小作坊夜间生产烟花爆竹。", outcome: null, unknown: true },
] as const;

/**
 * Supervision and tip-offs in the demo data, dated from `anchor`, after the watchlist rule has
 * opened its entries (with their warnings and verification requests): half the verification
 * requests done, some warnings acknowledged, two key supervision targets (the enterprises with the
 * most penalties), and a tip-off in each status. Deterministic for a data set and an anchor.
 */
export async function seedSupervisionStory(
  tx: EntityManager,
  options: { enterpriseIds: readonly string[]; anchor: string; agencyOf: ReadonlyMap<string, string> },
): Promise<void> {
  const { enterpriseIds, anchor, agencyOf } = options;
  // A second run that added no enterprise adds no story either.
  if (enterpriseIds.length === 0) return;
  const requests: { id: string; department: string }[] = await tx.query(
    `SELECT s.id, s.department FROM supervision_action s JOIN enterprise e ON e.id = s.enterprise_id
     WHERE s.kind = 'VERIFICATION' AND s.enterprise_id = ANY($1::uuid[]) ORDER BY e.credit_code, s.department`,
    [enterpriseIds],
  );
  const done = requests.filter((_, i) => i % 2 === 0);
  await tx.query(
    `UPDATE supervision_action s SET done_on = $3::date, outcome = '已现场核查，隐患已列入整改清单。', agency_id = x.agency_id
     FROM unnest($1::uuid[], $2::uuid[]) AS x(id, agency_id) WHERE s.id = x.id`,
    [done.map((r) => r.id), done.map((r) => agencyOf.get(r.department) ?? null), addDays(anchor, -3)],
  );
  await tx.query(
    `UPDATE supervision_action s SET acknowledged_at = $2::timestamptz
     WHERE s.id IN (SELECT s2.id FROM supervision_action s2 JOIN enterprise e ON e.id = s2.enterprise_id
       WHERE s2.kind = 'WARNING_NOTICE' AND s2.enterprise_id = ANY($1::uuid[]) ORDER BY e.credit_code LIMIT 3)`,
    [enterpriseIds, noon(addDays(anchor, -1))],
  );
  await tx.query(
    `INSERT INTO key_supervision_target (enterprise_id, designated_by, agency_id, reason, since)
     SELECT e.id, 'EMERGENCY_MANAGEMENT', $2::uuid, '一年内多次受到行政处罚，列为重点监管对象。', $3::date
     FROM enterprise e WHERE e.id = ANY($1::uuid[])
     ORDER BY (SELECT count(*) FROM penalty p WHERE p.enterprise_id = e.id) DESC, e.credit_code LIMIT 2`,
    [enterpriseIds, agencyOf.get("EMERGENCY_MANAGEMENT") ?? null, addDays(anchor, -20)],
  );
  const targets: { id: string; name: string; regionCode: string; creditCode: string }[] = await tx.query(
    `SELECT id, name, region_code AS "regionCode", credit_code AS "creditCode" FROM enterprise WHERE id = ANY($1::uuid[]) ORDER BY credit_code LIMIT $2`,
    [enterpriseIds, TIPS.length],
  );
  for (const [i, tip] of TIPS.entries()) {
    const about = targets[i % targets.length];
    const unknown = "unknown" in tip && tip.unknown;
    const receivedOn = addDays(anchor, -(TIPS.length - i) * 2);
    await tx.query(
      `INSERT INTO tip (tracking_number, enterprise_id, credit_code, enterprise_name, region_code, category, description, routed_to, status,
         outcome, fingerprint, received_at, updated_at, substantiated_on)
       VALUES ('JB' || to_char($11::date, 'YYYYMMDD') || lpad(nextval('tip_number_seq')::text, 6, '0'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
         $12::timestamptz, $12::timestamptz, CASE WHEN $8 = 'SUBSTANTIATED' THEN $11::date END)`,
      [unknown ? null : about.id, unknown ? null : about.creditCode, unknown ? "某无名烟花作坊" : about.name, about.regionCode, tip.category, tip.description,
        DEFAULT_TIP_ROUTING[tip.category], tip.status, tip.outcome, sha256(`demo tip ${i} ${anchor}`), receivedOn, noon(receivedOn)],
    );
  }
}
