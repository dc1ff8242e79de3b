import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, expectData, recordPenalty } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const SUBMIT = `mutation($input: CreditRepairInput!) { submitCreditRepair(input: $input) { id status penalty { id } } }`;
const DECIDE = `mutation($id: ID!, $approve: Boolean!) { decideCreditRepair(id: $id, approve: $approve, reason: "整改到位，准予修复") { status } }`;
const REVOKE = `mutation($id: ID!) { revokePenalty(id: $id, reason: "行政复议撤销") { revoked } }`;
const PENALTIES = `query($c: CreditCode!) { enterprise(creditCode: $c) {
  penalties { totalCount edges { node { id repaired isPublic } } } creditGrade { grade } } }`;
const PUBLIC_PENALTIES = `query($c: CreditCode!) { enterprise(creditCode: $c) { penalties { totalCount edges { node { id } } } } }`;
const LISTS = `query($c: CreditCode!) { enterprise(creditCode: $c) { onBlacklist blacklist { id status } } }`;
const RISK = `query($c: CreditCode!) { enterprise(creditCode: $c) { riskAssessment { factors { signal } } } }`;

const repairInput = (creditCode: string, ids: Record<string, string>) => ({
  creditCode, actions: ["PUBLIC_COMMITMENT", "REPAIR_TRAINING"], statement: "已完成整改并参加信用修复培训", ...ids,
});

/** An approved repair ends publication and stops sharing: only the producer, CREDIT_OFFICE and the subject still read the record. */
describe("repair stops sharing", () => {
  let t: TestHub;
  let em: string;
  let transport: string;
  let credit: string;
  beforeAll(async () => {
    t = await startTestHub();
    [em, transport, credit] = await Promise.all([t.agency("EMERGENCY_MANAGEMENT"), t.agency("TRANSPORT"), t.agency("CREDIT_OFFICE")]);
  });
  afterAll(() => t.stop());

  it("refuses a penalty before its minimum period, a MINOR one and a revoked one, naming penaltyId", async () => {
    const code = await createEnterprise(t);
    const recent = await recordPenalty(t, em, code, { decidedOn: addDays(today(), -30) });
    const minor = await recordPenalty(t, em, code, { penaltyTypes: ["WARNING"], fineAmount: null, decidedOn: addDays(today(), -200) });
    const revoked = await recordPenalty(t, em, code, { decidedOn: addDays(today(), -200) });
    expectData(await t.gql<any>(REVOKE, { id: revoked.id }, em));
    for (const [penalty, message] of [[recent, /3 months after its decision, from \d{4}-\d{2}-\d{2}/], [minor, /MINOR penalty is never published/], [revoked, /revoked/]] as const) {
      const res = await t.gql(SUBMIT, { input: repairInput(code, { penaltyId: penalty.id }) }, em);
      expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: "BAD_USER_INPUT", field: "penaltyId" } });
    }
    expect(await t.sql(`SELECT count(*)::int AS n FROM credit_repair`)).toEqual([{ n: 0 }]);
  });

  it("hides a repaired penalty from a third department (field, count, grade) and shows it to its producer, CREDIT_OFFICE and the subject marked repaired", async () => {
    const code = await createEnterprise(t);
    const subject = await t.subject(code);
    const penalty = await recordPenalty(t, em, code, { decidedOn: addDays(today(), -100) });
    expect((await t.gql(PENALTIES, { c: code }, transport)).data?.enterprise).toMatchObject({ penalties: { totalCount: 1 }, creditGrade: { grade: "B" } });
    expect((await t.gql(PUBLIC_PENALTIES, { c: code })).data?.enterprise?.penalties.totalCount).toBe(1);

    const repair = expectData(await t.gql<any>(SUBMIT, { input: repairInput(code, { penaltyId: penalty.id }) }, transport)).submitCreditRepair;
    expect(repair).toMatchObject({ status: "SUBMITTED", penalty: { id: penalty.id } });
    const again = await t.gql(SUBMIT, { input: repairInput(code, { penaltyId: penalty.id }) }, em);
    expect(again.errors?.[0].extensions?.code).toBe("CONFLICT");
    // The decision is the recording department's (or CREDIT_OFFICE's).
    expect((await t.gql(DECIDE, { id: repair.id, approve: true }, transport)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(expectData(await t.gql<any>(DECIDE, { id: repair.id, approve: true }, em)).decideCreditRepair).toEqual({ status: "APPROVED" });

    const third = (await t.gql(PENALTIES, { c: code }, transport)).data?.enterprise;
    expect(third).toEqual({ penalties: { totalCount: 0, edges: [] }, creditGrade: { grade: "A" } });
    expect((await t.gql(PUBLIC_PENALTIES, { c: code })).data?.enterprise?.penalties).toEqual({ totalCount: 0, edges: [] });
    for (const token of [em, credit, subject]) {
      const seen = (await t.gql(PENALTIES, { c: code }, token)).data?.enterprise;
      expect(seen).toEqual({ penalties: { totalCount: 1, edges: [{ node: { id: penalty.id, repaired: true, isPublic: false } }] }, creditGrade: { grade: "A" } });
    }
    // Nor does its repair request tell a third department that it existed.
    const REPAIRS = `query($c: CreditCode!) { enterprise(creditCode: $c) { repairs { id } } }`;
    expect((await t.gql<any>(REPAIRS, { c: code }, transport)).data?.enterprise.repairs).toEqual([]);
    expect((await t.gql<any>(REPAIRS, { c: code }, em)).data?.enterprise.repairs).toEqual([{ id: repair.id }]);
    // An objection the subject files about the repaired record tells a third department's review nothing.
    const REVIEW = `query($c: [CreditCode!]!) { creditReview(creditCodes: $c, matter: BIDDING) { reasons { code } } }`;
    const filed = await t.gql<any>(`mutation($input: ObjectionInput!) { fileObjection(input: $input) { status } }`,
      { input: { creditCode: code, target: "PENALTY", targetId: penalty.id, grounds: "修复后仍在共享" } }, subject);
    expect(filed.data?.fileObjection).toEqual({ status: "PENDING" });
    expect((await t.gql<any>(REVIEW, { c: [code] }, transport)).data?.creditReview[0].reasons).toEqual([]);
    // It counts for nothing in risk either (recomputed in the approval's transaction).
    const risk = (await t.gql(RISK, { c: code }, credit)).data?.enterprise?.riskAssessment;
    expect(risk.factors.map((f: { signal: string }) => f.signal)).not.toContain("PENALTY");
  });

  it("hides a repaired blacklist entry from a third department's list and from the public; its producer reads it REPAIRED", async () => {
    const code = await createEnterprise(t);
    const [entry] = await blacklist(t, em, code, { listedOn: addDays(today(), -400) });
    const repair = expectData(await t.gql<any>(SUBMIT, { input: repairInput(code, { blacklistEntryId: entry.id }) }, em)).submitCreditRepair;
    expectData(await t.gql<any>(DECIDE, { id: repair.id, approve: true }, em));
    expect((await t.gql(LISTS, { c: code }, transport)).data?.enterprise).toEqual({ onBlacklist: false, blacklist: [] });
    expect((await t.gql(LISTS, { c: code })).data?.enterprise).toEqual({ onBlacklist: false, blacklist: [] });
    expect((await t.gql(LISTS, { c: code }, em)).data?.enterprise).toEqual({ onBlacklist: false, blacklist: [{ id: entry.id, status: "REPAIRED" }] });
    expect((await t.gql(LISTS, { c: code }, await t.subject(code))).data?.enterprise.blacklist).toEqual([{ id: entry.id, status: "REPAIRED" }]);
  });
});
