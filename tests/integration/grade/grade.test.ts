import { DEFAULT_RISK_WEIGHTS, loadConfig } from "../../../src/config";
import { GradeService } from "../../../src/modules/grade/grade.service";
import { RiskService } from "../../../src/modules/risk/risk.service";
import { StandingService, scoringSettings } from "../../../src/modules/standing/standing.service";
import { addDays, setClockOffsetDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, expectData, recordPenalty } from "../../helpers/factories";
import { runHubCli } from "../../helpers/cli";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const GRADE = `query($c: CreditCode!) { enterprise(creditCode: $c) {
  creditGrade { grade supervisionLevel inspectionsPerYear effectiveFrom factors { code description } }
  creditGradeHistory { grade supervisionLevel inspectionsPerYear effectiveFrom factors { code } } } }`;
const ACCIDENT = `mutation($input: AccidentInput!) { recordAccident(input: $input) { id } }`;
const WATCH = `query($c: CreditCode!) { enterprise(creditCode: $c) { watchlist { id status } } }`;

// POLICY.md, Credit grade: the supervision each grade brings, written here rather than read back.
const SUPERVISION: Record<string, { supervisionLevel: string; inspectionsPerYear: number }> = {
  A: { supervisionLevel: "RELAXED", inspectionsPerYear: 1 },
  B: { supervisionLevel: "NORMAL", inspectionsPerYear: 2 },
  C: { supervisionLevel: "FOCUSED", inspectionsPerYear: 6 },
  D: { supervisionLevel: "STRICT", inspectionsPerYear: 12 },
};

