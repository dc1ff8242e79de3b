import type { DataSource, EntityManager } from "typeorm";
import { Department } from "../../auth/department.enums";
import type { Config } from "../../config";
import { addDays, today } from "../../shared/clock";
import { AccidentLevel } from "../../modules/accident/accident.enums";
import { RiskSignalType as S } from "../../modules/risk/risk.enums";
import { riskSignalFeed } from "../../modules/risk/risk-signal.feed";
import { inForce } from "../../modules/listing/listing.sql";
import { demoActor, servicesInTransaction } from "./demo-services";

/** Where a signal comes from (the delivering system) and what it says. */
const SIGNAL: Record<S, { source: string; detail: string }> = {
  LITIGATION: { source: "法院", detail: "作为被告涉及生产安全事故损害赔偿诉讼。" },
  TAX_ARREARS: { source: "税务", detail: "欠缴增值税及附加税费逾期三个月。" },
  WAGE_ARREARS: { source: "人社", detail: "拖欠务工人员工资，已被责令限期支付。" },
  ENVIRONMENTAL_EXCEEDANCE: { source: "生态环境", detail: "在线监测显示废气排放连续超标。" },
  REGISTRATION_CHANGE: { source: "市场监管", detail: "半年内两次变更法定代表人和注册地址。" },
  RAPID_EXPANSION: { source: "市场监管", detail: "一年内新设分支机构五家。" },
  MARKET_VIOLATION: { source: "市场监管", detail: "产品质量监督抽查不合格。" },
};

/**
 * The signals that put an enterprise at each risk level. With the default weights (POLICY.md) and
 * thresholds (25, 50, 75): the newest blacklisted enterprise (BLACKLIST 40) plus 35 is SEVERE; on
 * an enterprise with no other factor, 50 is HIGH, 25 MEDIUM and 5 LOW (a LOW alert with a reason).
 * The hub scores them; other settings give other levels.
 */
const BY_LEVEL = {
  SEVERE: [S.TAX_ARREARS, S.WAGE_ARREARS, S.LITIGATION],
  HIGH: [S.ENVIRONMENTAL_EXCEEDANCE, S.WAGE_ARREARS, S.TAX_ARREARS, S.LITIGATION],
  MEDIUM: [S.WAGE_ARREARS, S.MARKET_VIOLATION],
  LOW: [S.REGISTRATION_CHANGE],
} as const;

/**
 * Risk signals from other systems, so that the risk alerts (风险预警) show every level, and a major
 * accident at a watched enterprise, which makes its watchlist entry an escalation candidate.
 * Through the services (bound to the seed's transaction), after the watchlist rule. Signals are dated
 * from `anchor`; the accident on its watch's listing day (the rule lists on the day it runs), the
 * first day it can count. Returns what it recorded.
 */
export async function seedRiskStory(
  db: DataSource,
  tx: EntityManager,
  options: { enterpriseIds: readonly string[]; blacklisted: readonly string[]; anchor: string; config: Config; agencyOf: ReadonlyMap<string, string> },
): Promise<{ signals: number; accidents: number }> {
  const { enterpriseIds, blacklisted, anchor, config, agencyOf } = options;
  const services = servicesInTransaction(db, tx, config);
  // Enterprises with nothing else that scores (no penalty, listing or tip-off), one per city, by credit code.
  const clean: { creditCode: string }[] = await tx.query(
    `SELECT "creditCode" FROM (
       SELECT DISTINCT ON (substr(e.region_code, 1, 4)) e.credit_code AS "creditCode", substr(e.region_code, 1, 4) AS city
       FROM enterprise e
       WHERE e.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM penalty p WHERE p.enterprise_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM blacklist_entry b WHERE b.enterprise_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM watchlist_entry w WHERE w.enterprise_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM tip t WHERE t.enterprise_id = e.id)
       ORDER BY substr(e.region_code, 1, 4), e.credit_code
     ) x ORDER BY city DESC LIMIT 3`,
    [enterpriseIds],
  );
  const [severe] = blacklisted.length
    ? await tx.query(`SELECT credit_code AS "creditCode" FROM enterprise WHERE id = $1`, [blacklisted[0]])
    : [];
  const targets: [readonly S[], { creditCode: string } | undefined][] = [
    [BY_LEVEL.SEVERE, severe], [BY_LEVEL.HIGH, clean[0]], [BY_LEVEL.MEDIUM, clean[1]], [BY_LEVEL.LOW, clean[2]],
  ];
  // As other systems deliver them: the risk-signal import feed (`hub import risk-signals`), whose
  // parse checks each record and whose write re-scores the enterprises once, for the whole batch.
  const feed = riskSignalFeed(services.standing);
  const rows = targets.flatMap(([signalTypes, enterprise]) => enterprise
    ? signalTypes.map((type, k) => ({ credit_code: enterprise.creditCode, type, occurred_on: addDays(anchor, -(6 + 9 * k)), ...SIGNAL[type] }))
    : []);
  const { written: signals, errors } = await feed.write(tx, rows.map((record, i) => ({ line: i + 1, row: feed.parse(record) })));
  if (errors.length) throw new Error(`demo risk signals refused: ${errors[0].message}`);

  // A watched enterprise that the blacklist story did not list (nor the printed demo enterprise, whose story is its own).
  const [watched] = await tx.query(
    `SELECT e.credit_code AS "creditCode", w.listed_on::text AS "listedOn"
     FROM watchlist_entry w JOIN enterprise e ON e.id = w.enterprise_id
     WHERE w.enterprise_id = ANY($1::uuid[]) AND ${inForce("w", "$2")}
       AND NOT EXISTS (SELECT 1 FROM subject_key k WHERE k.enterprise_id = e.id)
     ORDER BY e.credit_code LIMIT 1`,
    [enterpriseIds, today()],
  );
  if (!watched) return { signals, accidents: 0 };
  await services.accident.recordAccident(demoActor(Department.EMERGENCY_MANAGEMENT, agencyOf), {
    creditCode: watched.creditCode, occurredOn: watched.listedOn, level: AccidentLevel.MAJOR, deaths: 10, injuries: 23, directLoss: "52000000.00",
    description: "储罐区检修作业中发生爆炸事故，造成10人死亡、23人受伤。",
  });
  return { signals, accidents: 1 };
}
