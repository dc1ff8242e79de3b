import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runHubCli } from "../../helpers/cli";
import { EMBEDDED_TIMEOUT_MS, startTestHub } from "../../helpers/test-hub";

/** Runs `hub …` in-process on the embedded database in `dataDir`, returning what it printed. */
async function hub(dataDir: string, ...args: string[]): Promise<string> {
  return (await runHubCli({ HUB_DATA_DIR: dataDir, DATABASE_URL: undefined }, ...args)).output;
}

describe("hub CLI on the embedded database", () => {
  // Every command and the hub open the embedded database (PGlite): slow on busy cores (70 s once on CI).
  jest.setTimeout(EMBEDDED_TIMEOUT_MS);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-cli-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("works with the hub stopped, then against the running hub through its socket", async () => {
    const created = JSON.parse(await hub(dataDir, "agency", "create", "--name", "南通应急局", "--department", "EMERGENCY_MANAGEMENT", "--region", "320600", "--scopes", "read,write", "--json"));
    expect(created).toEqual({ id: expect.any(String), token: expect.stringMatching(/^hub_/) });

    const running = await startTestHub({ dataDir });
    try {
      const me = await running.gql(`{ me { name regionCode } }`, {}, created.token);
      expect(me.data?.me).toEqual({ name: "南通应急局", regionCode: "320600" });

      expect(await hub(dataDir, "agency", "list")).toContain("南通应急局");
      expect(await hub(dataDir, "agency", "revoke", created.id)).toContain("revoked");
      const after = await running.gql(`{ me { name } }`, {}, created.token);
      expect(after.status).toBe(401);
    } finally {
      await running.stop();
    }
  });

  it("rejects a bad department with a clear message", async () => {
    await expect(hub(dataDir, "agency", "create", "--name", "x", "--department", "POLICE", "--region", "320000")).rejects.toThrow(/department: Unknown department "POLICE"/);
  });
});
