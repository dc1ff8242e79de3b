import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, expectData } from "../../helpers/factories";
import { newCreditCode } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

describe("status filters served by the partial indexes", () => {
  let t: TestHub;
  let em: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterAll(() => t.stop());

  /** The statements the hub sends while serving `query`, with their parameters. */
  async function statementsOf(query: string): Promise<{ sql: string; params: unknown[] }[]> {
    const spy = jest.spyOn(t.hub.database.dataSource, "query");
    try {
      expectData(await t.gql(query, {}, em));
      return spy.mock.calls.map(([sql, params]) => ({ sql, params: (params as unknown[] | undefined) ?? [] }));
    } finally {
      spy.mockRestore();
    }
  }

  async function planOf(sql: string, params: unknown[]): Promise<PlanNode[]> {
    const [row] = await t.sql(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const plan = row["QUERY PLAN"];
    return nodesOf((typeof plan === "string" ? JSON.parse(plan) : plan)[0].Plan);
  }

  it("filters onBlacklist and onWatchlist through blacklist_active_until and watchlist_active_until", async () => {
    const listed = await createEnterprise(t, { name: "南京索引黑名单化工有限公司" });
    await blacklist(t, em, listed);
    const watched = await createEnterprise(t, { name: "南京索引观察化工有限公司" });
    expectData(await t.gql(`mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id } }`,
      { input: { creditCode: watched, reason: "隐患整改不到位" } }, em));

    // Years of history: entries long past validUntil (still stored ACTIVE, as no job flips them),
    // removed and repaired. Written in SQL because thousands of listings through the API would
    // take minutes; the planner only needs the statistics to see that few entries are in force.
    const idOf = async (code: string) => (await t.sql(`SELECT id FROM enterprise WHERE credit_code = $1`, [code]))[0].id;
    const longAgo = addDays(today(), -2000);
    await t.sql(
      `INSERT INTO blacklist_entry (subject_type, enterprise_id, recognized_by, decision_number, ground, reason, listed_on, valid_until, state)
       SELECT 'ENTERPRISE', $1, 'EMERGENCY_MANAGEMENT', '历史-' || n, 'OTHER', '历史记录', $2::date, $2::date + n % 700,
         (ARRAY['ACTIVE', 'REMOVED', 'REPAIRED'])[1 + n % 3]
       FROM generate_series(1, 3000) AS n`,
      [await idOf(listed), longAgo],
    );
    await t.sql(
      `INSERT INTO watchlist_entry (enterprise_id, basis, reason, listed_on, valid_until, state)
       SELECT $1, 'AUTOMATIC_RULE', '历史记录', $2::date, $2::date + n % 700, (ARRAY['ACTIVE', 'REMOVED'])[1 + n % 2]
       FROM generate_series(1, 3000) AS n`,
      [await idOf(watched), longAgo],
    );
    await t.sql(`ANALYZE blacklist_entry`);
    await t.sql(`ANALYZE watchlist_entry`);

    for (const [filter, table, index, expected] of [
      ["onBlacklist", "blacklist_entry", "blacklist_active_until", listed],
      ["onWatchlist", "watchlist_entry", "watchlist_active_until", watched],
    ]) {
      const query = `{ enterprises(filter: { ${filter}: true, nameContains: "索引" }, first: 10) { totalCount edges { node { creditCode } } } }`;
      const page = expectData(await t.gql<any>(query, {}, em)).enterprises;
      expect([filter, page.totalCount, page.edges.map((e: any) => e.node.creditCode)]).toEqual([filter, 1, [expected]]);

      // The page and its count, exactly as the service sent them.
      const statements = (await statementsOf(query)).filter((s) => s.sql.includes(`FROM ${table}`));
      expect(statements).toHaveLength(2);
      for (const { sql, params } of statements) {
        const plan = await planOf(sql, params);
        const used = plan.filter((n) => n["Relation Name"] === table || n["Index Name"]?.startsWith(table.split("_")[0]));
        expect({ sql, scans: used.map((n) => `${n["Node Type"]} ${n["Index Name"] ?? n["Relation Name"]}`) }).toEqual({
          sql,
          scans: expect.arrayContaining([expect.stringMatching(new RegExp(`^(Bitmap Index|Index|Index Only) Scan ${index}$`))]),
        });
        expect(used.filter((n) => n["Node Type"] === "Seq Scan")).toEqual([]);
        expect(used.filter((n) => n["Index Name"] && n["Index Name"] !== index)).toEqual([]);
      }
    }
  });

  it("finds enterprises by a part of their name through the enterprise_name_bigrams index, not a scan", async () => {
    const target = await createEnterprise(t, { name: "连云港海晶盐化有限公司" });
    // A city's worth of other names, in SQL for speed; the planner needs the statistics.
    await t.sql(
      `INSERT INTO enterprise (credit_code, name, region_code, sector)
       SELECT c, '测试' || i || '号建材有限公司', '320102', 'HAZARDOUS_CHEMICALS' FROM unnest($1::text[]) WITH ORDINALITY AS u(c, i)`,
      [Array.from({ length: 5000 }, () => newCreditCode())],
    );
    await t.sql(`ANALYZE enterprise`);
    const query = `{ enterprises(filter: { nameContains: "海晶盐化" }, first: 10) { totalCount edges { node { creditCode } } } }`;
    const page = expectData(await t.gql<any>(query, {}, em)).enterprises;
    expect([page.totalCount, page.edges.map((e: any) => e.node.creditCode)]).toEqual([1, [target]]);
    const statements = (await statementsOf(query)).filter((s) => s.sql.includes("FROM enterprise"));
    expect(statements.length).toBeGreaterThan(0);
    for (const { sql, params } of statements) {
      const scans = (await planOf(sql, params)).filter((n) => n["Relation Name"] === "enterprise" || n["Index Name"]?.startsWith("enterprise"));
      expect({ sql, scans: scans.map((n) => `${n["Node Type"]} ${n["Index Name"] ?? n["Relation Name"]}`) }).toEqual({
        sql,
        scans: expect.arrayContaining(["Bitmap Index Scan enterprise_name_bigrams"]),
      });
      expect(scans.filter((n) => n["Node Type"] === "Seq Scan")).toEqual([]);
    }
  });
});
