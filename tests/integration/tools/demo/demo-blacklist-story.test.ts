import { DEPARTMENTS } from "../../../../src/auth/department.enums";
import { addDays, today } from "../../../../src/shared/clock";
import { runHubCli } from "../../../helpers/cli";
import { startTestHub, type TestHub } from "../../../helpers/test-hub";

/** The keys `hub demo-seed` printed: one per department, and the demo enterprise's own. */
function printedKeys(output: string): { agencies: Map<string, string>; subject: string | undefined } {
  const agencies = new Map([...output.matchAll(/^([A-Z_]+) +(hub_\S+)$/gm)].map((m) => [m[1], m[2]]));
  return { agencies, subject: /^SUBJECT +(hubs_\S+)/m.exec(output)?.[1] };
}

const REPORT = `query($from: Date!, $to: Date!) { feedbackReport(from: $from, to: $to) { tasksDistributed tasksReported reportingRate rows { department } } }`;
const TASKS = `{ overdue: sanctionTasks(overdue: true, first: 5) { totalCount edges { node { status overdue dueOn distributedAt } } }
  reported: sanctionTasks(status: REPORTED, first: 1) { totalCount } open: sanctionTasks(status: OPEN, overdue: false, first: 1) { totalCount } }`;
const LISTED = `{ enterprises(first: 20, filter: { onBlacklist: true }) { totalCount edges { node { creditCode onBlacklist
  blacklist { id subjectType status listedOn tasks { status overdue dueOn } feedback { outcome state } } } } } }`;
const ALERTS = `query($level: RiskLevel!) { riskAlerts(minLevel: $level, first: 100) { totalCount edges { node { assessment { level score } } } } }`;
const REPAIRS = `query($after: String) { enterprises(first: 100, after: $after) { edges { node { repairs { status penalty { id } blacklistEntry { id } } } }
  pageInfo { hasNextPage endCursor } } }`;
const EVENTS = `{ events(kinds: [SANCTION_TASK_DISTRIBUTED], first: 20) { edges { node { summary sanctionTask { dueOn } } } } }`;
const LEVELS = ["LOW", "MEDIUM", "HIGH", "SEVERE"] as const;

/**
 * The demo data a newcomer gets from `hub demo-seed`, read over HTTP with the keys it printed: the
 * blacklist with its distributed tasks, feedback reported and tasks overdue, repairs, risk alerts
 * at every level; and what a second run says about the keys before it runs (and that it is so).
 */
