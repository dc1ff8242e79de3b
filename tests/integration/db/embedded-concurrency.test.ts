import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEnterprise } from "../../helpers/factories";
import { EMBEDDED_TIMEOUT_MS, startTestHub } from "../../helpers/test-hub";

describe("embedded database under concurrent load", () => {
  it("answers every concurrent request with its own rows", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-concurrent-"));
    const t = await startTestHub({ dataDir });
    try {
      const departments = ["FINANCE", "TRANSPORT", "FIRE_RESCUE", "HUMAN_RESOURCES"] as const;
      const tokens = await Promise.all(departments.map((d) => t.agency(d)));
      const codes: { code: string; name: string }[] = [];
      for (let i = 0; i < 6; i++) {
        const name = `淮安并发测试${i}号有限公司`;
        codes.push({ code: await createEnterprise(t, { name, regionCode: "320803" }), name });
      }
      const calls = Array.from({ length: 40 }, (_, i) => {
        const k = i % tokens.length;
        const e = codes[i % codes.length];
        return t
          .gql(`query($c: CreditCode!) { me { department } enterprise(creditCode: $c) { name creditCode } }`, { c: e.code }, tokens[k])
          .then((res) => ({ res, expected: { me: { department: departments[k] }, enterprise: { name: e.name, creditCode: e.code } } }));
      });
      for (const { res, expected } of await Promise.all(calls)) {
        expect(res.status).toBe(200);
        expect(res.data).toEqual(expected);
      }
    } finally {
      await t.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, EMBEDDED_TIMEOUT_MS);
});
