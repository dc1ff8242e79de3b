import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const REPORT = `query($from: Date!, $to: Date!, $department: Department, $region: String) {
  feedbackReport(from: $from, to: $to, department: $department, regionCode: $region) {
    tasksDistributed tasksReported reportingRate
    rows { department regionCode measure tasksDistributed tasksReported applied partiallyApplied notApplied } } }`;
const REGISTER = `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) { feedback { id } } }`;

describe("feedback report (通报)", () => {
  let t: TestHub;
  let em: string;
  let finance: string;
  let housing: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    finance = await t.agency("FINANCE");
    housing = await t.agency("HOUSING_CONSTRUCTION");
    let ref = 0;
    const send = (token: string, entryId: string, measure: string, matter: string, outcome: string) =>
      t.gql(REGISTER, { input: { clientReference: `R-${++ref}`, blacklistEntryId: entryId, measure, matter, appliedOn: today(), outcome,
        description: outcome === "APPLIED" ? null : "理由" } }, token);
    for (const region of ["320102", "320505"]) {
      const code = await createEnterprise(t, { regionCode: region });
      const [entry] = await blacklist(t, em, code, { includeRoles: [] });
      await send(finance, entry.id, "RESTRICT_GOVERNMENT_PROCUREMENT", "GOVERNMENT_PROCUREMENT", "APPLIED");
      await send(housing, entry.id, "RESTRICT_BIDDING", "BIDDING", region === "320102" ? "PARTIALLY_APPLIED" : "NOT_APPLIED");
      const retracted = await send(housing, entry.id, "RESTRICT_QUALIFICATION", "QUALIFICATION_REVIEW", "APPLIED");
      await t.gql(`mutation($id: ID!) { retractSanctionFeedback(id: $id, reason: "误报") { id } }`, { id: retracted.data?.registerSanctionFeedback.feedback.id }, housing);
    }
  });
  afterAll(() => t.stop());

  it("equals counts computed independently from the tables", async () => {
    const res = (await t.gql(REPORT, { from: addDays(today(), -1), to: today() }, em)).data?.feedbackReport;
    const [{ distributed }] = await t.sql(`SELECT count(*)::int AS distributed FROM sanction_task`);
    const [{ reported }] = await t.sql(
      `SELECT count(DISTINCT f.task_id)::int AS reported FROM sanction_feedback f
       WHERE NOT EXISTS (SELECT 1 FROM sanction_feedback_retraction r WHERE r.feedback_id = f.id)
         AND NOT EXISTS (SELECT 1 FROM sanction_feedback s WHERE s.supersedes = f.id)`,
    );
    expect(res.tasksDistributed).toBe(distributed);
    expect(res.tasksReported).toBe(reported);
    expect(reported).toBe(4);
    expect(res.reportingRate).toBeCloseTo(reported / distributed, 10);
    const bidding = res.rows.filter((r: any) => r.measure === "RESTRICT_BIDDING" && r.department === "HOUSING_CONSTRUCTION");
    expect(bidding.map((r: any) => [r.regionCode, r.tasksDistributed, r.tasksReported, r.partiallyApplied, r.notApplied])).toEqual([
      ["320102", 1, 1, 1, 0], ["320505", 1, 1, 0, 1],
    ]);
    const qualification = res.rows.find((r: any) => r.measure === "RESTRICT_QUALIFICATION" && r.department === "HOUSING_CONSTRUCTION" && r.regionCode === "320102");
    expect(qualification).toMatchObject({ tasksDistributed: 1, tasksReported: 0, applied: 0 });
  });

  it("shows a department its own rows only, filters by city, and refuses another department's", async () => {
    const own = (await t.gql(REPORT, { from: addDays(today(), -1), to: today() }, finance)).data?.feedbackReport;
    expect(new Set(own.rows.map((r: any) => r.department))).toEqual(new Set(["FINANCE"]));
    expect(own.rows.reduce((n: number, r: any) => n + r.applied, 0)).toBe(2);
    const suzhou = (await t.gql(REPORT, { from: addDays(today(), -1), to: today(), region: "320500" }, finance)).data?.feedbackReport;
    expect(suzhou.rows.map((r: any) => r.regionCode)).toEqual(Array(suzhou.rows.length).fill("320505"));
    const denied = await t.gql(REPORT, { from: today(), to: today(), department: "HOUSING_CONSTRUCTION" }, finance);
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const oversight = (await t.gql(REPORT, { from: today(), to: today(), department: "HOUSING_CONSTRUCTION" }, em)).data?.feedbackReport;
    expect(new Set(oversight.rows.map((r: any) => r.department))).toEqual(new Set(["HOUSING_CONSTRUCTION"]));
  });

  it("counts nothing outside the period", async () => {
    const res = (await t.gql(REPORT, { from: addDays(today(), -30), to: addDays(today(), -2) }, em)).data?.feedbackReport;
    expect(res).toMatchObject({ tasksDistributed: 0, tasksReported: 0, reportingRate: 0, rows: [] });
  });

  // Runs last: it moves the tasks' distribution instants.
  it("puts a task in the period by its China Standard Time date, also around midnight UTC+8", async () => {
    const byRegion = `SELECT e.region_code AS region, count(*)::int AS n FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
      JOIN enterprise e ON e.id = b.enterprise_id GROUP BY e.region_code ORDER BY 1`;
    const counts = Object.fromEntries((await t.sql(byRegion)).map((r: any) => [r.region, r.n]));
    // 2026-03-01 23:59:59 and 2026-03-02 00:30 in Nanjing: one second and half an hour either side of the date line.
    const move = (region: string, instant: string) =>
      t.sql(`UPDATE sanction_task t SET distributed_at = $2 FROM blacklist_entry b JOIN enterprise e ON e.id = b.enterprise_id
        WHERE b.id = t.blacklist_entry_id AND e.region_code = $1`, [region, instant]);
    await move("320102", "2026-03-01T15:59:59Z");
    await move("320505", "2026-03-01T16:30:00Z");
    const on = async (date: string) => (await t.gql(REPORT, { from: date, to: date }, em)).data?.feedbackReport;
    const first = await on("2026-03-01");
    const second = await on("2026-03-02");
    expect(first.tasksDistributed).toBe(counts["320102"]);
    expect(new Set(first.rows.filter((r: any) => r.tasksDistributed > 0).map((r: any) => r.regionCode))).toEqual(new Set(["320102"]));
    expect(second.tasksDistributed).toBe(counts["320505"]);
    expect(new Set(second.rows.filter((r: any) => r.tasksDistributed > 0).map((r: any) => r.regionCode))).toEqual(new Set(["320505"]));
    expect((await on("2026-02-28")).tasksDistributed).toBe(0);
  });
});
