import { today } from "../../../src/shared/clock";
import { blacklist, createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const REGISTER = `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) { feedback { id task { id measure { code } status } } } }`;
const CORRECT = `mutation($id: ID!, $input: SanctionFeedbackInput!) { correctSanctionFeedback(id: $id, input: $input, reason: "措施填错") {
  feedback { id state measure task { id measure { code } status } supersedes { id state } } } }`;
const TASKS = `query($id: CreditCode!) { enterprise(creditCode: $id) { blacklist { subjectType tasks { id measure { code } department status } } } }`;
const REPORT = `query($from: Date!, $to: Date!) { feedbackReport(from: $from, to: $to) {
  tasksDistributed tasksReported reportingRate rows { measure department tasksReported applied } } }`;

// A correction that names another measure or entry reports on another task: the link must move,
// or the old task stays REPORTED on the strength of a report that no longer says anything about it.
describe("feedback corrections keep the ledger true", () => {
  let t: TestHub;
  let em: string;
  let housing: string;
  let code: string;
  let otherCode: string;
  let entryId: string;
  let otherEntryId: string;
  let ref = 0;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    housing = await t.agency("HOUSING_CONSTRUCTION");
    code = await createEnterprise(t);
    otherCode = await createEnterprise(t);
    [{ id: entryId }] = await blacklist(t, em, code, { includeRoles: [] });
    [{ id: otherEntryId }] = await blacklist(t, em, otherCode, { includeRoles: [] });
  });
  afterAll(() => t.stop());

  const input = (overrides: Record<string, unknown> = {}) => ({
    clientReference: `JZ-${++ref}`,
    blacklistEntryId: entryId,
    measure: "RESTRICT_BIDDING",
    matter: "BIDDING",
    appliedOn: today(),
    outcome: "APPLIED",
    ...overrides,
  });
  const taskStatus = async (creditCode: string, measure: string) => {
    const res = await t.gql(TASKS, { id: creditCode }, housing);
    const tasks = res.data?.enterprise.blacklist.flatMap((e: any) => e.tasks) ?? [];
    return tasks.find((x: any) => x.measure.code === measure && x.department === "HOUSING_CONSTRUCTION")?.status;
  };
  const report = async () => (await t.gql(REPORT, { from: today(), to: today() }, housing)).data?.feedbackReport;

  it("moves the task link when the measure changes: the old task is OPEN again, the new one REPORTED", async () => {
    const first = (await t.gql(REGISTER, { input: input() }, housing)).data?.registerSanctionFeedback.feedback;
    expect(first.task).toMatchObject({ measure: { code: "RESTRICT_BIDDING" }, status: "REPORTED" });
    const before = await report();
    expect(before.tasksReported).toBe(1);

    const res = await t.gql(CORRECT, { id: first.id, input: input({ measure: "RESTRICT_QUALIFICATION", matter: "QUALIFICATION_REVIEW" }) }, housing);
    expect(res.errors).toBeUndefined();
    const corrected = res.data?.correctSanctionFeedback.feedback;
    expect(corrected.task).toMatchObject({ measure: { code: "RESTRICT_QUALIFICATION" }, status: "REPORTED" });
    expect(corrected.supersedes).toEqual({ id: first.id, state: "CORRECTED" });
    expect(await taskStatus(code, "RESTRICT_BIDDING")).toBe("OPEN");
    expect(await taskStatus(code, "RESTRICT_QUALIFICATION")).toBe("REPORTED");

    // The report counts one reported task, under the corrected measure.
    const after = await report();
    expect(after.tasksReported).toBe(1);
    const rows = (m: string) => after.rows.filter((r: any) => r.measure === m && r.department === "HOUSING_CONSTRUCTION");
    expect(rows("RESTRICT_BIDDING").reduce((n: number, r: any) => n + r.tasksReported + r.applied, 0)).toBe(0);
    expect(rows("RESTRICT_QUALIFICATION").reduce((n: number, r: any) => n + r.tasksReported, 0)).toBe(1);
    expect(after.reportingRate).toBeCloseTo(after.tasksReported / after.tasksDistributed, 10);
  });

  it("moves the task link when the entry changes", async () => {
    const first = (await t.gql(REGISTER, { input: input({ measure: "RESTRICT_BIDDING" }) }, housing)).data?.registerSanctionFeedback.feedback;
    expect(await taskStatus(code, "RESTRICT_BIDDING")).toBe("REPORTED");
    const res = await t.gql(CORRECT, { id: first.id, input: input({ blacklistEntryId: otherEntryId }) }, housing);
    expect(res.errors).toBeUndefined();
    expect(await taskStatus(code, "RESTRICT_BIDDING")).toBe("OPEN");
    expect(await taskStatus(otherCode, "RESTRICT_BIDDING")).toBe("REPORTED");
    const [row] = await t.sql(
      `SELECT t.blacklist_entry_id AS entry FROM sanction_feedback f JOIN sanction_task t ON t.id = f.task_id WHERE f.id = $1`,
      [res.data?.correctSanctionFeedback.feedback.id],
    );
    expect(row.entry).toBe(otherEntryId);
  });

  it("keeps the old task REPORTED while another CURRENT report of it remains", async () => {
    const a = (await t.gql(REGISTER, { input: input({ blacklistEntryId: otherEntryId, measure: "RESTRICT_QUALIFICATION", matter: "QUALIFICATION_REVIEW" }) }, housing))
      .data?.registerSanctionFeedback.feedback;
    await t.gql(REGISTER, { input: input({ blacklistEntryId: otherEntryId, measure: "RESTRICT_QUALIFICATION", matter: "QUALIFICATION_REVIEW", outcome: "PARTIALLY_APPLIED", description: "部分适用" }) }, housing);
    const res = await t.gql(CORRECT, { id: a.id, input: input({ blacklistEntryId: otherEntryId, measure: "RESTRICT_BIDDING" }) }, housing);
    expect(res.errors).toBeUndefined();
    expect(await taskStatus(otherCode, "RESTRICT_QUALIFICATION")).toBe("REPORTED");
  });
});
