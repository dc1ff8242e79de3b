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
});
