import { createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const CSRF_MESSAGE = /Cross-Site Request Forgery \(CSRF\)/;
const QUERY = "{ sanctionMeasures { code } }";

async function send(t: TestHub, init: { method?: string; search?: string; headers?: Record<string, string>; body?: string }) {
  const res = await fetch(`${t.hub.url}/graphql${init.search ?? ""}`, { method: init.method ?? "GET", headers: init.headers, body: init.body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

describe("CSRF prevention", () => {
  let t: TestHub;
  let em: string;
  let code: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    code = await createEnterprise(t);
  });
  afterAll(() => t.stop());

  const penalties = async () =>
    (await t.sql(`SELECT count(*)::int AS n FROM penalty p JOIN enterprise e ON e.id = p.enterprise_id WHERE e.credit_code = $1`, [code]))[0].n as number;
  const recordPenalty = (decisionNumber: string) => ({
    query: `mutation($input: PenaltyInput!) { recordPenalty(input: $input) { id } }`,
    variables: { input: { creditCode: code, decisionNumber, decidedOn: "2026-01-15", violation: "未按规定开展安全培训", penaltyTypes: ["WARNING"] } },
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "blocks a %s POST of a valid JSON query without a preflight header",
    async (contentType) => {
      const res = await send(t, { method: "POST", headers: { "content-type": contentType }, body: JSON.stringify({ query: QUERY }) });
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].message).toMatch(CSRF_MESSAGE);
      expect(res.body.errors[0].extensions.code).toBe("BAD_REQUEST");
    },
  );

  it("runs nothing of a simple-request mutation: an agency's token does not get it through", async () => {
    const before = await penalties();
    const res = await send(t, {
      method: "POST",
      headers: { "content-type": "text/plain", authorization: `Bearer ${em}` },
      body: JSON.stringify(recordPenalty("苏应急罚〔2026〕CSRF-1号")),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(CSRF_MESSAGE);
    expect(await penalties()).toBe(before);
  });

  it.each(["apollo-require-preflight", "x-apollo-operation-name"])("does not apply the CSRF block to a text/plain POST with %s", async (header) => {
    const res = await send(t, { method: "POST", headers: { "content-type": "text/plain", [header]: "Q" }, body: JSON.stringify({ query: QUERY }) });
    // The hub reads only JSON bodies, so the request still fails, but not as a CSRF block.
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/CSRF|Cross-Site/);
  });

  it("serves the same query as a JSON POST, which browsers preflight", async () => {
    const res = await send(t, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) });
    expect(res.status).toBe(200);
    expect(res.body.data.sanctionMeasures.map((m: { code: string }) => m.code)).toContain("MARKET_BAN");
  });

  it("blocks a GET query without a preflight header and serves it with one", async () => {
    const search = `?query=${encodeURIComponent(QUERY)}`;
    const blocked = await send(t, { search });
    expect(blocked.status).toBe(400);
    expect(blocked.body.errors[0].message).toMatch(CSRF_MESSAGE);
    expect(blocked.body.data).toBeUndefined();

    const served = await send(t, { search, headers: { "apollo-require-preflight": "true" } });
    expect(served.status).toBe(200);
    expect(served.body.data.sanctionMeasures).toHaveLength(15);
  });

  it("refuses a mutation over GET, preflight header or not, and writes nothing", async () => {
    const before = await penalties();
    const { query, variables } = recordPenalty("苏应急罚〔2026〕GET-1号");
    const search = `?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables))}`;

    const withHeader = await send(t, { search, headers: { authorization: `Bearer ${em}`, "apollo-require-preflight": "true" } });
    expect(withHeader.status).toBe(405);
    expect(withHeader.headers.get("allow")).toBe("POST");
    expect(withHeader.body.errors[0].message).toMatch(/GET requests only support query operations/);
    expect(withHeader.body.data).toBeUndefined();

    const withoutHeader = await send(t, { search, headers: { authorization: `Bearer ${em}` } });
    expect(withoutHeader.status).toBe(400);
    expect(withoutHeader.body.errors[0].message).toMatch(CSRF_MESSAGE);

    expect(await penalties()).toBe(before);
    // The same operation as a JSON POST does write: the refusals above are about transport only.
    const posted = await send(t, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${em}` }, body: JSON.stringify({ query, variables }),
    });
    expect(posted.body.errors).toBeUndefined();
    expect(await penalties()).toBe(before + 1);
  });
});
