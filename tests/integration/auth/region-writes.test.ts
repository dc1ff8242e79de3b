import { today } from "../../../src/shared/clock";
import { ADD_TO_BLACKLIST, RECORD_PENALTY, SET_PERSON, UPSERT, blacklist, createEnterprise, expectData, recordPenalty } from "../../helpers/factories";
import { newIdNumber } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const REVOKE = `mutation($id: ID!) { revokePenalty(id: $id, reason: "复议撤销") { id revoked } }`;
const COMMITMENT = `mutation($input: CommitmentInput!) { recordCommitment(input: $input) { id } }`;
const BREACH = `mutation($input: CommitmentBreachInput!) { recordCommitmentBreach(input: $input) { id status } }`;
const ACCIDENT = `mutation($input: AccidentInput!) { recordAccident(input: $input) { id } }`;
const WATCH = `mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id status } }`;
const UNWATCH = `mutation($id: ID!) { removeFromWatchlist(id: $id, reason: "整改完毕") { id status } }`;
const ESCALATE = `mutation($id: ID!, $input: BlacklistInput!) { escalateWatchlistEntry(id: $id, input: $input) { id status } }`;
const UNLIST = `mutation($id: ID!) { removeFromBlacklist(id: $id, reason: "决定撤销") { id status } }`;

const SUZHOU_COUNTY = "320505";
const ok = (res: Parameters<typeof expectData>[0]) => expectData<Record<string, any>>(res as { data?: Record<string, any> | null });
const NANJING_COUNTY = "320102";

