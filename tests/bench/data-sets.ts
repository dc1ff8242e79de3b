import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { projectRoot } from "../../src/shared/project-root";
import type { RunningServer } from "./servers";

export interface BenchDatabase {
  /** Environment that points a hub (or a baseline) at the data set. */
  env: Record<string, string>;
  /** True when the data set was made elsewhere (`hub generate`) and is used as it is. */
  existing: boolean;
  drop(): Promise<void>;
}

async function admin<T>(adminUrl: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server of `adminUrl`, dropped afterwards. */
export async function freshDatabase(adminUrl: string, label: string): Promise<BenchDatabase & { url: string }> {
  const name = `hub_bench_${label}_${Date.now()}`;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    env: { DATABASE_URL: url.toString() },
    existing: false,
    drop: () => admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * BENCH_DATABASE_URL: a data set made by `hub generate`, used as it is. Otherwise a fresh database
 * on DATABASE_URL's server, or, with neither, an embedded database in a temporary folder.
 */
export async function mainDatabase(): Promise<BenchDatabase> {
  if (process.env.BENCH_DATABASE_URL) return { env: { DATABASE_URL: process.env.BENCH_DATABASE_URL }, existing: true, drop: async () => undefined };
  if (process.env.DATABASE_URL) return freshDatabase(process.env.DATABASE_URL, "main");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-"));
  return { env: { HUB_DATA_DIR: dir }, existing: false, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A second data set of `enterprises` made with `hub generate` (COPY; needs a PostgreSQL server). */
export async function generatedDatabase(adminUrl: string, enterprises: number): Promise<BenchDatabase & { url: string }> {
  const db = await freshDatabase(adminUrl, `n${enterprises}`);
  const hub = path.join(projectRoot(), "bin/hub.js");
  const env = { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: "silent" };
  execFileSync(process.execPath, [hub, "migrate"], { env, stdio: "ignore" });
  execFileSync(process.execPath, [hub, "generate", "--enterprises", String(enterprises), "--seed", "7"], { env, stdio: "ignore" });
  return db;
}

/** Committed transactions in the database so far; a statement outside BEGIN … COMMIT is one. */
async function transactions(databaseUrl: string): Promise<number> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  return admin(url.toString(), async (c) => {
    const { rows } = await c.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1`, [name]);
    return Number(rows[0].n);
  });
}

/**
 * SQL round trips per request, the same way for every server: the database's own transaction
 * count (pg_stat_database) across `requests` requests, minus what starting and stopping the server
 * costs (measured with none). Backends report their counts when they exit, so the server is stopped
 * before each reading.
 */
export async function roundTripsPerRequest(
  databaseUrl: string,
  start: () => Promise<RunningServer>,
  send: (server: RunningServer) => Promise<void>,
  requests: number,
): Promise<number> {
  const measure = async (n: number) => {
    const before = await transactions(databaseUrl);
    const server = await start();
    for (let k = 0; k < n; k++) await send(server);
    await server.stop();
    await new Promise((r) => setTimeout(r, 500));
    return (await transactions(databaseUrl)) - before;
  };
  const idle = await measure(0);
  const busy = await measure(requests);
  return (busy - idle) / requests;
}