describe("credit grade (分类分级)", () => {
  let t: TestHub;
  let em: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterEach(() => setClockOffsetDays(0));
  afterAll(() => t.stop());

  const grade = async (code: string) => expectData(await t.gql<any>(GRADE, { c: code }, em)).enterprise;
  const accident = async (code: string, level: string, daysAgo: number) =>
    expectData(await t.gql(ACCIDENT, { input: { creditCode: code, occurredOn: addDays(today(), -daysAgo), level, deaths: 0, injuries: 1, description: "事故" } }, em));
  const codes = (g: any) => g.creditGrade.factors.map((f: any) => f.code);

  /**
   * The enterprise's grade with the supervision POLICY.md ties to it, the factors that applied
   * (sorted) and the grades of its history, oldest first; each history row carries its own
   * supervision too.
   */
  async function standing(code: string) {
    const g = await grade(code);
    for (const h of g.creditGradeHistory) {
      expect({ grade: h.grade, supervisionLevel: h.supervisionLevel, inspectionsPerYear: h.inspectionsPerYear }).toEqual({ grade: h.grade, ...SUPERVISION[h.grade] });
    }
    const last = g.creditGradeHistory[g.creditGradeHistory.length - 1];
    // The newest history row is the current grade.
    expect({ grade: last.grade, effectiveFrom: last.effectiveFrom }).toEqual({ grade: g.creditGrade.grade, effectiveFrom: g.creditGrade.effectiveFrom });
    return {
      grade: g.creditGrade.grade,
      supervisionLevel: g.creditGrade.supervisionLevel,
      inspectionsPerYear: g.creditGrade.inspectionsPerYear,
      factors: [...codes(g)].sort(),
      history: g.creditGradeHistory.map((h: any) => h.grade),
    };
  }
  const expected = (grade: string, factors: string[], history: string[]) => ({ grade, ...SUPERVISION[grade], factors: [...factors].sort(), history });

  it("starts an enterprise at A / RELAXED / 1 inspection, with its first history row", async () => {
    const code = await createEnterprise(t);
    expect(await grade(code)).toEqual({
      creditGrade: { grade: "A", supervisionLevel: "RELAXED", inspectionsPerYear: 1, effectiveFrom: today(), factors: [] },
      creditGradeHistory: [{ grade: "A", supervisionLevel: "RELAXED", inspectionsPerYear: 1, effectiveFrom: today(), factors: [] }],
    });
  });

  it("D / STRICT / 12 while an ACTIVE blacklist entry stands, and back to A when it is removed", async () => {
    const code = await createEnterprise(t);
    const [entry] = (await blacklist(t, em, code)).filter((e: any) => e.subjectType === "ENTERPRISE");
    expect(await standing(code)).toEqual(expected("D", ["BLACKLISTED"], ["A", "D"]));
    expectData(await t.gql(`mutation($id: ID!) { removeFromBlacklist(id: $id, reason: "行政复议撤销认定") { status } }`, { id: entry.id }, em));
    expect(await standing(code)).toEqual(expected("A", [], ["A", "D", "A"]));
  });

  it("D / STRICT / 12 on a MAJOR or an ESPECIALLY_MAJOR accident in 3 years, not on an older one", async () => {
    const major = await createEnterprise(t);
    await accident(major, "MAJOR", 1000);
    expect(await standing(major)).toEqual(expected("D", ["MAJOR_ACCIDENT_3Y"], ["A", "D"]));

    const especially = await createEnterprise(t);
    await accident(especially, "ESPECIALLY_MAJOR", 10);
    expect(await standing(especially)).toEqual(expected("D", ["MAJOR_ACCIDENT_3Y"], ["A", "D"]));

    const old = await createEnterprise(t);
    await accident(old, "ESPECIALLY_MAJOR", 365 * 3 + 5);
    await accident(old, "MAJOR", 365 * 3 + 5);
    expect(await standing(old)).toEqual(expected("A", [], ["A"]));
  });

  it("C / FOCUSED / 6 while an ACTIVE watchlist entry stands, and back to A when it is removed", async () => {
    const code = await createEnterprise(t);
    const added = expectData(await t.gql<any>(`mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id } }`,
      { input: { creditCode: code, reason: "隐患整改不到位" } }, em)).addToWatchlist;
    expect(await standing(code)).toEqual(expected("C", ["WATCHLISTED"], ["A", "C"]));
    expectData(await t.gql(`mutation($id: ID!) { removeFromWatchlist(id: $id, reason: "整改完成") { status } }`, { id: added.id }, em));
    expect(await standing(code)).toEqual(expected("A", [], ["A", "C", "A"]));
  });

  it("C / FOCUSED / 6 on a LARGER accident in 3 years, not on an older one", async () => {
    const code = await createEnterprise(t);
    await accident(code, "LARGER", 700);
    expect(await standing(code)).toEqual(expected("C", ["LARGER_ACCIDENT_3Y"], ["A", "C"]));
    const old = await createEnterprise(t);
    await accident(old, "LARGER", 365 * 3 + 5);
    expect(await standing(old)).toEqual(expected("A", [], ["A"]));
  });

  it("C / FOCUSED / 6 on 3 penalties in 365 days without a watchlist entry; B again when one is revoked", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decidedOn: addDays(today(), -30) });
    expect(await standing(code)).toEqual(expected("B", ["PENALTY_365D"], ["A", "B"]));
    await recordPenalty(t, em, code, { decidedOn: addDays(today(), -20) });
    const third = await recordPenalty(t, em, code, { decidedOn: addDays(today(), -10) });
    // The second penalty listed it automatically; removing that entry leaves the penalties alone.
    const [watch] = expectData(await t.gql<any>(WATCH, { c: code }, em)).enterprise.watchlist;
    expect(watch.status).toBe("ACTIVE");
    expectData(await t.gql(`mutation($id: ID!) { removeFromWatchlist(id: $id, reason: "整改完成") { status } }`, { id: watch.id }, em));
    expect(await standing(code)).toEqual(expected("C", ["PENALTIES_3_IN_365D", "PENALTY_365D"], ["A", "B", "C"]));
    expectData(await t.gql(`mutation($id: ID!) { revokePenalty(id: $id, reason: "撤销") { id } }`, { id: third.id }, em));
    expect(await standing(code)).toEqual(expected("B", ["PENALTY_365D"], ["A", "B", "C", "B"]));

    // Moved into C by the penalties alone: an ACTIVE blacklist entry keeps the automatic watchlist
    // rule from listing it, and its removal leaves the three penalties.
    const listed = await createEnterprise(t);
    const [entry] = (await blacklist(t, em, listed)).filter((e: any) => e.subjectType === "ENTERPRISE");
    for (const d of [10, 20, 30]) await recordPenalty(t, em, listed, { decidedOn: addDays(today(), -d) });
    expect(await standing(listed)).toEqual(expected("D", ["BLACKLISTED", "PENALTIES_3_IN_365D", "PENALTY_365D"], ["A", "D"]));
    expectData(await t.gql(`mutation($id: ID!) { removeFromBlacklist(id: $id, reason: "行政复议撤销认定") { status } }`, { id: entry.id }, em));
    expect(expectData(await t.gql<any>(WATCH, { c: listed }, em)).enterprise.watchlist).toEqual([]);
    expect(await standing(listed)).toEqual(expected("C", ["PENALTIES_3_IN_365D", "PENALTY_365D"], ["A", "D", "C"]));
  });

  it("C / FOCUSED / 6 on a commitment breach verified in 365 days", async () => {
    const code = await createEnterprise(t);
    const c = expectData(await t.gql<any>(`mutation($input: CommitmentInput!) { recordCommitment(input: $input) { id } }`,
      { input: { creditCode: code, kind: "QUALIFICATION", content: "如实申报", committedOn: addDays(today(), -50) } }, em));
    expect(await standing(code)).toEqual(expected("A", [], ["A"]));
    expectData(await t.gql(`mutation($input: CommitmentBreachInput!) { recordCommitmentBreach(input: $input) { id } }`,
      { input: { commitmentId: c.recordCommitment.id, verifiedOn: today(), description: "虚假申报" } }, em));
    expect(await standing(code)).toEqual(expected("C", ["BREACHED_COMMITMENT_365D"], ["A", "C"]));
  });

  it("B / NORMAL / 2 on a penalty or an ORDINARY accident in 365 days, not on older ones", async () => {
    const penalised = await createEnterprise(t);
    await recordPenalty(t, em, penalised, { decidedOn: addDays(today(), -100) });
    expect(await standing(penalised)).toEqual(expected("B", ["PENALTY_365D"], ["A", "B"]));

    const ordinary = await createEnterprise(t);
    await accident(ordinary, "ORDINARY", 30);
    expect(await standing(ordinary)).toEqual(expected("B", ["ORDINARY_ACCIDENT_365D"], ["A", "B"]));

    const old = await createEnterprise(t);
    await recordPenalty(t, em, old, { decidedOn: addDays(today(), -366) });
    await accident(old, "ORDINARY", 366);
    expect(await standing(old)).toEqual(expected("A", [], ["A"]));
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
    expect(await t.hub.services.standing.refreshAll({ onlyIfDue: true })).toEqual({ enterprises: 0, upToDate: true });

    // A shorter interval than a day makes it due again once that much time has passed.
    expect((await t.hub.services.standing.refreshAll({ onlyIfDue: true, maxAgeHours: 0 }))?.enterprises).toBeGreaterThan(0);
    // Intervals may be fractions of an hour (HUB_REFRESH_INTERVAL_HOURS=0.5).
    expect(await t.hub.services.standing.refreshAll({ onlyIfDue: true, maxAgeHours: 0.5 })).toEqual({ enterprises: 0, upToDate: true });

    // Restarted with other risk weights: due the same day, and scored with them.
    const db = t.hub.database.dataSource;
    const heavier = { weights: { ...DEFAULT_RISK_WEIGHTS, PENALTY: 30 }, thresholds: [25, 50, 75] as const };
    const rules = loadConfig({}).rules;
    const reweighted = new StandingService(db, new GradeService(rules.grade), new RiskService(db, heavier, rules.riskWindowDays), scoringSettings(heavier, rules));
    expect((await reweighted.refreshAll({ onlyIfDue: true }))?.enterprises).toBeGreaterThan(0);
    expect(await reweighted.refreshAll({ onlyIfDue: true })).toEqual({ enterprises: 0, upToDate: true });
    expect(await t.hub.services.standing.refreshAll({ onlyIfDue: true }).then((r) => r?.upToDate)).toBeUndefined();
  });

  const hubCli = async (...args: string[]) => (await runHubCli(t.databaseEnv, ...args)).output;

  it("`hub refresh` brings a grade up to date once a penalty ages out, and a second run adds no history", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decidedOn: addDays(today(), -364) });
    expect(await standing(code)).toEqual(expected("B", ["PENALTY_365D"], ["A", "B"]));

    // 365 days after the decision it still counts ("on or after today − 365").
    setClockOffsetDays(1);
    expect(await hubCli("refresh")).toMatch(/^refreshed \d+ enterprises/);
    expect(await standing(code)).toEqual(expected("B", ["PENALTY_365D"], ["A", "B"]));

    setClockOffsetDays(2);
    expect(await standing(code)).toEqual(expected("B", ["PENALTY_365D"], ["A", "B"]));
    expect(await hubCli("refresh")).toMatch(/^refreshed \d+ enterprises in \d+\.\d s$/);
    expect(await standing(code)).toEqual(expected("A", [], ["A", "B", "A"]));
    expect((await grade(code)).creditGrade.effectiveFrom).toBe(today());

    const rows = async () => (await t.sql(`SELECT count(*)::int AS n FROM credit_grade_history`))[0].n;
    const before = await rows();
    expect(await hubCli("refresh")).toMatch(/^refreshed \d+ enterprises/);
    expect(await rows()).toBe(before);
    expect(await standing(code)).toEqual(expected("A", [], ["A", "B", "A"]));
  });

  it("shows the public the grade and its date only", async () => {
    const code = await createEnterprise(t);
    const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name creditGrade { grade effectiveFrom factors { code } } } }`, { c: code });
    expect(res.data?.enterprise.creditGrade).toBeNull();
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[["enterprise", "creditGrade", "factors"], "FORBIDDEN"]]);
    const open = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { creditGrade { grade effectiveFrom } } }`, { c: code });
    expect(open.errors).toBeUndefined();
    expect(open.data?.enterprise.creditGrade).toEqual({ grade: expect.any(String), effectiveFrom: expect.any(String) });
  });
});
