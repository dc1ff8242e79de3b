import { addDays, today } from "../../../src/shared/clock";
import { createEnterprise, expectData, recordPenalty, setPerson } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const ACCIDENT = `mutation($input: AccidentInput!) { recordAccident(input: $input) { id } }`;
const PROFILE = `query($c: CreditCode!) { enterprise(creditCode: $c) {
  creditCode accidents { id } creditGrade { grade supervisionLevel factors { code } }
  penalties { totalCount edges { node { id severity isPublic agency { department } } } }
  responsiblePersons { role person { name idNumberMasked } } } }`;
const MINE = `{ myEnterprise { creditCode name } me { id } }`;
const RISK = `query($c: CreditCode!) { enterprise(creditCode: $c) { riskAssessment { score } sanctionFeedback { totalCount } } }`;

const codes = (res: { errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => `${e.path?.join(".")}:${e.extensions?.code}`).sort();

/** An enterprise holding its own key: SUBJECT for its own record, the public for anyone else's. */
describe("the SUBJECT audience", () => {
  let t: TestHub;
  let em: string;
  let own: string;
  let other: string;
  let key: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    own = await createEnterprise(t);
    other = await createEnterprise(t);
    for (const code of [own, other]) {
      await setPerson(t, em, code, "LEGAL_REPRESENTATIVE");
      await setPerson(t, em, code, "SAFETY_HEAD", { name: "李强" });
      // A MINOR penalty (a warning) is never public; a department and the subject read it.
      await recordPenalty(t, em, code, { penaltyTypes: ["WARNING"], fineAmount: null, decidedOn: addDays(today(), -10) });
      expectData(await t.gql(ACCIDENT, { input: { creditCode: code, occurredOn: addDays(today(), -5), level: "ORDINARY", deaths: 0, injuries: 1, description: "机械伤害" } }, em));
    }
    key = await t.subject(own);
  });
  afterAll(() => t.stop());

  it("reads its own record with the departments' field set: accidents, grade detail, MINOR penalties, every post holder, masked ID numbers", async () => {
    const mine = await t.gql(PROFILE, { c: own }, key);
    expect(mine.errors).toBeUndefined();
    const e = mine.data!.enterprise;
    expect(e.accidents).toHaveLength(1);
    expect(e.creditGrade).toMatchObject({ grade: "B", supervisionLevel: "NORMAL", factors: expect.arrayContaining([{ code: "PENALTY_365D" }]) });
    expect(e.penalties.totalCount).toBe(1);
    expect(e.penalties.edges[0].node).toMatchObject({ severity: "MINOR", isPublic: false, agency: { department: "EMERGENCY_MANAGEMENT" } });
    expect(e.responsiblePersons.map((r: { role: string }) => r.role).sort()).toEqual(["LEGAL_REPRESENTATIVE", "SAFETY_HEAD"]);
    expect(e.responsiblePersons[0].person.idNumberMasked).toMatch(/\*/);
    // What a department reads and the public does not: the same answer as the department's.
    const department = await t.gql(PROFILE, { c: own }, em);
    expect(e.penalties).toEqual(department.data!.enterprise.penalties);
  });

  it("reads any other enterprise as the public does", async () => {
    const theirs = await t.gql(PROFILE, { c: other }, key);
    const publicView = await t.gql(PROFILE, { c: other });
    expect(theirs).toEqual(publicView);
    expect(codes(theirs)).toEqual(
      // (creditGrade is nulled by its first denied non-null field, so factors is not reached.)
      ["accidents", "creditGrade.supervisionLevel", "responsiblePersons.0.person.idNumberMasked"]
        .map((p) => `enterprise.${p}:FORBIDDEN`).sort(),
    );
    expect(theirs.data!.enterprise.penalties.totalCount).toBe(0);
    expect(theirs.data!.enterprise.responsiblePersons.map((r: { role: string }) => r.role)).toEqual(["LEGAL_REPRESENTATIVE"]);
  });

  it("is never shown the risk assessment or the departments' sanction feedback, even its own", async () => {
    expect(codes(await t.gql(RISK, { c: own }, key))).toEqual(["enterprise.riskAssessment:FORBIDDEN", "enterprise.sanctionFeedback:FORBIDDEN"]);
  });

  it("finds its own record under myEnterprise, which is null for every other caller", async () => {
    expect((await t.gql(MINE, {}, key)).data).toEqual({ myEnterprise: { creditCode: own, name: expect.any(String) }, me: null });
    expect((await t.gql(MINE, {}, em)).data).toEqual({ myEnterprise: null, me: { id: expect.any(String) } });
    expect((await t.gql(MINE, {})).data).toEqual({ myEnterprise: null, me: null });
  });

  it("writes no facts, and may not filter the enterprise list by the watchlist", async () => {
    const write = await t.gql(`mutation($input: PenaltyInput!) { recordPenalty(input: $input) { id } }`, {
      input: { creditCode: own, decisionNumber: "自罚〔2026〕1号", decidedOn: today(), violation: "x", penaltyTypes: ["FINE"], fineAmount: "10000" },
    }, key);
    expect(write.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const filter = await t.gql(`{ enterprises(filter: { onWatchlist: true }) { totalCount } }`, {}, key);
    expect(filter.errors?.[0]).toMatchObject({ path: ["enterprises"], extensions: { code: "FORBIDDEN" } });
    expect(await t.sql(`SELECT count(*)::int AS n FROM penalty pe JOIN enterprise e ON e.id = pe.enterprise_id WHERE e.credit_code = $1`, [own]))
      .toEqual([{ n: 1 }]);
  });

  it("is UNAUTHENTICATED (401) with a revoked or unknown subject key, never public", async () => {
    const code = await createEnterprise(t);
    const revokedKey = await t.subject(code);
    const [{ id }] = await t.sql(`SELECT k.id FROM subject_key k JOIN enterprise e ON e.id = k.enterprise_id WHERE e.credit_code = $1`, [code]);
    expect((await t.gql(MINE, {}, revokedKey)).data?.myEnterprise).toEqual({ creditCode: code, name: expect.any(String) });
    await t.sql(`UPDATE subject_key SET revoked_at = now() WHERE id = $1`, [id]);
    for (const token of [revokedKey, `hubs_${"A".repeat(43)}`]) {
      const res = await t.gql(MINE, {}, token);
      expect([res.status, res.errors?.[0].extensions?.code]).toEqual([401, "UNAUTHENTICATED"]);
    }
  });
});
