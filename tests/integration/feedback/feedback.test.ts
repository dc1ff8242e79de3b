import { statementCounter } from "../../../src/db/statement-counter";
import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, setPerson } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const REGISTER = `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) {
  replayed feedback { id state outcome clientReference task { id status } } } }`;
const BATCH = `mutation($inputs: [SanctionFeedbackInput!]!) { registerSanctionFeedbackBatch(inputs: $inputs) {
  accepted replayed rejected items { index payload { replayed feedback { id } } error { code field message } } } }`;
const CORRECT = `mutation($id: ID!, $input: SanctionFeedbackInput!) { correctSanctionFeedback(id: $id, input: $input, reason: "日期填错") {
  replayed feedback { id state supersedes { id state } task { id } } } }`;
const RETRACT = `mutation($id: ID!) { retractSanctionFeedback(id: $id, reason: "误报") { id state } }`;

describe("sanction feedback (惩戒实施情况反馈)", () => {
  let t: TestHub;
  let em: string;
  let finance: string;
  let entryId: string;
  let seq = 0;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    finance = await t.agency("FINANCE");
    const code = await createEnterprise(t);
    await setPerson(t, em, code, "LEGAL_REPRESENTATIVE");
    const entries = await blacklist(t, em, code, { listedOn: addDays(today(), -20) });
    entryId = entries.find((e: any) => e.subjectType === "ENTERPRISE").id;
  });
  afterAll(() => t.stop());

  const input = (overrides: Record<string, unknown> = {}) => ({
    clientReference: `CZ-${++seq}`,
    blacklistEntryId: entryId,
    measure: "RESTRICT_GOVERNMENT_PROCUREMENT",
    matter: "GOVERNMENT_PROCUREMENT",
    matterReference: "JSZC-2026-001",
    appliedOn: addDays(today(), -1),
    outcome: "APPLIED",
    ...overrides,
  });

  it("leaves exactly one row and 19 replays for 20 concurrent sends of the same report", async () => {
    const report = input();
    const results = await Promise.all(Array.from({ length: 20 }, () => t.gql(REGISTER, { input: report }, finance)));
    expect(results.every((r) => !r.errors)).toBe(true);
    const payloads = results.map((r) => r.data?.registerSanctionFeedback);
    expect(payloads.filter((p) => !p.replayed)).toHaveLength(1);
    expect(payloads.filter((p) => p.replayed)).toHaveLength(19);
    expect(new Set(payloads.map((p) => p.feedback.id)).size).toBe(1);
    const rows = await t.sql(`SELECT count(*)::int AS n FROM sanction_feedback WHERE client_reference = $1`, [report.clientReference]);
    expect(rows[0].n).toBe(1);
    expect(payloads[0].feedback.task.status).toBe("REPORTED");
  });

  it("answers CONFLICT for the same key with other content, and writes nothing", async () => {
    const report = input();
    await t.gql(REGISTER, { input: report }, finance);
    const other = await t.gql(REGISTER, { input: { ...report, outcome: "NOT_APPLIED", description: "项目已终止" } }, finance);
    expect(other.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "clientReference" });
    expect((await t.sql(`SELECT count(*)::int AS n FROM sanction_feedback WHERE client_reference = $1`, [report.clientReference]))[0].n).toBe(1);
  });

  it("is FORBIDDEN for a department that does not implement the measure", async () => {
    const res = await t.gql(REGISTER, { input: input({ measure: "RESTRICT_BIDDING", matter: "BIDDING" }) }, finance);
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("checks appliedOn, description and reviewId with the field named", async () => {
    const future = await t.gql(REGISTER, { input: input({ appliedOn: addDays(today(), 1) }) }, finance);
    expect(future.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "appliedOn" });
    const early = await t.gql(REGISTER, { input: input({ appliedOn: addDays(today(), -30) }) }, finance);
    expect(early.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "appliedOn" });
    const why = await t.gql(REGISTER, { input: input({ outcome: "PARTIALLY_APPLIED" }) }, finance);
    expect(why.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "description" });
    const review = await t.gql(`{ creditReview(creditCodes: [], matter: GOVERNMENT_PROCUREMENT) { reviewId } }`, {}, em);
    expect(review.errors).toBeUndefined();
    const [{ id: othersReview }] = await t.sql(`INSERT INTO credit_review (agency_id, matter, codes) SELECT id, 'OTHER', 0 FROM agency LIMIT 1 RETURNING id`);
    const foreign = await t.gql(REGISTER, { input: input({ reviewId: othersReview }) }, finance);
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reviewId" });
  });

  it("writes the 7 good items of a batch with 3 bad ones and names the bad by index", async () => {
    const inputs = Array.from({ length: 10 }, () => input());
    inputs[2] = input({ appliedOn: addDays(today(), 5) });
    inputs[5] = input({ measure: "RESTRICT_LAND_TRANSFER", matter: "LAND_TRANSFER" });
    inputs[8] = input({ outcome: "NOT_APPLIED" });
    const before = (await t.sql(`SELECT count(*)::int AS n FROM sanction_feedback`))[0].n;
    const res = (await t.gql(BATCH, { inputs }, finance)).data?.registerSanctionFeedbackBatch;
    expect({ accepted: res.accepted, replayed: res.replayed, rejected: res.rejected }).toEqual({ accepted: 7, replayed: 0, rejected: 3 });
    expect(res.items.filter((i: any) => i.error).map((i: any) => [i.index, i.error.code, i.error.field])).toEqual([
      [2, "BAD_USER_INPUT", "appliedOn"], [5, "FORBIDDEN", null], [8, "BAD_USER_INPUT", "description"],
    ]);
    expect((await t.sql(`SELECT count(*)::int AS n FROM sanction_feedback`))[0].n).toBe(before + 7);
    const again = (await t.gql(BATCH, { inputs }, finance)).data?.registerSanctionFeedbackBatch;
    expect({ accepted: again.accepted, replayed: again.replayed, rejected: again.rejected }).toEqual({ accepted: 0, replayed: 7, rejected: 3 });
  });

  it("treats a reference repeated inside one batch like a resend: same content replays, other content conflicts", async () => {
    const first = input();
    const inputs = [first, { ...first }, { ...first, matterReference: "JSZC-2026-999" }, input()];
    const res = (await t.gql(BATCH, { inputs }, finance)).data?.registerSanctionFeedbackBatch;
    expect({ accepted: res.accepted, replayed: res.replayed, rejected: res.rejected }).toEqual({ accepted: 2, replayed: 1, rejected: 1 });
    expect(res.items[1].payload).toEqual({ replayed: true, feedback: { id: res.items[0].payload.feedback.id } });
    expect(res.items[2].error).toMatchObject({ code: "CONFLICT", field: "clientReference" });
    const rows = await t.sql(`SELECT count(*)::int AS n FROM sanction_feedback WHERE client_reference = $1`, [first.clientReference]);
    expect(rows[0].n).toBe(1);
  });

  it("sends the same number of statements for a batch of 5 as for a batch of 200", async () => {
    const statements = async (n: number) => {
      await t.hub.flushAccessLog();
      const before = statementCounter.value;
      const res = await t.gql(BATCH, { inputs: Array.from({ length: n }, () => input()) }, finance);
      expect(res.data?.registerSanctionFeedbackBatch.accepted).toBe(n);
      return statementCounter.value - before;
    };
    expect(await statements(200)).toBe(await statements(5));
  });

  it("rejects a batch of more than 500 as a whole and writes nothing", async () => {
    const before = (await t.sql(`SELECT count(*)::int AS n FROM sanction_feedback`))[0].n;
    const res = await t.gql(BATCH, { inputs: Array.from({ length: 501 }, () => input()) }, finance);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "inputs" });
    expect((await t.sql(`SELECT count(*)::int AS n FROM sanction_feedback`))[0].n).toBe(before);
  });

  it("keeps the full history through a correction and a retraction; the task reopens", async () => {
    const first = (await t.gql(REGISTER, { input: input({ measure: "INCREASED_INSPECTION", matter: "INSPECTION" }) }, em)).data?.registerSanctionFeedback.feedback;
    expect(first.task.status).toBe("REPORTED");
    const corrected = await t.gql(CORRECT, { id: first.id, input: input({ measure: "INCREASED_INSPECTION", matter: "INSPECTION", appliedOn: addDays(today(), -2) }) }, em);
    const second = corrected.data?.correctSanctionFeedback.feedback;
    expect(second).toMatchObject({ state: "CURRENT", supersedes: { id: first.id, state: "CORRECTED" }, task: { id: first.task.id } });
    expect((await t.gql(CORRECT, { id: first.id, input: input({ measure: "INCREASED_INSPECTION", matter: "INSPECTION" }) }, em)).errors?.[0].extensions?.code).toBe("CONFLICT");
    expect((await t.gql(RETRACT, { id: second.id }, finance)).errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const retracted = await t.gql(RETRACT, { id: second.id }, em);
    expect(retracted.data?.retractSanctionFeedback).toEqual({ id: second.id, state: "RETRACTED" });
    // A resent retraction (a client's retry) replays; one for another reason is a conflict; one row either way.
    expect((await t.gql(RETRACT, { id: second.id }, em)).data?.retractSanctionFeedback).toEqual({ id: second.id, state: "RETRACTED" });
    const otherReason = await t.gql(`mutation($id: ID!) { retractSanctionFeedback(id: $id, reason: "另一理由") { id } }`, { id: second.id }, em);
    expect(otherReason.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect((await t.sql(`SELECT count(*)::int AS n FROM sanction_feedback_retraction WHERE feedback_id = $1`, [second.id]))[0].n).toBe(1);
    const history = await t.gql(`{ sanctionTasks(first: 100) { edges { node { id status feedback { id state } } } } }`, {}, em);
    const task = history.data?.sanctionTasks.edges.map((e: any) => e.node).find((n: any) => n.id === first.task.id);
    expect(task.status).toBe("OPEN");
    expect(task.feedback.map((f: any) => f.state).sort()).toEqual(["CORRECTED", "RETRACTED"]);
    // Append-only: the database itself refuses an UPDATE or DELETE of a feedback row.
    await expect(t.sql(`UPDATE sanction_feedback SET outcome = 'NOT_APPLIED' WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM sanction_feedback WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
  });

  it("shows each department only its own feedback; OVERSIGHT sees all", async () => {
    const code = (await t.sql(`SELECT e.credit_code AS c FROM blacklist_entry b JOIN enterprise e ON e.id = b.enterprise_id WHERE b.id = $1`, [entryId]))[0].c;
    const read = `query($c: CreditCode!) { enterprise(creditCode: $c) { sanctionFeedback(first: 100) { totalCount edges { node { department } } } } }`;
    const mine = (await t.gql(read, { c: code }, finance)).data?.enterprise.sanctionFeedback;
    expect(mine.edges.every((e: any) => e.node.department === "FINANCE")).toBe(true);
    const all = (await t.gql(read, { c: code }, em)).data?.enterprise.sanctionFeedback;
    expect(all.totalCount).toBeGreaterThan(mine.totalCount);
    expect(new Set(all.edges.map((e: any) => e.node.department))).toEqual(new Set(["FINANCE", "EMERGENCY_MANAGEMENT"]));
  });
});
