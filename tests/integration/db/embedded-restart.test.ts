import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEnterprise } from "../../helpers/factories";
import { EMBEDDED_TIMEOUT_MS, startTestHub } from "../../helpers/test-hub";

describe("embedded database", () => {
  it("keeps its data across a stop and a restart of the hub", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-restart-"));
    const first = await startTestHub({ dataDir });
    const token = await first.agency("MARKET_REGULATION");
    const code = await createEnterprise(first, { name: "常州嘉和冶金有限公司", regionCode: "320402" });
    await first.stop();
    expect(fs.existsSync(path.join(dataDir, "hub.lock"))).toBe(false);

    const second = await startTestHub({ dataDir });
    try {
      const res = await second.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name } me { department } }`, { c: code }, token);
      expect(res.data).toEqual({ enterprise: { name: "常州嘉和冶金有限公司" }, me: { department: "MARKET_REGULATION" } });
    } finally {
      await second.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, EMBEDDED_TIMEOUT_MS);

  it("refuses a second hub on the same folder while the first runs", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-lock-"));
    const first = await startTestHub({ dataDir });
    try {
      await expect(startTestHub({ dataDir })).rejects.toThrow(/in use by process/);
    } finally {
      await first.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, EMBEDDED_TIMEOUT_MS);
});
