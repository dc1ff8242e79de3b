import { createEnterprise } from "../../helpers/factories";
import { startTestHub } from "../../helpers/test-hub";

describe("rate limit per agency", () => {
  it("answers RATE_LIMITED (429, Retry-After) beyond the burst, per agency", async () => {
    const t = await startTestHub({ env: { RATE_LIMIT_PER_SECOND: "2", RATE_LIMIT_BURST: "5" } });
    try {
      const a = await t.agency("FINANCE");
      const b = await t.agency("TRANSPORT");
      const statuses = [];
      for (let i = 0; i < 12; i++) statuses.push((await t.gql(`{ me { id } }`, {}, a)).status);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(8);
      expect(statuses).toContain(429);
      const res = await fetch(`${t.hub.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${a}` },
        body: JSON.stringify({ query: "{ me { id } }" }),
      });
      const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(body.errors[0].extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
      expect((await t.gql(`{ me { id } }`, {}, b)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});

describe("access log latency", () => {
  it("makes a read visible in accessLog within one second, without any flush", async () => {
    const t = await startTestHub();
    try {
      const token = await t.agency("CREDIT_OFFICE");
      const code = await createEnterprise(t);
      await t.gql(`query Seen($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: code }, token);
      const started = Date.now();
      let found = 0;
      while (found === 0 && Date.now() - started < 1_000) {
        found = (await t.gql(`query($c: CreditCode) { accessLog(creditCode: $c) { totalCount } }`, { c: code }, token)).data?.accessLog.totalCount;
        if (!found) await new Promise((r) => setTimeout(r, 50));
      }
      expect(found).toBeGreaterThan(0);
    } finally {
      await t.stop();
    }
  });
});
