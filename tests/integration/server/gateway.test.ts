import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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

describe("persisted-operation safelist", () => {
  it("with HUB_SAFELIST=on runs only the registered operations", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-safelist-"));
    fs.writeFileSync(path.join(dir, "profile.graphql"), "query Profile($c: CreditCode!) {\n  enterprise(creditCode: $c) { name }\n}\n");
    const t = await startTestHub({ env: { HUB_SAFELIST: "on", HUB_SAFELIST_DIR: dir } });
    try {
      // Writes are not registered here: the enterprise is seeded directly.
      const [{ code }] = await t.sql(
        `INSERT INTO enterprise (credit_code, name, region_code, sector) VALUES ('91350100M000100Y43', '福州示例有限公司', '320102', 'OTHER')
         RETURNING credit_code AS code`,
      );
      const registered = await t.gql(`query Profile($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: code });
      expect(registered.status).toBe(200);
      expect(registered.data?.enterprise.name).toBeTruthy();
      const other = await t.gql(`query Other($c: CreditCode!) { enterprise(creditCode: $c) { name regionCode } }`, { c: code });
      expect(other.status).toBe(400);
      expect(other.errors?.[0].extensions?.code).toBe("OPERATION_NOT_REGISTERED");
    } finally {
      await t.stop();
      fs.rmSync(dir, { recursive: true, force: true });
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
