import type { DataSource, EntityManager } from "typeorm";
import { Department } from "../../auth/department.enums";
import type { Config } from "../../config";
import { addDays, today } from "../../shared/clock";
import { BlacklistGround, BlacklistStatus } from "../../modules/blacklist/blacklist.enums";
import type { BlacklistEntry } from "../../modules/blacklist/blacklist-entry.type";
import { AdministrativeMatter } from "../../modules/enterprise/administrative-matter.enums";
import { SanctionOutcome } from "../../modules/feedback/feedback.enums";
import { MAX_FEEDBACK_BATCH } from "../../modules/feedback/feedback.service";
import type { SanctionFeedbackInput } from "../../modules/feedback/feedback.inputs";
import { ResponsibleRole } from "../../modules/person/person.enums";
import { RepairAction } from "../../modules/repair/repair.enums";
import { taskOverdue, taskReported } from "../../modules/sanction/sanction-task.type";
import type { SanctionMeasureCode } from "../../modules/sanction/sanction.enums";
import { prng } from "./demo-data";
import { demoActor, servicesInTransaction } from "./demo-services";

export interface BlacklistStory {
  /** Blacklist entries in force written by this story: enterprise entries and the PERSON entries listed with them. */
  entries: number;
  tasks: number;
  reported: number;
  overdue: number;
  feedback: number;
  repairRequests: number;
  /** The listed enterprises, newest listing first. */
  enterpriseIds: string[];
}

interface Listing {
  /** Days before the anchor; a function of the repair wait for the one whose repair is requested. */
  daysAgo: (config: Config) => number;
  department: Department;
  ground: BlacklistGround;
  reason: string;
  /** The share of its tasks that their departments reported on. */
  reportRate: number;
  repairRequested?: boolean;
}

/**
 * Oldest first. The oldest has been listed longer than the repair wait, so a repair can be (and
 * is) requested; the next two are past their tasks' due date with many tasks unreported
 * (overdue); the newest is within it. 45, 25 and 8 days back, one of them falls in the previous
 * calendar month whatever the day, so the archived monthly report of a fresh demo is never empty.
 */
const LISTINGS: readonly Listing[] = [
  { daysAgo: (c) => c.rules.repair.blacklistDays + 45, department: Department.EMERGENCY_MANAGEMENT, ground: BlacklistGround.ILLEGAL_PRODUCTION,
    reason: "责令停产整顿期间擅自恢复生产，拒不执行停产停业决定。", reportRate: 0.85, repairRequested: true },
  { daysAgo: () => 45, department: Department.MARKET_REGULATION, ground: BlacklistGround.FALSE_MATERIALS,
    reason: "特种设备定期检验中提供虚假检验材料。", reportRate: 0.5 },
  { daysAgo: () => 25, department: Department.EMERGENCY_MANAGEMENT, ground: BlacklistGround.REFUSED_ENFORCEMENT_ORDER,
    reason: "拒不执行安全生产监管监察指令，重大事故隐患逾期未整改。", reportRate: 0.4 },
  { daysAgo: () => 8, department: Department.EMERGENCY_MANAGEMENT, ground: BlacklistGround.CONCEALED_ACCIDENT,
    reason: "发生生产安全事故后迟报、瞒报。", reportRate: 0.2 },
];

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const noon = (date: string) => `${date}T12:00:00+08:00`;

/**
 * The configuration as it would have been applied on `day`: distribution dates a task's dueOn from
 * the day it runs (today), so the period is counted from the listing day instead. The task's due
 * date and the SANCTION_TASK_DISTRIBUTED announcement then name the same day, as they would had the
 * listing been recorded when it was decided.
 */
function asOf(config: Config, day: string): Config {
  const shift = daysBetween(day, today());
  const byMeasure = Object.fromEntries(Object.entries(config.sanctionTaskDays.byMeasure).map(([code, days]) => [code, days - shift]));
  return { ...config, sanctionTaskDays: { default: config.sanctionTaskDays.default - shift, byMeasure } };
}

const NOT_APPLIED_WHY: Record<Exclude<SanctionOutcome, "APPLIED">, string> = {
  PARTIALLY_APPLIED: "已在新申请事项中实施，限制前已受理的事项按原程序办结。",
  NOT_APPLIED: "实施期内该主体未申请相关事项，暂无实施对象，已纳入信用审查清单。",
};