describe("region write rule: a city agency records facts only about enterprises of its city", () => {
  let t: TestHub;
  let nanjingMr: string;
  let nanjingEm: string;
  let suzhouEm: string;
  let provinceMr: string;
  let provinceEm: string;
  let suzhou: string;
  let nanjing: string;
  let suzhouPenaltyId: string;
  let suzhouCommitmentId: string;
  let watchedSuzhou: string;
  let suzhouWatchEntryId: string;
  let suzhouBlacklistEntryId: string;

  beforeAll(async () => {
    t = await startTestHub();
    nanjingMr = await t.agency("MARKET_REGULATION", { region: "320100" });
    nanjingEm = await t.agency("EMERGENCY_MANAGEMENT", { region: "320100" });
    suzhouEm = await t.agency("EMERGENCY_MANAGEMENT", { region: "320500" });
    provinceMr = await t.agency("MARKET_REGULATION", { region: "320000" });
    provinceEm = await t.agency("EMERGENCY_MANAGEMENT", { region: "320000" });
    suzhou = await createEnterprise(t, { regionCode: SUZHOU_COUNTY, name: "苏州测试化工有限公司" });
    nanjing = await createEnterprise(t, { regionCode: NANJING_COUNTY });
    // Facts recorded by Suzhou's own emergency management bureau, which Nanjing's bureau (same
    // department) must not revoke, breach, remove or escalate.
    suzhouPenaltyId = (await recordPenalty(t, suzhouEm, suzhou)).id;
    suzhouCommitmentId = ok(
      await t.gql(COMMITMENT, { input: { creditCode: suzhou, kind: "QUALIFICATION", content: "如实申报", committedOn: today() } }, suzhouEm),
    ).recordCommitment.id;
    watchedSuzhou = await createEnterprise(t, { regionCode: SUZHOU_COUNTY });
    suzhouWatchEntryId = ok(await t.gql(WATCH, { input: { creditCode: watchedSuzhou, reason: "重大隐患" } }, suzhouEm)).addToWatchlist.id;
    const listedSuzhou = await createEnterprise(t, { regionCode: SUZHOU_COUNTY });
    suzhouBlacklistEntryId = (await blacklist(t, suzhouEm, listedSuzhou, { includeRoles: [] }))[0].id;
  });
  afterAll(() => t.stop());

  /**
   * Every table but the access log (a refused attempt is itself logged, by design), as row
   * counts and digests: a refused write must leave all of them as they were.
   */
  async function snapshot(): Promise<Record<string, string>> {
    const tables: { name: string }[] = await t.sql(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
         AND table_name NOT IN ('access_record', 'access_chain_head', 'migrations')
       ORDER BY 1`,
    );
    expect(tables.map((r) => r.name)).toEqual(expect.arrayContaining(["enterprise", "penalty", "blacklist_entry", "sanction_task"]));
    const digest: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await t.sql(`SELECT count(*) AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${name}" x`);
      digest[name] = `${row.n}:${row.h}`;
    }
    return digest;
  }

  async function expectRefused(query: string, variables: Record<string, unknown>, token: string) {
    const before = await snapshot();
    const res = await t.gql(query, variables, token);
    expect(res.status).toBe(200);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(res.data ?? null).toBeNull();
    expect(await snapshot()).toEqual(before);
  }

  const suzhouBlacklistInput = (creditCode: string) => ({
    creditCode, decisionNumber: `宁应急黑〔2026〕${Math.floor(Math.random() * 1e9)}号`, ground: "MAJOR_ACCIDENT",
    reason: "发生重大生产安全事故", listedOn: today(), includeRoles: [],
  });

  it("lets a city agency write about enterprises of its own city (the refusals below are about region only)", async () => {
    ok(await t.gql(UPSERT, { input: { creditCode: nanjing, name: "南京改名化工有限公司", regionCode: "320104", sector: "HAZARDOUS_CHEMICALS" } }, nanjingMr));
    await recordPenalty(t, nanjingEm, nanjing);
    const [row] = await t.sql(`SELECT name, region_code AS "regionCode" FROM enterprise WHERE credit_code = $1`, [nanjing]);
    expect(row).toEqual({ name: "南京改名化工有限公司", regionCode: "320104" });
  });

  it.each<[string, () => [string, Record<string, unknown>, () => string]]>([
    ["upsertEnterprise updating another city's enterprise", () => [UPSERT,
      { input: { creditCode: suzhou, name: "改名", regionCode: SUZHOU_COUNTY, sector: "OTHER" } }, () => nanjingMr]],
    ["upsertEnterprise moving another city's enterprise into its own city", () => [UPSERT,
      { input: { creditCode: suzhou, name: "苏州测试化工有限公司", regionCode: NANJING_COUNTY, sector: "HAZARDOUS_CHEMICALS" } }, () => nanjingMr]],
    ["upsertEnterprise moving its own enterprise to another city", () => [UPSERT,
      { input: { creditCode: nanjing, name: "南京改名化工有限公司", regionCode: SUZHOU_COUNTY, sector: "HAZARDOUS_CHEMICALS" } }, () => nanjingMr]],
    ["setResponsiblePerson", () => [SET_PERSON,
      { input: { creditCode: suzhou, role: "LEGAL_REPRESENTATIVE", name: "李强", idNumber: newIdNumber() } }, () => nanjingEm]],
    ["recordPenalty", () => [RECORD_PENALTY,
      { input: { creditCode: suzhou, decisionNumber: "宁应急罚〔2026〕1号", decidedOn: today(), violation: "未落实安全生产责任制", penaltyTypes: ["WARNING"] } }, () => nanjingEm]],
    ["revokePenalty of its department's penalty recorded in another city", () => [REVOKE, { id: suzhouPenaltyId }, () => nanjingEm]],
    ["recordCommitment", () => [COMMITMENT,
      { input: { creditCode: suzhou, kind: "MARKET_ACCESS", content: "守法经营", committedOn: today() } }, () => nanjingEm]],
    ["recordCommitmentBreach of its department's commitment accepted in another city", () => [BREACH,
      { input: { commitmentId: suzhouCommitmentId, description: "虚假申报", verifiedOn: today() } }, () => nanjingEm]],
    ["recordAccident", () => [ACCIDENT,
      { input: { creditCode: suzhou, level: "ORDINARY", occurredOn: today(), deaths: 0, injuries: 1, description: "机械伤害" } }, () => nanjingEm]],
    ["addToWatchlist", () => [WATCH, { input: { creditCode: suzhou, reason: "重大隐患" } }, () => nanjingEm]],
    ["removeFromWatchlist of its department's entry in another city", () => [UNWATCH, { id: suzhouWatchEntryId }, () => nanjingEm]],
    ["escalateWatchlistEntry in another city", () => [ESCALATE, { id: suzhouWatchEntryId, input: suzhouBlacklistInput(watchedSuzhou) }, () => nanjingEm]],
    ["addToBlacklist", () => [ADD_TO_BLACKLIST, { input: suzhouBlacklistInput(suzhou) }, () => nanjingEm]],
    ["removeFromBlacklist of its department's entry in another city", () => [UNLIST, { id: suzhouBlacklistEntryId }, () => nanjingEm]],
  ])("refuses a Nanjing agency %s: FORBIDDEN, nothing written", async (_label, make) => {
    const [query, variables, token] = make();
    await expectRefused(query, variables, token());
  });

  it("leaves the Suzhou records as Suzhou wrote them", async () => {
    const [enterprise] = await t.sql(`SELECT name, region_code AS "regionCode" FROM enterprise WHERE credit_code = $1`, [suzhou]);
    expect(enterprise).toEqual({ name: "苏州测试化工有限公司", regionCode: SUZHOU_COUNTY });
    const [penalty] = await t.sql(`SELECT revoked_at AS "revokedAt" FROM penalty WHERE id = $1`, [suzhouPenaltyId]);
    expect(penalty).toEqual({ revokedAt: null });
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM penalty p JOIN enterprise e ON e.id = p.enterprise_id WHERE e.credit_code = $1`, [suzhou]);
    expect(n).toBe(1);
  });

  it("lets a province agency record the same facts about any city's enterprise", async () => {
    const target = await createEnterprise(t, { regionCode: SUZHOU_COUNTY });
    const penaltyId = (await recordPenalty(t, suzhouEm, target)).id;

    ok(await t.gql(UPSERT, { input: { creditCode: target, name: "省局更名有限公司", regionCode: SUZHOU_COUNTY, sector: "OTHER" } }, provinceMr));
    ok(await t.gql(SET_PERSON, { input: { creditCode: target, role: "LEGAL_REPRESENTATIVE", name: "王芳", idNumber: newIdNumber() } }, provinceEm));
    const revoked = ok(await t.gql(REVOKE, { id: penaltyId }, provinceEm)).revokePenalty;
    expect(revoked).toEqual({ id: penaltyId, revoked: true });
    await recordPenalty(t, provinceEm, target);
    ok(await t.gql(COMMITMENT, { input: { creditCode: target, kind: "MARKET_ACCESS", content: "守法经营", committedOn: today() } }, provinceEm));
    ok(await t.gql(ACCIDENT, { input: { creditCode: target, level: "ORDINARY", occurredOn: today(), deaths: 0, injuries: 1, description: "机械伤害" } }, provinceEm));
    const watch = ok(await t.gql(WATCH, { input: { creditCode: target, reason: "重大隐患" } }, provinceEm)).addToWatchlist;
    expect(watch.status).toBe("ACTIVE");
    const listed = ok(await t.gql(ADD_TO_BLACKLIST, { input: suzhouBlacklistInput(target) }, provinceEm)).addToBlacklist;
    expect(listed.map((e: any) => e.status)).toEqual(["ACTIVE"]);
    // Moving it to another city is the province's to do.
    ok(await t.gql(UPSERT, { input: { creditCode: target, name: "省局更名有限公司", regionCode: NANJING_COUNTY, sector: "OTHER" } }, provinceMr));

    const [row] = await t.sql(
      `SELECT e.name, e.region_code AS "regionCode",
         (SELECT count(*)::int FROM responsible_person rp WHERE rp.enterprise_id = e.id) AS persons,
         (SELECT count(*)::int FROM penalty p WHERE p.enterprise_id = e.id AND p.revoked_at IS NULL) AS "livePenalties",
         (SELECT count(*)::int FROM commitment c WHERE c.enterprise_id = e.id) AS commitments,
         (SELECT count(*)::int FROM accident a WHERE a.enterprise_id = e.id) AS accidents,
         (SELECT count(*)::int FROM watchlist_entry w WHERE w.enterprise_id = e.id) AS watchlist,
         (SELECT count(*)::int FROM blacklist_entry b WHERE b.enterprise_id = e.id) AS blacklist
       FROM enterprise e WHERE e.credit_code = $1`,
      [target],
    );
    expect(row).toEqual({
      name: "省局更名有限公司", regionCode: NANJING_COUNTY, persons: 1, livePenalties: 1, commitments: 1, accidents: 1, watchlist: 1, blacklist: 1,
    });
  });
});
