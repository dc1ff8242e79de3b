import { SUBJECT_ACCESS_PAGE } from "../../../src/modules/audit/access-log.service";
import { createEnterprise, expectData } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const READ = `query($c: CreditCode!) { enterprise(creditCode: $c, purpose: GOVERNMENT_PROCUREMENT) { name accidents { id } } }`;
const HISTORY = `query($c: CreditCode!, $first: Int, $after: String) { enterprise(creditCode: $c) {
  accessHistory(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { at department regionCode purpose fields } } } } }`;

type Plan = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: Plan[] };
const nodes = (plan: Plan): Plan[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/** Who read my record: the access log as the subject sees it (department, region, time, purpose, fields; never a key or a name). */
describe("accessHistory", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.stop());

  it("lists a read made by another department a second earlier, newest first and paginated, to the subject and CREDIT_OFFICE only", async () => {
    const code = await createEnterprise(t);
    const subject = await t.subject(code);
    const transport = await t.agency("TRANSPORT", { region: "320600" });
    const em = await t.agency("EMERGENCY_MANAGEMENT");
    expectData(await t.gql<any>(READ, { c: code }, em));
    // A read of public fields only (what anyone may read) is not listed.
    expectData(await t.gql<any>(`query($c: CreditCode!) { enterprise(creditCode: $c) { name status } }`, { c: code }, em));
    const before = Date.now();
    expectData(await t.gql<any>(READ, { c: code }, transport));

    const page = expectData(await t.gql<any>(HISTORY, { c: code, first: 1 }, subject)).enterprise.accessHistory;
    expect(page.totalCount).toBe(2);
    expect(page.edges).toHaveLength(1);
    const newest = page.edges[0].node;
    expect(newest).toEqual({ at: expect.any(String), department: "TRANSPORT", regionCode: "320600", purpose: "GOVERNMENT_PROCUREMENT", fields: ["Enterprise.accidents"] });
    expect(Math.abs(Date.parse(newest.at) - before)).toBeLessThan(5000);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = expectData(await t.gql<any>(HISTORY, { c: code, first: 1, after: page.pageInfo.endCursor }, subject)).enterprise.accessHistory;
    expect(next.edges.map((e: any) => e.node.department)).toEqual(["EMERGENCY_MANAGEMENT"]);
    expect(next.pageInfo.hasNextPage).toBe(false);

    const credit = await t.agency("CREDIT_OFFICE");
    expect((await t.gql<any>(HISTORY, { c: code }, credit)).data?.enterprise.accessHistory.totalCount).toBeGreaterThanOrEqual(2);
    const other = await createEnterprise(t);
    for (const [token, c] of [[em, code], [undefined, code], [await t.subject(other), code]] as const) {
      const res = await t.gql(HISTORY, { c }, token);
      expect(res.errors?.[0]).toMatchObject({ path: ["enterprise", "accessHistory"], extensions: { code: "FORBIDDEN" } });
    }
  });

  it("serves a page from the access_subject index, however often the enterprise was read (EXPLAIN)", async () => {
    const code = await createEnterprise(t);
    // 200,000 reads of one enterprise among others', as the writer indexes them.
    await t.sql(`INSERT INTO access_subject (credit_code, record_id) SELECT $1, g FROM generate_series(1, 200000) g`, [code]);
    await t.sql(`INSERT INTO access_subject (credit_code, record_id) SELECT 'X' || (g % 1000), g FROM generate_series(1, 100000) g`);
    await t.sql(`ANALYZE access_subject`);
    for (const after of [null, "150000"]) {
      const [{ "QUERY PLAN": [{ Plan: plan }] }] = await t.sql(`EXPLAIN (FORMAT JSON) ${SUBJECT_ACCESS_PAGE}`, [code, after, 51]);
      const all = nodes(plan);
      const scan = all.find((n) => n["Relation Name"] === "access_subject");
      expect(scan).toMatchObject({ "Node Type": expect.stringMatching(/^Index (Only )?Scan$/), "Index Name": "access_subject_pkey" });
      expect(all.some((n) => n["Node Type"] === "Sort")).toBe(false);
    }
    await t.sql(`DELETE FROM access_subject WHERE credit_code = $1 OR credit_code LIKE 'X%'`, [code]);
  });
});
