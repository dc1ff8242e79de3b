import { ConfigError, RULE_SETTINGS, loadConfig } from "../../../src/config";
import { addDays, addYears, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, expectData, recordPenalty } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const RULES = `{ rules { name value description } }`;
const PROFILE = `query($c: CreditCode!) { enterprise(creditCode: $c) { onWatchlist creditGrade { grade factors { code } } } }`;

/** The rules as configuration (issue 18): every period and threshold is a setting, listed, and changes outcomes. */
describe("rules as configuration", () => {
  let t: TestHub;
  let em: string;
  const changed = {
    HUB_WATCHLIST_PENALTIES: "3", HUB_GRADE_WINDOW_DAYS: "30", HUB_BLACKLIST_VALIDITY_YEARS: "5", HUB_REPAIR_BLACKLIST_DAYS: "0", HUB_REVIEW_WINDOW_DAYS: "30",
  };
  beforeAll(async () => {
    t = await startTestHub({ env: changed });
    em = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterAll(() => t.stop());

  it("lists every setting with the value in force, to departments only", async () => {
    const rules = expectData(await t.gql<any>(RULES, {}, em)).rules;
    expect(rules.map((r: any) => r.name)).toEqual(RULE_SETTINGS.map((r) => r.name));
    expect(rules).toContainEqual({ name: "HUB_WATCHLIST_PENALTIES", value: "3", description: expect.stringContaining("watchlist") });
    expect(rules).toContainEqual(expect.objectContaining({ name: "HUB_WATCHLIST_WINDOW_DAYS", value: "365" }));
    expect((await t.gql(RULES, {})).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses a bad value at start with one line naming it", () => {
    expect(() => loadConfig({ HUB_WATCHLIST_PENALTIES: "0", HUB_GRADE_WINDOW_DAYS: "x" })).toThrow(ConfigError);
    expect(() => loadConfig({ HUB_WATCHLIST_PENALTIES: "0", HUB_GRADE_WINDOW_DAYS: "x" })).toThrow(/HUB_WATCHLIST_PENALTIES="0".*; HUB_GRADE_WINDOW_DAYS="x"/);
  });

  it("lists an enterprise on the watchlist at the configured count (3 here, 2 by default)", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decidedOn: addDays(today(), -10) });
    await recordPenalty(t, em, code, { decidedOn: addDays(today(), -5) });
    expect(expectData(await t.gql<any>(PROFILE, { c: code }, em)).enterprise.onWatchlist).toBe(false);
    await recordPenalty(t, em, code, { decidedOn: today() });
    expect(expectData(await t.gql<any>(PROFILE, { c: code }, em)).enterprise.onWatchlist).toBe(true);
  });

  it("grades with the configured window, lists for the configured validity, lets a repair in after the configured wait and reviews with the configured window", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decidedOn: addDays(today(), -60) });
    // 60 days ago is outside a 30-day window: no PENALTY_365D, grade A (B with the default 365).
    expect(expectData(await t.gql<any>(PROFILE, { c: code }, em)).enterprise.creditGrade).toEqual({ grade: "A", factors: [] });
    const review = `query($c: [CreditCode!]!) { creditReview(creditCodes: $c, matter: GOVERNMENT_PROCUREMENT) { reasons { code } } }`;
    expect(expectData(await t.gql<any>(review, { c: [code] }, em)).creditReview[0].reasons.map((r: any) => r.code)).not.toContain("RECENT_PENALTY");

    const [entry] = await blacklist(t, em, code);
    expect(entry.validUntil).toBe(addYears(entry.listedOn, 5));
    const submit = `mutation($input: CreditRepairInput!) { submitCreditRepair(input: $input) { status } }`;
    const res = await t.gql<any>(submit, { input: { creditCode: code, blacklistEntryId: entry.id, actions: ["PUBLIC_COMMITMENT"], statement: "已整改" } }, em);
    expect(res.errors).toBeUndefined();
    expect(res.data.submitCreditRepair.status).toBe("SUBMITTED");
  });
});