/**
 * Blacklist entries in force with their distributed sanction tasks (定向分发), the feedback the
 * departments reported on them (single reports, batches and a correction), and a pending repair
 * request, all through the services (bound to the seed's transaction), so the data obeys the
 * rules. Listings are dated from `anchor`. Deterministic for a data set, an anchor and a seed:
 * enterprises and tasks are chosen by credit code, ID number, measure and department.
 */
export async function seedBlacklistStory(
  db: DataSource,
  tx: EntityManager,
  options: { enterpriseIds: readonly string[]; anchor: string; seed: number; config: Config; agencyOf: ReadonlyMap<string, string> },
): Promise<BlacklistStory> {
  const { enterpriseIds, anchor, config, agencyOf } = options;
  const rand = prng(options.seed ^ 0x0b1ac0);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  // One enterprise per city (the first cities by code), with a penalty record, untouched by the other stories.
  const chosen: { id: string; creditCode: string }[] = await tx.query(
    `SELECT id, "creditCode" FROM (
       SELECT DISTINCT ON (substr(e.region_code, 1, 4)) e.id, e.credit_code AS "creditCode", substr(e.region_code, 1, 4) AS city
       FROM enterprise e
       WHERE e.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM penalty p WHERE p.enterprise_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM blacklist_entry b WHERE b.enterprise_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM objection o WHERE o.enterprise_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM credit_repair r WHERE r.enterprise_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM subject_key k WHERE k.enterprise_id = e.id)
       ORDER BY substr(e.region_code, 1, 4), e.credit_code
     ) x ORDER BY city LIMIT $2`,
    [enterpriseIds, LISTINGS.length],
  );

  const story: BlacklistStory = { entries: 0, tasks: 0, reported: 0, overdue: 0, feedback: 0, repairRequests: 0, enterpriseIds: [] };
  const rateOf = new Map<string, number>();
  const entryIds: string[] = [];
  for (const [i, listing] of LISTINGS.entries()) {
    const enterprise = chosen[i];
    if (!enterprise) break;
    const listedOn = addDays(anchor, -listing.daysAgo(config));
    const services = servicesInTransaction(db, tx, asOf(config, listedOn));
    const actor = demoActor(listing.department, agencyOf);
    const entries: BlacklistEntry[] = await services.blacklist.addToBlacklist(actor, {
      creditCode: enterprise.creditCode,
      decisionNumber: `苏${listing.department === Department.MARKET_REGULATION ? "市监" : "应急"}黑〔演示〕${11 + i}号`,
      ground: listing.ground,
      reason: listing.reason,
      listedOn,
      // The persons a listing names most often (the legal representative and the principal, often one person): enough
      // to show PERSON entries and their tasks without distributing a task per measure to every post holder.
      includeRoles: [ResponsibleRole.LEGAL_REPRESENTATIVE, ResponsibleRole.PRINCIPAL],
    });
    // The one fact no input sets: distribution stamps the time it runs. The demo's listings were
    // recorded on their listing day, so their tasks are moved back to it (due dates already are).
    await tx.query(`UPDATE sanction_task SET distributed_at = $2::timestamptz WHERE blacklist_entry_id = ANY($1::uuid[])`,
      [entries.map((e) => e.id), noon(listedOn)]);
    for (const e of entries) rateOf.set(e.id, listing.reportRate);
    entryIds.push(...entries.map((e) => e.id));
    story.enterpriseIds.unshift(enterprise.id);
    const enterpriseEntry = entries.find((e) => e.subjectType === "ENTERPRISE")!;
    if (listing.repairRequested && enterpriseEntry.status === BlacklistStatus.ACTIVE && addDays(listedOn, config.rules.repair.blacklistDays) <= today()) {
      await services.repair.submitCreditRepair(demoActor(Department.CREDIT_OFFICE, agencyOf), {
        creditCode: enterprise.creditCode, blacklistEntryId: enterpriseEntry.id,
        actions: [RepairAction.PUBLIC_COMMITMENT, RepairAction.REPAIR_TRAINING, RepairAction.CREDIT_REPORT],
        statement: "已全面停产整改并通过复查验收，主要负责人参加信用修复专题培训，作出信用承诺并提交信用报告。",
      });
      story.repairRequests++;
    }
  }
  if (entryIds.length === 0) return story;

  // Feedback: each department reports on its own tasks, in one batch (a department's system sends
  // them together); the very first report is sent on its own, as a single report.
  const services = servicesInTransaction(db, tx, config);
  const measures = new Map((await services.measureCatalogue.inForce()).measures.map((m) => [m.code, m]));
  const tasks: { entryId: string; measure: SanctionMeasureCode; department: Department; listedOn: string }[] = await tx.query(
    `SELECT t.blacklist_entry_id AS "entryId", t.measure, t.department, b.listed_on::text AS "listedOn"
     FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
       JOIN enterprise e ON e.id = b.enterprise_id LEFT JOIN person p ON p.id = b.person_id
     WHERE t.blacklist_entry_id = ANY($1::uuid[])
     ORDER BY e.credit_code, b.subject_type, p.id_number NULLS FIRST, t.measure, t.department`,
    [entryIds],
  );
  const lastDay = anchor < today() ? anchor : today();
  const byDepartment = new Map<Department, SanctionFeedbackInput[]>();
  for (const [n, task] of tasks.entries()) {
    if (rand() >= rateOf.get(task.entryId)!) continue;
    const roll = rand();
    const outcome = roll < 0.75 ? SanctionOutcome.APPLIED : roll < 0.9 ? SanctionOutcome.PARTIALLY_APPLIED : SanctionOutcome.NOT_APPLIED;
    const span = Math.min(28, daysBetween(task.listedOn, lastDay));
    const input: SanctionFeedbackInput = {
      clientReference: `demo-feedback-${n}`,
      blacklistEntryId: task.entryId,
      measure: task.measure,
      matter: measures.get(task.measure)?.matters[0] ?? AdministrativeMatter.OTHER,
      matterReference: outcome === SanctionOutcome.NOT_APPLIED ? null : `演示审查〔${task.listedOn.slice(0, 4)}〕${100 + n}号`,
      appliedOn: addDays(task.listedOn, span > 0 ? int(1, span) : 0),
      outcome,
      description: outcome === SanctionOutcome.APPLIED ? null : NOT_APPLIED_WHY[outcome],
    };
    byDepartment.set(task.department, [...(byDepartment.get(task.department) ?? []), input]);
  }
  const registered: { department: Department; input: SanctionFeedbackInput; id: string }[] = [];
  for (const [department, inputs] of byDepartment) {
    const actor = demoActor(department, agencyOf);
    let rest = inputs;
    if (registered.length === 0) {
      registered.push({ department, input: inputs[0], id: (await services.feedback.register(actor, inputs[0])).feedback.id });
      rest = inputs.slice(1);
    }
    for (let at = 0; at < rest.length; at += MAX_FEEDBACK_BATCH) {
      const chunk = rest.slice(at, at + MAX_FEEDBACK_BATCH);
      const batch = await services.feedback.registerBatch(actor, chunk);
      const refused = batch.items.find((item) => item.error);
      if (refused) throw new Error(`demo feedback of ${department} refused: ${refused.error!.message}`);
      batch.items.forEach((item, k) => registered.push({ department, input: chunk[k], id: item.payload!.feedback.id }));
    }
  }
  // One partial report corrected once the department found the measure fully applied after all:
  // the old record reads CORRECTED, the new one CURRENT, and the task stays REPORTED.
  const partial = registered.find((r) => r.input.outcome === SanctionOutcome.PARTIALLY_APPLIED);
  if (partial) {
    await services.feedback.correct(demoActor(partial.department, agencyOf), partial.id,
      { ...partial.input, clientReference: `${partial.input.clientReference}-corrected`, outcome: SanctionOutcome.APPLIED, description: null },
      "补充核实后确认措施已全部实施。");
  }
  story.feedback = registered.length + (partial ? 1 : 0);

  const [counts] = await tx.query(
    `SELECT count(*)::int AS tasks, count(*) FILTER (WHERE ${taskReported})::int AS reported,
       count(*) FILTER (WHERE ${taskOverdue("$2")})::int AS overdue
     FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id WHERE t.blacklist_entry_id = ANY($1::uuid[])`,
    [entryIds, today()],
  );
  return { ...story, entries: entryIds.length, ...counts };
}
