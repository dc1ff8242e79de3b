import { addDays, addWorkingDays, setClockOffsetDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, expectData, recordPenalty } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) {
  id trackingNumber target targetId responsibleDepartment filedBy dueOn overdue status enterprise { creditCode } } }`;
const DECIDE = `mutation($id: ID!, $uphold: Boolean!) { decideObjection(id: $id, uphold: $uphold, decision: "经复核，异议成立") { status decision decidedAt } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawObjection(id: $id) { status } }`;
const PUBLIC_PENALTIES = `query($c: CreditCode!) { enterprise(creditCode: $c) { penalties { edges { node { id underObjection revoked } } } } }`;
const REVIEW = `query($c: [CreditCode!]!) { creditReview(creditCodes: $c, matter: GOVERNMENT_PROCUREMENT) { verdict reasons { code } } }`;
const LIST = `query($status: ObjectionStatus, $overdue: Boolean) { objections(status: $status, overdue: $overdue) { totalCount edges { node { id status overdue } } } }`;
const LISTED = `query($c: CreditCode!) { enterprise(creditCode: $c) {
  onBlacklist blacklist { id status underObjection } creditGrade { grade } riskAssessment { level factors { signal } } } }`;
const TASKS = `{ sanctionTasks { edges { node { blacklistEntry { id } status } } } }`;

const objection = (creditCode: string, target: string, targetId: string, grounds = "该处罚已被行政复议决定撤销，信息有误") => ({
  input: { creditCode, target, targetId, grounds },
});
const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

/** 异议处理 over HTTP: filing, marks, decisions that take effect in one transaction, the row rule, due dates. */
describe("objections", () => {
  let t: TestHub;
  let em: string;
  let transport: string;
  let credit: string;
  beforeAll(async () => {
    t = await startTestHub();
    [em, transport, credit] = await Promise.all([t.agency("EMERGENCY_MANAGEMENT"), t.agency("TRANSPORT"), t.agency("CREDIT_OFFICE")]);
  });
  afterEach(() => setClockOffsetDays(0));
  afterAll(() => t.stop());

  it("marks a disputed penalty underObjection for the public, adds UNDER_OBJECTION to a review without changing its verdict, and is due in 10 working days", async () => {
    const c = await createEnterprise(t);
    const subject = await t.subject(c);
    const penalty = await recordPenalty(t, em, c, { decidedOn: addDays(today(), -20) });
    const before = expectData(await t.gql<any>(REVIEW, { c: [c] }, transport)).creditReview[0];

    const filed = expectData(await t.gql<any>(FILE, objection(c, "PENALTY", penalty.id), subject)).fileObjection;
    expect(filed).toMatchObject({
      target: "PENALTY", targetId: penalty.id, responsibleDepartment: "EMERGENCY_MANAGEMENT", filedBy: "SUBJECT", status: "PENDING",
      overdue: false, dueOn: addWorkingDays(today(), 10), trackingNumber: expect.stringMatching(/^YY\d{14}$/), enterprise: { creditCode: c },
    });
    expect((await t.gql(PUBLIC_PENALTIES, { c })).data?.enterprise).toEqual({ penalties: { edges: [{ node: { id: penalty.id, underObjection: true, revoked: false } }] } });
    const after = expectData(await t.gql<any>(REVIEW, { c: [c] }, transport)).creditReview[0];
    expect(after.verdict).toBe(before.verdict);
    expect(after.reasons.map((r: { code: string }) => r.code)).toEqual([...before.reasons.map((r: { code: string }) => r.code), "UNDER_OBJECTION"]);

    // Rejected: the record is unchanged and the mark goes.
    expect(code(await t.gql(DECIDE, { id: filed.id, uphold: false }, transport))).toBe("FORBIDDEN");
    expect(expectData(await t.gql<any>(DECIDE, { id: filed.id, uphold: false }, em)).decideObjection).toMatchObject({ status: "REJECTED", decision: "经复核，异议成立" });
    expect(code(await t.gql(DECIDE, { id: filed.id, uphold: true }, credit))).toBe("CONFLICT");
    expect((await t.gql(PUBLIC_PENALTIES, { c })).data?.enterprise.penalties.edges[0].node).toEqual({ id: penalty.id, underObjection: false, revoked: false });
  });

  it("refuses with one NOT_FOUND a record of another enterprise, of another kind, or none; FORBIDDEN a subject about another enterprise; nothing written", async () => {
    const mine = await createEnterprise(t);
    const theirs = await createEnterprise(t);
    const subject = await t.subject(mine);
    const theirPenalty = await recordPenalty(t, em, theirs);
    const myPenalty = await recordPenalty(t, em, mine);
    for (const [target, id] of [["PENALTY", theirPenalty.id], ["BLACKLIST_ENTRY", myPenalty.id], ["PENALTY", "00000000-0000-4000-8000-000000000000"], ["ACCIDENT", "x"]]) {
      const res = await t.gql(FILE, objection(mine, target, id), subject);
      expect(res.errors?.[0]).toMatchObject({ message: `No ${target} record ${id} of enterprise ${mine}.`, extensions: { code: "NOT_FOUND", field: "targetId" } });
    }
    expect(code(await t.gql(FILE, objection(theirs, "PENALTY", theirPenalty.id), subject))).toBe("FORBIDDEN");
    // A subject never decides.
    const filed = expectData(await t.gql<any>(FILE, objection(mine, "PENALTY", myPenalty.id), em)).fileObjection;
    expect(filed.filedBy).toBe("EMERGENCY_MANAGEMENT");
    expect(code(await t.gql(DECIDE, { id: filed.id, uphold: true }, subject))).toBe("FORBIDDEN");
    expect(await t.sql(`SELECT count(*)::int AS n FROM objection o JOIN enterprise e ON e.id = o.enterprise_id WHERE e.credit_code IN ($1, $2)`, [mine, theirs]))
      .toEqual([{ n: 1 }]);
  });

  it("lets exactly one of two concurrent filings about one record win; the other is CONFLICT", async () => {
    const c = await createEnterprise(t);
    const subject = await t.subject(c);
    const penalty = await recordPenalty(t, em, c);
    const results = await Promise.all([
      t.gql(FILE, objection(c, "PENALTY", penalty.id), subject),
      t.gql(FILE, objection(c, "PENALTY", penalty.id), transport),
      t.gql(FILE, objection(c, "PENALTY", penalty.id), subject),
    ]);
    expect(results.map((r) => (r.errors ? code(r) : "FILED")).sort()).toEqual(["CONFLICT", "CONFLICT", "FILED"]);
    expect(await t.sql(`SELECT count(*)::int AS n FROM objection WHERE target_id = $1`, [penalty.id])).toEqual([{ n: 1 }]);
  });

  it("upheld on a blacklist entry: the entry is REMOVED, its tasks close, grade and risk are recomputed, in the decision", async () => {
    const c = await createEnterprise(t);
    const subject = await t.subject(c);
    const [entry] = await blacklist(t, em, c);
    const listed = expectData(await t.gql<any>(LISTED, { c }, credit)).enterprise;
    expect(listed).toMatchObject({ onBlacklist: true, creditGrade: { grade: "D" } });
    expect(listed.riskAssessment.factors.map((f: { signal: string }) => f.signal)).toContain("BLACKLIST");
    const open = (await t.gql<any>(TASKS, {}, em)).data!.sanctionTasks.edges.filter((e: any) => e.node.blacklistEntry.id === entry.id);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((e: any) => e.node.status === "OPEN")).toBe(true);

    const filed = expectData(await t.gql<any>(FILE, objection(c, "BLACKLIST_ENTRY", entry.id, "认定所依据的事故调查报告已被撤销"), subject)).fileObjection;
    expect((await t.gql<any>(LISTED, { c })).data!.enterprise.blacklist).toEqual([{ id: entry.id, status: "ACTIVE", underObjection: true }]);
    expect(expectData(await t.gql<any>(DECIDE, { id: filed.id, uphold: true }, em)).decideObjection.status).toBe("UPHELD");

    const after = expectData(await t.gql<any>(LISTED, { c }, credit)).enterprise;
    expect(after.onBlacklist).toBe(false);
    expect(after.blacklist).toEqual([{ id: entry.id, status: "REMOVED", underObjection: false }]);
    expect(after.creditGrade.grade).toBe("A");
    expect(after.riskAssessment.factors.map((f: { signal: string }) => f.signal)).not.toContain("BLACKLIST");
    const tasks = (await t.gql<any>(TASKS, {}, em)).data!.sanctionTasks.edges.filter((e: any) => e.node.blacklistEntry.id === entry.id);
    expect(tasks.map((e: any) => e.node.status)).toEqual(open.map(() => "CLOSED"));
  });

  it("upheld on a penalty revokes it with the objection as the reason", async () => {
    const c = await createEnterprise(t);
    const penalty = await recordPenalty(t, em, c);
    const filed = expectData(await t.gql<any>(FILE, objection(c, "PENALTY", penalty.id), credit)).fileObjection;
    expectData(await t.gql<any>(DECIDE, { id: filed.id, uphold: true }, credit));
    expect(await t.sql(`SELECT revoked_at IS NOT NULL AS revoked, revoked_reason AS reason FROM penalty WHERE id = $1`, [penalty.id]))
      .toEqual([{ revoked: true, reason: `Objection ${filed.trackingNumber} upheld: 经复核，异议成立` }]);
  });

  it("withdrawal is the filer's alone; objections() follows the row rule and tells overdue ones once the due date has passed", async () => {
    const c = await createEnterprise(t);
    const subject = await t.subject(c);
    const [first, second] = [await recordPenalty(t, em, c), await recordPenalty(t, em, c)];
    const mine = expectData(await t.gql<any>(FILE, objection(c, "PENALTY", first.id), subject)).fileObjection;
    const byTransport = expectData(await t.gql<any>(FILE, objection(c, "PENALTY", second.id), transport)).fileObjection;
    expect(code(await t.gql(WITHDRAW, { id: mine.id }, transport))).toBe("FORBIDDEN");
    expect(code(await t.gql(WITHDRAW, { id: byTransport.id }, subject))).toBe("FORBIDDEN");

    const ids = async (token: string, vars: Record<string, unknown> = {}) =>
      expectData(await t.gql<any>(LIST, vars, token)).objections.edges.map((e: any) => e.node.id).filter((id: string) => [mine.id, byTransport.id].includes(id)).sort();
    expect(await ids(subject)).toEqual([mine.id, byTransport.id].sort());
    expect(await ids(em)).toEqual([mine.id, byTransport.id].sort()); // the responsible department
    expect(await ids(transport)).toEqual([byTransport.id]); // its own filing only
    expect(await ids(await t.agency("FINANCE"))).toEqual([]);
    expect(code(await t.gql(LIST, {}))).toBe("FORBIDDEN");

    setClockOffsetDays(15);
    expect(await ids(subject, { overdue: true })).toEqual([mine.id, byTransport.id].sort());
    expect(expectData(await t.gql<any>(WITHDRAW, { id: mine.id }, subject)).withdrawObjection.status).toBe("WITHDRAWN");
    expect(await ids(subject, { overdue: true })).toEqual([byTransport.id]);
    expect(await ids(subject, { status: "WITHDRAWN" })).toEqual([mine.id]);
    expect(code(await t.gql(WITHDRAW, { id: mine.id }, subject))).toBe("CONFLICT");
  });
});
