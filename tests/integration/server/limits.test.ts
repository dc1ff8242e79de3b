import fc from "fast-check";
import { statementCounter } from "../../../src/db/statement-counter";
import { createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

/** POST without an Authorization header: the public audience, so that no SQL runs before validation. */
async function post(t: TestHub, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) {
  const res = await fetch(`${t.hub.url}/graphql`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe("query limits", () => {
  let t: TestHub;
  let code: string;
  beforeAll(async () => {
    t = await startTestHub({ env: { NODE_ENV: "production" } });
    code = await createEnterprise(t);
  });
  afterAll(() => t.stop());

  async function expectRejected(query: string, variables: Record<string, unknown> = {}) {
    await t.hub.flushAccessLog();
    const before = statementCounter.value;
    const res = await post(t, { query, variables });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(res.body.data).toBeUndefined();
    expect(statementCounter.value).toBe(before);
    return res;
  }

  it("refuses depth 9, also when hidden behind fragments, and serves depth 8", async () => {
    const deep = `{ enterprises { edges { node { responsiblePersons { enterprise { responsiblePersons { enterprise { responsiblePersons { role } } } } } } } } }`;
    await expectRejected(deep);
    const viaFragments = `query { ...A } fragment A on Query { enterprises { ...B } } fragment B on EnterpriseConnection { edges { node { ...C } } }
      fragment C on Enterprise { responsiblePersons { enterprise { responsiblePersons { enterprise { responsiblePersons { role } } } } } }`;
    await expectRejected(viaFragments);
    const ok = await post(t, { query: `{ enterprises { edges { node { responsiblePersons { enterprise { responsiblePersons { role } } } } } } }` });
    expect(ok.status).toBe(200);
  });

  it("refuses 16 aliases", async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: sanctionMeasures { code }`).join(" ");
    await expectRejected(`{ ${aliases} }`);
    expect((await post(t, { query: `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: __typename`).join(" ")} }` })).status).toBe(200);
  });

  it("refuses a document of more than 2,000 tokens before parsing it whole, and serves one just under", async () => {
    // One field repeated: no aliases, depth 1, cheap; only its length is too much.
    const fields = (n: number) => `{ ${Array.from({ length: n }, () => "__typename").join(" ")} }`;
    const res = await expectRejected(fields(2_000));
    expect(res.body.errors[0].message).toMatch(/more than 2000 tokens/);
    // 10 + 195 × 10 = 1,960 tokens (graphql-js itself aborts validation of ~1,000 identical fields).
    const selections = Array.from({ length: 195 }, () => "enterprise(creditCode: $c) { name }").join(" ");
    const ok = await post(t, { query: `query($c: CreditCode!) { ${selections} }`, variables: { c: code } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.enterprise.name).toEqual(expect.any(String));
  });

  it("refuses 100 × 100 nested lists by cost and serves a profile with 20 penalties", async () => {
    await expectRejected(`{ enterprises(first: 100) { edges { node { penalties(first: 100) { edges { node { decisionNumber violation } } } } } } }`);
    await expectRejected(`query($n: Int) { enterprises(first: $n) { edges { node { penalties(first: $n) { edges { node { decisionNumber } } } } } } }`, { n: 100 });
    const profile = await post(t, {
      query: `query($c: CreditCode!) { enterprise(creditCode: $c) { name responsiblePersons { role person { name } }
        penalties(first: 20) { totalCount edges { node { decisionNumber decidedOn violation fineAmount isPublic revoked } } }
        onBlacklist measuresInForce blacklist { status measures { code } } commitments { kind status } } }`,
      variables: { c: code },
    });
    expect(profile.status).toBe(200);
    expect(profile.body.errors).toBeUndefined();
  });

  it("estimates a document again when a page size in its variables changes (estimates are kept per document and costed variables)", async () => {
    const nested = `query($n: Int, $c: String) { enterprises(first: $n, filter: { nameContains: $c }) { edges { node { penalties(first: $n) { edges { node { decisionNumber } } } } } } }`;
    for (const c of ["甲乙", "丙丁"]) {
      const small = await post(t, { query: nested, variables: { n: 5, c } });
      expect(small.status).toBe(200);
      expect(small.body.errors).toBeUndefined();
    }
    await expectRejected(nested, { n: 100, c: "甲乙" });
    const again = await post(t, { query: nested, variables: { n: 5, c: "戊己" } });
    expect(again.status).toBe(200);
  });

  it("caps page sizes in resolvers too", async () => {
    const res = await post(t, { query: `{ enterprises(first: 500) { totalCount } }` });
    expect(res.body.errors[0].extensions.code).toMatch(/QUERY_TOO_COMPLEX|BAD_USER_INPUT/);
    expect(res.status).not.toBe(500);
  });

  it("refuses a text/plain POST without a preflight header, and a mutation over GET", async () => {
    const plain = await post(t, JSON.stringify({ query: "{ sanctionMeasures { code } }" }), { "content-type": "text/plain" });
    expect(plain.status).toBe(400);
    const get = await fetch(`${t.hub.url}/graphql?query=${encodeURIComponent("mutation { revokePenalty(id: \"x\", reason: \"y\") { id } }")}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(get.status).toBe(405);
  });

  it("hides field suggestions in production", async () => {
    const res = await post(t, { query: `{ sanctionMeasure { code } }` });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/Did you mean/);
  });

  it("refuses a body over the limit with 413 and takes a 500-item feedback batch", async () => {
    const huge = await post(t, { query: `{ sanctionMeasures { code } }`, variables: { pad: "x".repeat(1_100_000) } });
    expect(huge.status).toBe(413);
    const item = { clientReference: "REF-0000000001", blacklistEntryId: "00000000-0000-0000-0000-000000000000", measure: "OTHER_STATUTORY",
      matter: "OTHER", matterReference: "某某项目编号 2026-0001", appliedOn: "2026-01-01", outcome: "NOT_APPLIED", description: "说明不适用的理由，约五十个字符的一段文字。".repeat(3) };
    const batch = await post(t, {
      query: `mutation($inputs: [SanctionFeedbackInput!]!) { registerSanctionFeedbackBatch(inputs: $inputs) { rejected } }`,
      variables: { inputs: Array.from({ length: 500 }, () => item) },
    });
    expect(batch.status).not.toBe(413);
  });

  it("never answers 500 and never runs SQL for 1,000 random hostile documents", async () => {
    const field = fc.constantFrom("enterprises", "sanctionMeasures", "enterprise", "person", "me", "__typename", "nope");
    const selection: fc.Arbitrary<string> = fc.letrec((tie) => ({
      sel: fc.oneof(
        { depthSize: "small" },
        field,
        fc.tuple(field, fc.array(tie("sel"), { minLength: 1, maxLength: 4 })).map(([f, s]) => `${f} { ${s.join(" ")} }`),
        fc.tuple(fc.stringMatching(/^[a-z]{1,3}$/), field).map(([a, f]) => `${a}: ${f}`),
        fc.constant("...F"),
        fc.constant("... on Query { __typename }"),
      ),
    })).sel;
    const document = fc.tuple(fc.array(selection, { minLength: 1, maxLength: 20 }), fc.boolean(), fc.nat(12)).map(
      ([s, withFragment, depth]) =>
        `{ ${s.join(" ")} ${"enterprises { edges { node { responsiblePersons { enterprise { ".repeat(depth % 4)}name${" } } } } }".repeat(depth % 4)} }` +
        (withFragment ? " fragment F on Query { sanctionMeasures { code } }" : ""),
    );
    await fc.assert(
      fc.asyncProperty(document, async (query) => {
        await t.hub.flushAccessLog();
        const before = statementCounter.value;
        const res = await post(t, { query });
        if (res.status === 500) throw new Error(`500 for ${query}`);
        if (res.status === 400) expect(statementCounter.value).toBe(before);
      }),
      { numRuns: 1000 },
    );
  });
});
