import { createHash } from "node:crypto";
import { createEnterprise, recordPenalty } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** Issue 13, class 5: bad input is BAD_USER_INPUT or another 4xx, never INTERNAL_SERVER_ERROR. */
describe("bad input over HTTP", () => {
  let t: TestHub;
  let token: string;
  let code: string;
  beforeAll(async () => {
    t = await startTestHub({ env: { NODE_ENV: "production" } });
    token = await t.agency("CREDIT_OFFICE");
    code = await createEnterprise(t);
    const em = await t.agency("EMERGENCY_MANAGEMENT");
    await recordPenalty(t, em, code);
    await recordPenalty(t, em, code, { decidedOn: "2026-01-10" });
  });
  afterAll(() => t.stop());

  async function post(body: unknown, auth = true) {
    const res = await fetch(`${t.hub.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions?: Record<string, unknown>; path?: unknown[] }[] } };
  }

  // Forged parts that PostgreSQL could not cast, and cursors of another list.
  const forged = {
    "a date that is no date": b64(["x", "y"]),
    "a NUL byte": b64(["\u0000"]),
    "a number beyond bigint": b64(["9".repeat(40)]),
    "an old-style penalty cursor": b64(["2026-01-01", "00000000-0000-0000-0000-000000000000"]),
    "a non-numeric score": b64(["riskAlert", "high", "00000000-0000-0000-0000-000000000000"]),
    "a penalty cursor": b64(["penalty", "2026-01-01", "00000000-0000-0000-0000-000000000000"]),
  };
  const lists: Record<string, (after: string) => string> = {
    enterprises: (a) => `{ enterprises(first: 2, after: ${JSON.stringify(a)}) { totalCount } }`,
    sanctionTasks: (a) => `{ sanctionTasks(first: 2, after: ${JSON.stringify(a)}) { totalCount } }`,
    riskAlerts: (a) => `{ riskAlerts(minLevel: LOW, after: ${JSON.stringify(a)}) { totalCount } }`,
    accessLog: (a) => `{ accessLog(after: ${JSON.stringify(a)}) { totalCount } }`,
    sanctionFeedback: (a) => `{ enterprise(creditCode: "${code}") { name sanctionFeedback(after: ${JSON.stringify(a)}) { totalCount } } }`,
  };

  it.each(Object.keys(lists))("refuses forged and foreign cursors on %s with BAD_USER_INPUT at after", async (list) => {
    for (const [what, cursor] of Object.entries(forged)) {
      if (list === "enterprises" && what === "a penalty cursor") continue;
      const res = await post({ query: lists[list](cursor) });
      expect({ what, errors: res.body.errors?.map((e) => e.extensions) }).toEqual({ what, errors: [expect.objectContaining({ code: "BAD_USER_INPUT", field: "after" })] });
    }
    const foreign = await post({ query: lists[list](b64(["enterprise", code])) });
    if (list !== "enterprises") expect(foreign.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("nulls only the nested connection whose cursor is bad, and pages with its own cursors", async () => {
    const res = await post({ query: lists.sanctionFeedback(b64(["x", "y"])) });
    expect(res.body.data.enterprise).toEqual({ name: expect.any(String), sanctionFeedback: null });
    expect(res.body.errors?.[0].path).toEqual(["enterprise", "sanctionFeedback"]);
    const page = `query($c: CreditCode!, $a: String) { enterprise(creditCode: $c) { penalties(first: 1, after: $a) { edges { cursor node { decidedOn } } } } }`;
    const first = await post({ query: page, variables: { c: code } });
    const second = await post({ query: page, variables: { c: code, a: first.body.data.enterprise.penalties.edges[0].cursor } });
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data.enterprise.penalties.edges[0].node.decidedOn).toBe("2026-01-10");
    // Enterprise.penalties is non-null in the contract: a bad cursor there nulls the profile (reported, not changed).
    const bad = await post({ query: page, variables: { c: code, a: "junk" } });
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("refuses a malformed agency id in the access-log filter", async () => {
    const res = await post({ query: `query($id: ID) { accessLog(agencyId: $id) { totalCount } }`, variables: { id: "not-a-uuid" } });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "agencyId" });
  });

  it.each(["0000-01-01", "2026-02-30", "99999-01-01"])("refuses the date %s as BAD_USER_INPUT with 400", async (d) => {
    const res = await post({ query: `query($d: Date!) { feedbackReport(from: $d, to: $d) { tasksDistributed } }`, variables: { d } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const literal = await post({ query: `{ feedbackReport(from: "${d}", to: "2026-12-31") { tasksDistributed } }` });
    expect(literal.status).toBe(400);
    expect(literal.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it.each(["0000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "99999-01-01T00:00:00Z", "2026-01-01T24:00:00Z", "9999-12-31T23:59:59-08:00"])(
    "refuses the date-time %s as BAD_USER_INPUT with 400",
    async (d) => {
      const res = await post({ query: `query($d: DateTime) { accessLog(from: $d) { totalCount } }`, variables: { d } });
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    },
  );

  it("takes ordinary date-times still", async () => {
    const res = await post({ query: `query($d: DateTime) { accessLog(from: $d) { totalCount } }`, variables: { d: "2026-03-01T08:00:00+08:00" } });
    expect(res.body.errors).toBeUndefined();
  });

  it("refuses a subscription over POST and GET with 400", async () => {
    for (const auth of [true, false]) {
      const res = await post({ query: "subscription { __typename }" }, auth);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
    }
    const get = await fetch(`${t.hub.url}/graphql?query=${encodeURIComponent("subscription { __typename }")}`, { headers: { "apollo-require-preflight": "1" } });
    expect([400, 405]).toContain(get.status);
  });

  it("refuses malformed persisted-query extensions with 400 BAD_USER_INPUT and serves a correct one", async () => {
    const query = "{ __typename }";
    const hash = createHash("sha256").update(query).digest("hex");
    const bad = [
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: "abc" } } },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } },
      { query, extensions: { persistedQuery: { version: 2, sha256Hash: hash } } },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: 42 } } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: { a: 1 } } } },
      { query, extensions: { persistedQuery: "x" } },
    ];
    for (const body of bad) {
      const res = await post(body);
      expect({ body, status: res.status, code: res.body.errors?.[0].extensions?.code }).toEqual({ body, status: 400, code: "BAD_USER_INPUT" });
    }
    const ok = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(ok.body.data).toEqual({ __typename: "Query" });
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(byHash.body.data).toEqual({ __typename: "Query" });
  });

  it("refuses introspection to the public audience in production with 403, and serves it to agencies", async () => {
    for (const query of [`{ __schema { queryType { name } } }`, `{ ...F } fragment F on Query { __type(name: "Query") { name } }`]) {
      const res = await post({ query }, false);
      expect(res.status).toBe(403);
      expect(res.body.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
    expect((await post({ query: `{ __schema { queryType { name } } }` })).body.data.__schema.queryType.name).toBe("Query");
  });
});
