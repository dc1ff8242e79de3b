import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { blacklist, createEnterprise, setPerson } from "../../helpers/factories";
import { startTestHub } from "../../helpers/test-hub";

const ROOT = path.join(__dirname, "../../..");

/** The README's "client in 20 lines", exactly as printed there. */
function readmeClient(): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const match = /A client in 20 lines[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error("README.md has no \"A client in 20 lines\" example");
  return match[1];
}

describe("the README's example client", () => {
  it("is at most 20 lines of code, prints the enterprise and registers a feedback report, by the kit's trusted-document ids", async () => {
    const source = readmeClient();
    expect(source.split("\n").filter((l) => l.trim() && !l.trim().startsWith("//")).length).toBeLessThanOrEqual(20);
    // Node 24 runs the .ts as it is; to run it on Node 20 too, the test strips the types with TypeScript.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-readme-client-"));
    const t = await startTestHub({ env: { HUB_METRICS: "on" } });
    try {
      const js = (code: string) => ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      fs.writeFileSync(path.join(dir, "graphql.mjs"), js(fs.readFileSync(path.join(ROOT, "schema/client/graphql.ts"), "utf8")));
      fs.writeFileSync(path.join(dir, "client.mjs"), js(source.replace("./schema/client/graphql.ts", "./graphql.mjs").replace("http://127.0.0.1:4000", t.hub.url)));
      fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
      const code = await createEnterprise(t, { name: "示例客户端化工有限公司" });
      const em = await t.agency("EMERGENCY_MANAGEMENT");
      await setPerson(t, em, code, "LEGAL_REPRESENTATIVE");
      await blacklist(t, em, code);
      const finance = await t.agency("FINANCE");
      const run = () => promisify(execFile)(process.execPath, ["client.mjs", code], { cwd: dir, env: { ...process.env, HUB_KEY: finance } });
      const first = (await run()).stdout.trim().split("\n");
      // Blacklisted: grade D.
      expect(first[0]).toBe("示例客户端化工有限公司 D true");
      expect(first[1]).toMatch(/^feedback \S+ CURRENT \(new\)$/);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM sanction_feedback WHERE client_reference LIKE 'demo-%'`);
      expect(n).toBe(1);
      await t.hub.flushAccessLog();
      // It ran by documentId: the hub ran the manifest's text of EnterpriseProfile.
      const [{ n: reads }] = await t.sql(`SELECT count(*)::int AS n FROM access_record WHERE operation_name = 'EnterpriseProfile'`);
      expect(reads).toBe(1);
      // A newcomer sees the calls in /metrics under their operations, though the client sent only ids.
      const metrics = await (await fetch(`${t.hub.url}/metrics`)).text();
      for (const operation of ["EnterpriseProfile", "SanctionTasks", "RegisterSanctionFeedback"]) {
        expect(metrics).toContain(`hub_http_requests_total{operation="${operation}",audience="FINANCE",status="200"} 1`);
      }
    } finally {
      await t.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
