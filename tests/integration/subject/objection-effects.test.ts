import { addDays, today } from "../../../src/shared/clock";
import { createEnterprise, expectData } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id responsibleDepartment } }`;
const DECIDE = `mutation($id: ID!) { decideObjection(id: $id, uphold: true, decision: "经复核，异议成立") { status } }`;
const STATE = `query($c: CreditCode!) { enterprise(creditCode: $c) {
  creditGrade { grade underObjection } accidents { id } watchlist { status underObjection }
  commitments { status breach { description } } riskAssessment { factors { signal } } } }`;

/** An upheld objection makes every kind of record stop counting (grade and risk recomputed), with the record's producer deciding. */
describe("upheld objections on every kind of record", () => {
  let t: TestHub;
  let em: string;
  let mr: string;
  let credit: string;
  beforeAll(async () => {
    t = await startTestHub();
    [em, mr, credit] = await Promise.all([t.agency("EMERGENCY_MANAGEMENT"), t.agency("MARKET_REGULATION"), t.agency("CREDIT_OFFICE")]);
  });
  afterAll(() => t.stop());

  const state = async (c: string) => expectData(await t.gql<any>(STATE, { c }, credit)).enterprise;
  const uphold = async (c: string, target: string, targetId: string, subject: string, responsible: string) => {
    const filed = expectData(await t.gql<any>(FILE, { input: { creditCode: c, target, targetId, grounds: "记录与事实不符" } }, subject)).fileObjection;
    expect(filed.responsibleDepartment).toBe(responsible);
    return filed.id as string;
  };

  it("an accident becomes void, a risk signal void, a breach set aside, a watchlist entry REMOVED; the grade is marked while disputed", async () => {
    const c = await createEnterprise(t);
    const subject = await t.subject(c);
    const accident = expectData(await t.gql<any>(`mutation($input: AccidentInput!) { recordAccident(input: $input) { id } }`, {
      input: { creditCode: c, occurredOn: addDays(today(), -5), level: "ORDINARY", deaths: 0, injuries: 1, description: "机械伤害" } }, em)).recordAccident;
    const signal = expectData(await t.gql<any>(`mutation($input: RiskSignalInput!) { recordRiskSignal(input: $input) { id } }`, {
      input: { creditCode: c, type: "LITIGATION", occurredOn: addDays(today(), -3), source: "法院" } }, mr)).recordRiskSignal;
    const commitment = expectData(await t.gql<any>(`mutation($input: CommitmentInput!) { recordCommitment(input: $input) { id } }`, {
      input: { creditCode: c, kind: "QUALIFICATION", content: "如实申报", committedOn: addDays(today(), -50) } }, em)).recordCommitment;
    expectData(await t.gql(`mutation($input: CommitmentBreachInput!) { recordCommitmentBreach(input: $input) { id } }`, {
      input: { commitmentId: commitment.id, verifiedOn: today(), description: "虚假申报" } }, em));
    const watch = expectData(await t.gql<any>(`mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id } }`, {
      input: { creditCode: c, reason: "隐患整改不到位" } }, em)).addToWatchlist;
    const before = await state(c);
    expect(before.creditGrade.grade).toBe("C");
    expect(before.riskAssessment.factors.map((f: { signal: string }) => f.signal)).toContain("LITIGATION");

    const grade = await uphold(c, "CREDIT_GRADE", c, subject, "CREDIT_OFFICE");
    expect((await t.gql<any>(`query($c: CreditCode!) { enterprise(creditCode: $c) { creditGrade { grade underObjection } } }`, { c })).data!.enterprise.creditGrade)
      .toEqual({ grade: "C", underObjection: true });
    const ids = [
      await uphold(c, "ACCIDENT", accident.id, subject, "EMERGENCY_MANAGEMENT"),
      await uphold(c, "RISK_SIGNAL", signal.id, subject, "MARKET_REGULATION"),
      await uphold(c, "COMMITMENT_BREACH", commitment.id, subject, "EMERGENCY_MANAGEMENT"),
      await uphold(c, "WATCHLIST_ENTRY", watch.id, subject, "EMERGENCY_MANAGEMENT"),
    ];
    expect((await state(c)).watchlist).toEqual([{ status: "ACTIVE", underObjection: true }]);
    // Each decided by its record's producer, or by CREDIT_OFFICE.
    for (const [id, token] of [[ids[0], em], [ids[1], mr], [ids[2], credit], [ids[3], em], [grade, credit]]) {
      expect(expectData(await t.gql<any>(DECIDE, { id }, token)).decideObjection.status).toBe("UPHELD");
    }
    const after = await state(c);
    expect(after).toMatchObject({
      creditGrade: { grade: "A", underObjection: false },
      accidents: [],
      watchlist: [{ status: "REMOVED", underObjection: false }],
      commitments: [{ status: "ACTIVE", breach: null }],
    });
    expect(after.riskAssessment.factors.map((f: { signal: string }) => f.signal)).not.toContain("LITIGATION");
    // History is kept: the rows are still there, marked.
    expect(await t.sql(`SELECT (SELECT voided_at IS NOT NULL FROM accident WHERE id = $1) AS accident, (SELECT voided_at IS NOT NULL FROM risk_signal WHERE id = $2) AS signal,
      (SELECT breach_set_aside_at IS NOT NULL AND status = 'BREACHED' FROM commitment WHERE id = $3) AS breach`, [accident.id, signal.id, commitment.id]))
      .toEqual([{ accident: true, signal: true, breach: true }]);
  });
});
