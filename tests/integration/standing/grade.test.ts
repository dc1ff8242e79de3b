import { addDays, setClockOffsetDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, recordPenalty } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const GRADE = `query($c: CreditCode!) { enterprise(creditCode: $c) {
  creditGrade { grade supervisionLevel inspectionsPerYear effectiveFrom factors { code description } }
  creditGradeHistory { grade effectiveFrom } } }`;
const ACCIDENT = `mutation($input: AccidentInput!) { recordAccident(input: $input) { id } }`;

describe("credit grade (分类分级)", () => {
  let t: TestHub;
  let em: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterEach(() => setClockOffsetDays(0));
  afterAll(() => t.stop());

  const grade = async (code: string) => (await t.gql(GRADE, { c: code }, em)).data?.enterprise;
  const accident = (code: string, level: string, daysAgo: number) =>
    t.gql(ACCIDENT, { input: { creditCode: code, occurredOn: addDays(today(), -daysAgo), level, deaths: 0, injuries: 1, description: "事故" } }, em);
  const codes = (g: any) => g.creditGrade.factors.map((f: any) => f.code);

  it("starts an enterprise at A / RELAXED / 1 inspection, with its first history row", async () => {
    const code = await createEnterprise(t);
    expect(await grade(code)).toEqual({
      creditGrade: { grade: "A", supervisionLevel: "RELAXED", inspectionsPerYear: 1, effectiveFrom: today(), factors: [] },
      creditGradeHistory: [{ grade: "A", effectiveFrom: today() }],
    });
  });

  it("moves to B / NORMAL / 2 on a penalty in 365 days, and on an ORDINARY accident", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decidedOn: addDays(today(), -100) });
    const g = await grade(code);
    expect(g.creditGrade).toMatchObject({ grade: "B", supervisionLevel: "NORMAL", inspectionsPerYear: 2 });
    expect(codes(g)).toEqual(["PENALTY_365D"]);
    expect(g.creditGradeHistory.map((h: any) => h.grade)).toEqual(["A", "B"]);

    const other = await createEnterprise(t);
    await accident(other, "ORDINARY", 30);
    expect(codes(await grade(other))).toEqual(["ORDINARY_ACCIDENT_365D"]);
  });

  it("moves to C / FOCUSED / 6 on a LARGER accident, on the watchlist, on 3 penalties, on a breached commitment", async () => {
    const larger = await createEnterprise(t);
    await accident(larger, "LARGER", 700);
    expect((await grade(larger)).creditGrade).toMatchObject({ grade: "C", supervisionLevel: "FOCUSED", inspectionsPerYear: 6 });

    const penalised = await createEnterprise(t);
    for (const d of [10, 20, 30]) await recordPenalty(t, em, penalised, { decidedOn: addDays(today(), -d) });
    const g = await grade(penalised);
    expect(g.creditGrade.grade).toBe("C");
    expect(codes(g)).toEqual(["WATCHLISTED", "PENALTIES_3_IN_365D", "PENALTY_365D"]);
    expect(g.creditGradeHistory.map((h: any) => h.grade)).toEqual(["A", "B", "C"]);

    const committed = await createEnterprise(t);
    const c = await t.gql(`mutation($input: CommitmentInput!) { recordCommitment(input: $input) { id } }`,
      { input: { creditCode: committed, kind: "QUALIFICATION", content: "如实申报", committedOn: addDays(today(), -50) } }, em);
    await t.gql(`mutation($input: CommitmentBreachInput!) { recordCommitmentBreach(input: $input) { id } }`,
      { input: { commitmentId: c.data?.recordCommitment.id, verifiedOn: today(), description: "虚假申报" } }, em);
    expect(codes(await grade(committed))).toEqual(["BREACHED_COMMITMENT_365D"]);
  });

  it("moves to D / STRICT / 12 on an ACTIVE blacklist entry and on a MAJOR accident in 3 years", async () => {
    const listed = await createEnterprise(t);
    await blacklist(t, em, listed);
    expect((await grade(listed)).creditGrade).toMatchObject({ grade: "D", supervisionLevel: "STRICT", inspectionsPerYear: 12 });

    const major = await createEnterprise(t);
    await accident(major, "MAJOR", 1000);
    expect(codes(await grade(major))).toEqual(["MAJOR_ACCIDENT_3Y"]);
    const old = await createEnterprise(t);
    await accident(old, "MAJOR", 365 * 3 + 5);
    expect((await grade(old)).creditGrade.grade).toBe("A");
  });

  it("reflects a penalty leaving the 365-day window after `refresh`, and a second refresh changes nothing", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decidedOn: addDays(today(), -300) });
    expect((await grade(code)).creditGrade.grade).toBe("B");

    setClockOffsetDays(70);
    // Stored, not recomputed per read: still B until the refresh runs.
    expect((await grade(code)).creditGrade.grade).toBe("B");
    await t.hub.services.standing.refreshAll();
    const after = await grade(code);
    expect(after.creditGrade).toMatchObject({ grade: "A", effectiveFrom: today() });
    expect(after.creditGradeHistory.map((h: any) => h.grade)).toEqual(["A", "B", "A"]);
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM credit_grade_history`);
    await t.hub.services.standing.refreshAll();
    expect((await t.sql(`SELECT count(*)::int AS n FROM credit_grade_history`))[0].n).toBe(n);

    // The scheduler's run: nothing to do once today's refresh completed, due again tomorrow.
    expect(await t.hub.services.standing.refreshAll({ onlyIfDue: true })).toEqual({ enterprises: 0, upToDate: true });
    setClockOffsetDays(71);
    expect((await t.hub.services.standing.refreshAll({ onlyIfDue: true }))?.enterprises).toBeGreaterThan(0);
  });

  it("is closed to the public", async () => {
    const code = await createEnterprise(t);
    const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name creditGrade { grade } } }`, { c: code });
    expect(res.data?.enterprise.creditGrade).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
