import { runCli } from "../../src/cli/main";
import { testAuditKeyFile } from "./audit-key";

/**
 * Runs `hub …` in this process (so it shares a moved clock) with the given environment, e.g. a
 * test hub's `databaseEnv`; returns what it printed and the exit code it set.
 */
export async function runHubCli(env: Record<string, string | undefined>, ...args: string[]): Promise<{ output: string; exitCode: number }> {
  const printed: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((...parts) => void printed.push(parts.join(" ")));
  const vars: Record<string, string | undefined> = { LOG_LEVEL: "silent", HUB_DEMO_SEED: "off", HUB_AUDIT_KEY_FILE: testAuditKeyFile(), ...env };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const savedExitCode = process.exitCode;
  process.exitCode = undefined;
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    await runCli(["node", "hub", ...args]);
    return { output: printed.join("\n"), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = savedExitCode;
    log.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
