import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, recordPenalty } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const SIGNAL = `mutation($input: RiskSignalInput!) { recordRiskSignal(input: $input) { id type } }`;
const RISK = `query($c: CreditCode!) { enterprise(creditCode: $c) { riskAssessment { score level factors { signal count latestOn contribution } } } }`;
const ALERTS = `query($min: RiskLevel, $region: String, $sector: IndustrySector) { riskAlerts(minLevel: $min, regionCode: $region, sector: $sector, first: 50) {
  totalCount edges { node { raisedAt enterprise { creditCode } assessment { score level } } } } }`;

describe("risk early warning (风险预警)", () => {
  let t: TestHub;
  let mr: string;
  beforeAll(async () => {
    t = await startTestHub();
    mr = await t.agency("MARKET_REGULATION");
  });
  afterAll(() => t.stop());

  const signal = (code: string, type: string, daysAgo: number, detail = `${type}-${daysAgo}`) =>
    t.gql(SIGNAL, { input: { creditCode: code, type, occurredOn: addDays(today(), -daysAgo), source: "法院", detail } }, mr);

  it("scores the policy's arithmetic: weights over the last 365 days, capped at 100, with levels", async () => {
    const code = await createEnterprise(t, { regionCode: "320583", sector: "CONSTRUCTION" });
    await signal(code, "LITIGATION", 10);
    await signal(code, "LITIGATION", 200);
    await signal(code, "TAX_ARREARS", 30);
    await signal(code, "WAGE_ARREARS", 400); // outside the window
    await recordPenalty(t, mr, code, { decidedOn: addDays(today(), -60) });
    const risk = (await t.gql(RISK, { c: code }, mr)).data?.enterprise.riskAssessment;
    // 2 × 8 (litigation) + 12 (tax arrears) + 10 (one penalty) = 38 → MEDIUM (25 ≤ 38 < 50)
    expect(risk.score).toBe(38);
    expect(risk.level).toBe("MEDIUM");
    expect(risk.factors).toEqual([
      { signal: "LITIGATION", count: 2, latestOn: addDays(today(), -10), contribution: 16 },
      { signal: "TAX_ARREARS", count: 1, latestOn: addDays(today(), -30), contribution: 12 },
      { signal: "PENALTY", count: 1, latestOn: addDays(today(), -60), contribution: 10 },
    ]);

    await blacklist(t, (await t.agency("EMERGENCY_MANAGEMENT")), code);
    // + 40 for the ACTIVE blacklist entry = 78 → SEVERE
    expect((await t.gql(RISK, { c: code }, mr)).data?.enterprise.riskAssessment).toMatchObject({ score: 78, level: "SEVERE" });
    for (const type of ["WAGE_ARREARS", "ENVIRONMENTAL_EXCEEDANCE"]) await signal(code, type, 5);
    expect((await t.gql(RISK, { c: code }, mr)).data?.enterprise.riskAssessment.score).toBe(100);
  });

  it("lists alerts highest score first, filtered by level, city and sector", async () => {
    const a = await createEnterprise(t, { regionCode: "321302", sector: "FIREWORKS" });
    const b = await createEnterprise(t, { regionCode: "321311", sector: "FIREWORKS" });
    const c = await createEnterprise(t, { regionCode: "321302", sector: "METALLURGY" });
    for (const type of ["WAGE_ARREARS", "ENVIRONMENTAL_EXCEEDANCE", "TAX_ARREARS", "MARKET_VIOLATION"]) await signal(a, type, 3); // 52
    for (const type of ["WAGE_ARREARS", "ENVIRONMENTAL_EXCEEDANCE", "TAX_ARREARS", "MARKET_VIOLATION", "LITIGATION"]) await signal(b, type, 3); // 60
    for (const type of ["WAGE_ARREARS", "ENVIRONMENTAL_EXCEEDANCE", "TAX_ARREARS"]) await signal(c, type, 3); // 42

    const suqian = await t.gql(ALERTS, { min: "MEDIUM", region: "321300" }, mr);
    expect(suqian.data?.riskAlerts.edges.map((e: any) => [e.node.enterprise.creditCode, e.node.assessment.score])).toEqual([[b, 60], [a, 52], [c, 42]]);
    const fireworks = await t.gql(ALERTS, { min: "MEDIUM", region: "321300", sector: "FIREWORKS" }, mr);
    expect(fireworks.data?.riskAlerts.edges.map((e: any) => e.node.enterprise.creditCode)).toEqual([b, a]);
    const high = await t.gql(ALERTS, { min: "HIGH", region: "321300" }, mr);
    expect(high.data?.riskAlerts.edges.map((e: any) => e.node.assessment.level)).toEqual(["HIGH", "HIGH"]);
    const severe = await t.gql(ALERTS, { min: "SEVERE", region: "321300" }, mr);
    expect(severe.data?.riskAlerts.totalCount).toBe(0);
    // A county code selects that county alone, as enterprises(filter: { regionCode }) does: the
    // sibling county's enterprises of the same city are left out.
    const alertsIn = async (region: string) => {
      const alerts = (await t.gql(ALERTS, { min: "LOW", region }, mr)).data?.riskAlerts;
      expect(alerts.totalCount).toBe(alerts.edges.length);
      return alerts.edges.map((e: any) => e.node.enterprise.creditCode);
    };
    const listedIn = async (region: string) =>
      (await t.gql(`query($r: String) { enterprises(filter: { regionCode: $r }, first: 100) { edges { node { creditCode } } } }`, { r: region }, mr))
        .data?.enterprises.edges.map((e: any) => e.node.creditCode).sort();
    expect(await alertsIn("321311")).toEqual([b]);
    expect(await alertsIn("321302")).toEqual([a, c]);
    for (const county of ["321311", "321302"]) expect([county, [...(await alertsIn(county))].sort()]).toEqual([county, await listedIn(county)]);
    expect(await alertsIn("321322")).toEqual([]);
  });

  it("refuses a duplicate signal and callers outside CREDIT_OFFICE and MARKET_REGULATION", async () => {
    const code = await createEnterprise(t);
    await signal(code, "LITIGATION", 1, "same");
    expect((await signal(code, "LITIGATION", 1, "same")).errors?.[0].extensions?.code).toBe("CONFLICT");
    const finance = await t.agency("FINANCE");
    const denied = await t.gql(SIGNAL, { input: { creditCode: code, type: "LITIGATION", occurredOn: today(), source: "x" } }, finance);
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(ALERTS, {}, finance)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("has the score indexes riskAlerts is ordered by (overall, per city, per sector)", async () => {
    const indexes = await t.sql(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'risk_assessment'`);
    const defs = Object.fromEntries(indexes.map((i: any) => [i.indexname, i.indexdef]));
    expect(defs.risk_assessment_score).toMatch(/\(score DESC, enterprise_id DESC\)/);
    expect(defs.risk_assessment_city).toMatch(/\(city_code, score DESC, enterprise_id DESC\)/);
    expect(defs.risk_assessment_sector).toMatch(/\(sector, score DESC, enterprise_id DESC\)/);
  });
});