describe("demo data: the blacklist, its tasks and feedback, repairs and risk (hub demo-seed)", () => {
  let t: TestHub;
  let firstRun: string;
  let keys: ReturnType<typeof printedKeys>;
  let credit: string;
  beforeAll(async () => {
    t = await startTestHub();
    const run = await runHubCli(t.databaseEnv, "demo-seed");
    expect(run.exitCode).toBe(0);
    firstRun = run.output;
    keys = printedKeys(firstRun);
    credit = keys.agencies.get("CREDIT_OFFICE")!;
  });
  afterAll(() => t.stop());

  it("prints a key per department and the demo enterprise's, and no notice on an empty database", () => {
    expect([...keys.agencies.keys()].sort()).toEqual([...DEPARTMENTS].sort());
    expect(keys.subject).toBeDefined();
    expect(firstRun.split("\n")[0]).toMatch(/^demo data: 200 enterprises/);
    expect(firstRun).not.toMatch(/already holds demo data/);
  });

  it("has tasks distributed and reported in the feedback report, and tasks overdue and open", async () => {
    const report = await t.gql(REPORT, { from: addDays(today(), -800), to: today() }, credit);
    expect(report.errors).toBeUndefined();
    const r = report.data!.feedbackReport;
    expect(r.tasksDistributed).toBeGreaterThan(0);
    expect(r.tasksReported).toBeGreaterThan(0);
    expect(r.tasksReported).toBeLessThan(r.tasksDistributed);
    expect(new Set(r.rows.map((row: { department: string }) => row.department)).size).toBeGreaterThan(5);

    const tasks = await t.gql(TASKS, {}, credit);
    expect(tasks.errors).toBeUndefined();
    const { overdue, reported, open } = tasks.data!;
    // The feedback report has no overdue column: overdue is the tasks' own (OPEN past dueOn).
    expect(overdue.totalCount).toBeGreaterThan(0);
    expect(reported.totalCount).toBe(r.tasksReported);
    expect(open.totalCount).toBeGreaterThan(0);
    for (const { node } of overdue.edges) {
      expect(node).toMatchObject({ status: "OPEN", overdue: true });
      expect(node.dueOn < today()).toBe(true);
      // Distributed before it was due: the listing was recorded on its day, not today.
      expect(node.distributedAt.slice(0, 10) < node.dueOn).toBe(true);
    }
  });

  it("lists enterprises on the blacklist, with PERSON entries, tasks and feedback of every outcome", async () => {
    const res = await t.gql(LISTED, {}, keys.agencies.get("EMERGENCY_MANAGEMENT"));
    expect(res.errors).toBeUndefined();
    const { totalCount, edges } = res.data!.enterprises;
    expect(totalCount).toBeGreaterThan(0);
    const entries = edges.flatMap((e: any) => e.node.blacklist).filter((b: any) => b.status === "ACTIVE");
    expect(new Set(entries.map((b: any) => b.subjectType))).toEqual(new Set(["ENTERPRISE", "PERSON"]));
    const tasks = entries.flatMap((b: any) => b.tasks);
    expect(new Set(tasks.map((x: any) => x.status))).toEqual(new Set(["OPEN", "REPORTED"]));
    const feedback = entries.flatMap((b: any) => b.feedback);
    expect(new Set(feedback.map((f: any) => f.outcome))).toEqual(new Set(["APPLIED", "PARTIALLY_APPLIED", "NOT_APPLIED"]));
    expect(new Set(feedback.map((f: any) => f.state))).toEqual(new Set(["CURRENT", "CORRECTED"]));
  });

  it("announces each distributed task with the due date the task has", async () => {
    const res = await t.gql(EVENTS, {}, keys.agencies.get("FINANCE"));
    expect(res.errors).toBeUndefined();
    expect(res.data!.events.edges.length).toBeGreaterThan(0);
    for (const { node } of res.data!.events.edges) expect(node.summary).toContain(`by ${node.sanctionTask.dueOn}`);
  });

  it("has risk alerts at every risk level", async () => {
    const counts: number[] = [];
    for (const level of LEVELS) {
      const res = await t.gql(ALERTS, { level }, keys.agencies.get("EMERGENCY_MANAGEMENT"));
      expect(res.errors).toBeUndefined();
      counts.push(res.data!.riskAlerts.totalCount);
      if (level !== "LOW") expect(res.data!.riskAlerts.edges.map((e: any) => e.node.assessment.level)).toContain(level);
    }
    // At or above each level, strictly more than at or above the next: every level holds an enterprise.
    expect(counts[3]).toBeGreaterThan(0);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new Set(counts).size).toBe(LEVELS.length);
  });

  it("has credit repairs of penalties and of a listing, some decided and some pending", async () => {
    const repairs: { status: string; penalty: unknown; blacklistEntry: unknown }[] = [];
    let after: string | null = null;
    do {
      const page: any = await t.gql(REPAIRS, { after }, credit);
      expect(page.errors).toBeUndefined();
      repairs.push(...page.data.enterprises.edges.flatMap((e: any) => e.node.repairs ?? []));
      after = page.data.enterprises.pageInfo.hasNextPage ? page.data.enterprises.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(repairs.map((r) => r.status))).toEqual(new Set(["APPROVED", "REJECTED", "SUBMITTED"]));
    expect(repairs.filter((r) => r.penalty && r.status === "SUBMITTED")).toHaveLength(1);
    expect(repairs.filter((r) => r.blacklistEntry && r.status === "SUBMITTED")).toHaveLength(1);
  });

  // Last: it replaces the keys the other tests use.
  it("run again, first says what it does to the keys given out before, then does it", async () => {
    const again = await runHubCli(t.databaseEnv, "demo-seed");
    expect(again.exitCode).toBe(0);
    const lines = again.output.split("\n");
    expect(lines[0]).toBe(
      `The database already holds demo data: this run revokes the ${DEPARTMENTS.length} demo agency keys issued before (they stop working) and prints new ones below; ` +
      `the demo enterprise's own key (SUBJECT, ${/^first demo enterprise: (\S+)/m.exec(firstRun)![1]}) stays valid and no new one is issued; ` +
      "the 200 demo enterprises already there are kept as they are (only missing ones are added, with their stories).",
    );
    expect(lines.findIndex((l) => l.startsWith("demo data:"))).toBeGreaterThan(0);
    const renewed = printedKeys(again.output);
    expect(renewed.subject).toBeUndefined();

    const me = `{ me { department } }`;
    for (const [department, old] of keys.agencies) {
      expect((await t.gql(me, {}, old)).status).toBe(401);
      expect((await t.gql(me, {}, renewed.agencies.get(department))).data).toEqual({ me: { department } });
    }
    const mine = await t.gql(`{ myEnterprise { creditCode } }`, {}, keys.subject);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myEnterprise).not.toBeNull();
  });
});
