import { statementCounter } from "../../../src/db/statement-counter";
import { createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

/** Issue 13, class 3: out-of-range sizes are refused before anything runs; the cost cannot be argued down. */
describe("cost limits that cannot be argued away", () => {
  let t: TestHub;
  let code: string;
  beforeAll(async () => {
    t = await startTestHub({ env: { NODE_ENV: "production" } });
    code = await createEnterprise(t);
  });
  afterAll(() => t.stop());

  /** As the public audience: no SQL runs before validation, so the statement counter shows execution. */
  async function refused(query: string, variables: Record<string, unknown> = {}, token?: string) {
    await t.hub.flushAccessLog();
    const before = statementCounter.value;
    const res = await fetch(`${t.hub.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: unknown; errors: { extensions: Record<string, unknown> }[] };
    if (!token) expect(statementCounter.value).toBe(before);
    expect(res.status).toBe(400);
    expect(body.data).toBeUndefined();
    return body.errors[0].extensions;
  }

  it.each([-1, 101, 1_000_000_000])("refuses first: %d at validation, as a literal, a variable and a default", async (n) => {
    for (const [query, variables] of [
      [`{ enterprises(first: ${n}) { totalCount } }`, {}],
      [`query($n: Int) { enterprises(first: $n) { totalCount } }`, { n }],
      [`query($n: Int = ${n}) { enterprises(first: $n) { totalCount } }`, {}],
      [`query($c: CreditCode!) { enterprise(creditCode: $c) { penalties(first: ${n}) { totalCount } } }`, { c: code }],
    ] as const) {
      expect(await refused(query, variables)).toEqual({ code: "BAD_USER_INPUT", field: "first" });
    }
  });

  it("does not let a negative nested first lower the cost of an outer page", async () => {
    // 100 enterprises × (-1) penalties used to cost about -100 and ran the outer page.
    const ext = await refused(`{ enterprises(first: 100) { edges { node { penalties(first: -1) { edges { node { decisionNumber } } } } } } }`);
    expect(ext).toEqual({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("counts first: 0 and a null first (the resolver's default) as pages, not as nothing", async () => {
    // null means the default 20 enterprises × 50 penalties × 5 holders: over the limit.
    const ext = await refused(
      `query($n: Int) { enterprises(first: $n) { edges { node { penalties(first: $n) { edges { node { person { roles { role } } } } } } } } }`,
      { n: null },
    );
    expect(ext.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("counts a review per code and refuses more than 1000 codes at validation", async () => {
    const token = await t.agency("EMERGENCY_MANAGEMENT");
    const review = `query($c: [CreditCode!]!) { creditReview(creditCodes: $c, matter: BIDDING) { verdict reasons { code blacklistEntry { measures { code } } } } }`;
    // 1000 codes × a deep selection per code (about 92 nodes each) is over the bulk budget.
    expect((await refused(review, { c: Array(1000).fill(code) }, token)).code).toBe("QUERY_TOO_COMPLEX");
    expect(await refused(`query($c: [CreditCode!]!) { creditReview(creditCodes: $c, matter: BIDDING) { verdict } }`, { c: Array(1001).fill(code) }, token)).toEqual({
      code: "BAD_USER_INPUT",
      field: "creditCodes",
    });
    const small = await t.gql(review, { c: [code] }, token);
    expect(small.errors).toBeUndefined();
    // A full review of 1000 codes (POLICY.md's maximum) fits the bulk budget; twice in one document it does not.
    const full = `query($c: [CreditCode!]!) { creditReview(creditCodes: $c, matter: BIDDING) { creditCode verdict reasons { code } measuresInForce } }`;
    const thousand = await t.gql(full, { c: Array(1000).fill(code) }, token);
    expect(thousand.errors).toBeUndefined();
    expect(thousand.data?.creditReview).toHaveLength(1000);
    const twice = `query($c: [CreditCode!]!) { a: creditReview(creditCodes: $c, matter: BIDDING) { creditCode verdict reasons { code } measuresInForce }
      b: creditReview(creditCodes: $c, matter: BIDDING) { creditCode verdict reasons { code } measuresInForce }
      c: creditReview(creditCodes: $c, matter: BIDDING) { creditCode verdict reasons { code } measuresInForce } }`;
    expect((await refused(twice, { c: Array(1000).fill(code) }, token)).code).toBe("QUERY_TOO_COMPLEX");
  });

  it("counts enum lists and the measure catalogue at their full size", async () => {
    // Up to 100 × (15 codes + 5 entries × 15 measures) nodes: costed 3,401 before (5 measures, a scalar list 1).
    const ext = await refused(`{ enterprises(first: 100) { edges { node { measuresInForce blacklist { measures { code } } } } } }`);
    expect(ext.code).toBe("QUERY_TOO_COMPLEX");
  });
});
