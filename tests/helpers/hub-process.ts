import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../../src/shared/project-root";
import { testAuditKeyFile } from "./audit-key";
import { testCreditReportKeyFile } from "./credit-report-key";

export interface HubProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** The built hub (`npm test` builds first) as its own process, on the given database. */
export function startHubProcess(env: Record<string, string>): Promise<HubProcess> {
  const main = path.join(projectRoot(), "dist/src/main.js");
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run build (npm test does)`);
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: "0", NODE_ENV: "production", LOG_LEVEL: "info", HUB_DEMO_SEED: "off", HUB_REFRESH_INTERVAL_HOURS: "0", HUB_AUDIT_KEY_FILE: testAuditKeyFile(), HUB_CREDIT_REPORT_KEY_FILE: testCreditReportKeyFile(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /serving (http:\/\/\S+)\/graphql/.exec(out);
      if (match) {
        clearInterval(timer);
        resolve({ child, url: match[1], output: () => out });
      }
    }, 50);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`hub exited early with ${code}: ${out}`));
    });
  });
}

/** SIGTERM, then the exit code. */
export async function stopHubProcess(hub: HubProcess): Promise<number | null> {
  if (hub.child.exitCode !== null) return hub.child.exitCode;
  const exited = new Promise<number | null>((resolve) => hub.child.once("exit", (code) => resolve(code)));
  hub.child.kill("SIGTERM");
  return exited;
}
