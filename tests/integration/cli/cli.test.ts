import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../../../src/cli/main";
import { startTestHub } from "../../helpers/test-hub";

/** Runs `hub …` in-process with HUB_DATA_DIR set, returning what it printed. */
async function hub(dataDir: string, ...args: string[]): Promise<string> {
  const printed: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((...parts) => void printed.push(parts.join(" ")));
  const saved = { dir: process.env.HUB_DATA_DIR, url: process.env.DATABASE_URL };
  process.env.HUB_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  try {
    await runCli(["node", "hub", ...args]);
  } finally {
    log.mockRestore();
    process.env.HUB_DATA_DIR = saved.dir;
    if (saved.dir === undefined) delete process.env.HUB_DATA_DIR;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
  }
  return printed.join("\n");
}

describe("hub CLI on the embedded database", () => {
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
