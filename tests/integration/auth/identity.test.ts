import { startTestHub, type TestHub } from "../../helpers/test-hub";

describe("identity", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.stop());

  it("serves a call without a token as the public audience", async () => {
    const res = await t.gql(`{ me { id } }`);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ me: null });
  });

  it("makes a call with an API key as that agency", async () => {
    const token = await t.agency("EMERGENCY_MANAGEMENT", { region: "320600" });
    const res = await t.gql(`{ me { name department regionCode } }`, {}, token);
    expect(res.data?.me).toEqual({ name: "Test EMERGENCY_MANAGEMENT", department: "EMERGENCY_MANAGEMENT", regionCode: "320600" });
  });

  it("answers 401 UNAUTHENTICATED for an unknown key, never public", async () => {
    const res = await t.gql(`{ me { id } }`, {}, "hub_not-a-real-key");
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.data).toBeUndefined();
  });

  it("answers 401 for a malformed Authorization header", async () => {
    const res = await fetch(`${t.hub.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Basic abc" },
      body: JSON.stringify({ query: "{ me { id } }" }),
    });
    expect(res.status).toBe(401);
  });

  it("answers 401 for a revoked key", async () => {
    const token = await t.agency("FINANCE");
    const [{ id }] = await t.sql(`SELECT id FROM agency ORDER BY created_at DESC LIMIT 1`);
    expect((await t.gql(`{ me { id } }`, {}, token)).status).toBe(200);
    await t.sql(`UPDATE agency SET revoked_at = now() WHERE id = $1`, [id]);
    const res = await t.gql(`{ me { id } }`, {}, token);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("stores API keys only as a hash", async () => {
    const token = await t.agency("TRANSPORT");
    const rows = await t.sql(`SELECT * FROM agency`);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("answers the probes", async () => {
    expect((await fetch(`${t.hub.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.hub.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});
