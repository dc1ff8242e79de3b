import { createEnterprise, UPSERT } from "../../helpers/factories";
import { newCreditCode } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

describe("enterprises", () => {
  let t: TestHub;
  let writer: string;
  beforeAll(async () => {
    t = await startTestHub();
    writer = await t.agency("MARKET_REGULATION");
  });
  afterAll(() => t.stop());

  it("creates, reads and updates an enterprise by credit code", async () => {
    const code = await createEnterprise(t, { name: "无锡恒泰钢铁有限公司", regionCode: "320205", sector: "METALLURGY" });
    const update = await t.gql(UPSERT, { input: { creditCode: code, name: "无锡恒泰钢铁集团有限公司", regionCode: "320205", sector: "METALLURGY", scale: "LARGE" } }, writer);
    expect(update.errors).toBeUndefined();
    const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { creditCode name regionCode sector scale status } }`, { c: code });
    expect(res.data?.enterprise).toEqual({ creditCode: code, name: "无锡恒泰钢铁集团有限公司", regionCode: "320205", sector: "METALLURGY", scale: "LARGE", status: "OPERATING" });
  });

  it("returns null for a valid but unknown code", async () => {
    const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: newCreditCode() });
    expect(res.data).toEqual({ enterprise: null });
  });

  it("rejects a code with a wrong check character as BAD_USER_INPUT naming the field", async () => {
    const good = newCreditCode();
    const bad = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    const res = await t.gql(UPSERT, { input: { creditCode: bad, name: "x", regionCode: "320102", sector: "OTHER" } }, writer);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.creditCode" });
    expect(res.errors?.[0].message).toMatch(/GB 32100/);
    expect(await t.sql(`SELECT 1 FROM enterprise WHERE credit_code = $1`, [bad])).toHaveLength(0);
  });

  it("rejects a region outside Jiangsu with the field named", async () => {
    const res = await t.gql(UPSERT, { input: { creditCode: newCreditCode(), name: "x", regionCode: "110105", sector: "OTHER" } }, writer);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "regionCode" });
  });

  it("filters by name part, city and sector, and pages with cursors", async () => {
    const codes = [];
    for (let i = 0; i < 3; i++) {
      codes.push(await createEnterprise(t, { name: `南通远航烟花爆竹${i}厂有限公司`, regionCode: "320612", sector: "FIREWORKS" }));
    }
    await createEnterprise(t, { name: "南通远航物流有限公司", regionCode: "320612", sector: "TRANSPORTATION" });
    const query = `query($f: EnterpriseFilter, $after: String) { enterprises(filter: $f, first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { creditCode name } } } }`;
    const filter = { nameContains: "远航烟花", regionCode: "320600", sector: "FIREWORKS" };
    const page1 = await t.gql(query, { f: filter });
    expect(page1.data?.enterprises.totalCount).toBe(3);
    expect(page1.data?.enterprises.pageInfo.hasNextPage).toBe(true);
    const page2 = await t.gql(query, { f: filter, after: page1.data?.enterprises.pageInfo.endCursor });
    expect(page2.data?.enterprises.pageInfo.hasNextPage).toBe(false);
    const seen = [...page1.data!.enterprises.edges, ...page2.data!.enterprises.edges].map((e: any) => e.node.creditCode);
    expect(seen.sort()).toEqual([...codes].sort());
  });

  it("finds names by a substring of Chinese characters", async () => {
    await createEnterprise(t, { name: "扬州润华起重机械有限公司", regionCode: "321002", sector: "SPECIAL_EQUIPMENT" });
    const res = await t.gql(`{ enterprises(filter: { nameContains: "润华起重" }) { edges { node { name } } } }`);
    expect(res.data?.enterprises.edges.map((e: any) => e.node.name)).toEqual(["扬州润华起重机械有限公司"]);
  });

  it("refuses page sizes above 100", async () => {
    const res = await t.gql(`{ enterprises(first: 101) { totalCount } }`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("lets a city agency write only about enterprises of its city", async () => {
    const suzhou = await t.agency("MARKET_REGULATION", { region: "320500" });
    const res = await t.gql(UPSERT, { input: { creditCode: newCreditCode(), name: "南京某公司", regionCode: "320102", sector: "OTHER" } }, suzhou);
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
