import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { projectRoot } from "../../src/shared/project-root";
import { benchNode } from "./node-binary";

/**
 * The servers the benchmark compares, each in its own process on loopback: the hub as shipped,
 * the hub built without shields or without the access log, the raw node:http + pg handler (the
 * practical limit) and PostGraphile v5 (what a user could pick instead).
 */
export type ServerKind = "hub" | "hubNoShields" | "hubNoLog" | "rawPg" | "postgraphile";

export interface RunningServer {
  kind: ServerKind;
  url: string;
  /** The process's peak resident set so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** Its resident set now (VmRSS), in KB. */
  rssKb(): number;
  stop(): Promise<void>;
}

const root = projectRoot();

const SCRIPTS: Record<ServerKind, { file: string; env: Record<string, string> }> = {
  hub: { file: "dist/tests/bench/serve-hub.js", env: {} },
  hubNoShields: { file: "dist/tests/bench/serve-hub.js", env: { BENCH_SHIELDS: "off" } },
  hubNoLog: { file: "dist/tests/bench/serve-hub.js", env: { BENCH_ACCESS_LOG: "off" } },
  rawPg: { file: "dist/tests/bench/raw-pg-server.js", env: {} },
  // Grafast reads GRAPHILE_ENV before NODE_ENV: production mode either way, said explicitly (server.mjs).
  postgraphile: { file: "tests/bench/postgraphile/server.mjs", env: { GRAPHILE_ENV: "production" } },
};

/**
 * PostGraphile lives in its own folder with its own lock file (it declares Node >= 22, and the
 * hub's install must not warn on Node 20): installed there on the first run that needs it.
 */
function installPostGraphile(): void {
  const dir = path.join(root, "tests/bench/postgraphile");
  if (fs.existsSync(path.join(dir, "node_modules/postgraphile/package.json"))) return;
  console.log("installing the PostGraphile baseline into tests/bench/postgraphile (once)");
  const npm = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
  if (npm.status !== 0) throw new Error("npm ci in tests/bench/postgraphile failed");
}

/** PostGraphile's computed columns for the hub's derived fields (schema postgraphile_bench; idempotent). */
export async function preparePostGraphile(databaseUrl: string): Promise<void> {
  installPostGraphile();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(fs.readFileSync(path.join(root, "tests/bench/postgraphile/setup.sql"), "utf8"));
  } finally {
    await client.end();
  }
}

export interface StartOptions {
  /** Run under `node --cpu-prof` writing its .cpuprofile into this folder when the process exits. */
  cpuProfDir?: string;
}

/** A server on the bench's Node binary (`--node`, else the runner's own), every kind alike. */
export function startServer(kind: ServerKind, env: Record<string, string>, options: StartOptions = {}): Promise<RunningServer> {
  const script = SCRIPTS[kind];
  const nodeArgs = options.cpuProfDir ? ["--cpu-prof", "--cpu-prof-dir", options.cpuProfDir] : [];
  const child: ChildProcess = spawn(benchNode(), [...nodeArgs, path.join(root, script.file)], {
    env: {
      ...process.env,
      ...env,
      ...script.env,
      NODE_ENV: "production",
      // Production needs the access log's key; the benchmark's lives beside its other files.
      HUB_AUDIT_KEY_FILE: benchAuditKeyFile(),
      // And the credit reports' signing key.
      HUB_CREDIT_REPORT_KEY_FILE: benchCreditReportKeyFile(),
      PORT: "0",
      HUB_DEMO_SEED: "off",
      // One agency sends the whole load: the per-agency rate limit would measure itself.
      RATE_LIMIT_PER_SECOND: "0",
      // The daily grade refresh is background work of its own; it must not run inside a measurement.
      HUB_REFRESH_INTERVAL_HOURS: "0",
      // The events benchmark's webhook receiver; the load holds one agency's subscriptions.
      HUB_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      HUB_WS_MAX_SUBSCRIPTIONS_PER_KEY: "1000",
    },
    // PostGraphile prints a recoverable naming warning about sanction_feedback at start-up.
    stdio: ["ignore", "pipe", kind === "postgraphile" ? "ignore" : "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const match = /READY (\S+)/.exec(out);
      if (match) {
        resolve({
          kind,
          url: match[1],
          peakRssMb: () => {
            const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
            return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
          },
          rssKb: () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0),
          stop: () =>
            new Promise<void>((done) => {
              child.removeAllListeners("exit");
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`bench server ${kind} exited with ${code}`)));
  });
}

function benchCreditReportKeyFile(): string {
  const file = path.join(os.tmpdir(), "credit-hub-bench-credit-report.key");
  if (!fs.existsSync(file)) fs.writeFileSync(file, generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  return file;
}

function benchAuditKeyFile(): string {
  const file = path.join(os.tmpdir(), "credit-hub-bench-audit.key");
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(48).toString("base64"), { mode: 0o600 });
  return file;
}
