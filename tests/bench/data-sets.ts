import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { projectRoot } from "../../src/shared/project-root";
import { benchNode } from "./node-binary";
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
 * The default scale: a fresh database on DATABASE_URL's server (seeded by the runner), or, without
 * one, an embedded database in a temporary folder.
 */
export async function mainDatabase(): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) return freshDatabase(process.env.DATABASE_URL, "main");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-"));
  return { env: { HUB_DATA_DIR: dir }, existing: false, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A data set of `enterprises` made with `hub generate` (COPY; needs a PostgreSQL server), by the
 * bench's Node binary; `seconds` is what migrating and generating took. `keep` leaves it for a later
 * run's BENCH_DATABASE_URL instead of dropping it.
 */
export async function generatedDatabase(adminUrl: string, enterprises: number, options: { keep?: boolean; quiet?: boolean } = {}): Promise<BenchDatabase & { url: string; seconds: number }> {
  const db = await freshDatabase(adminUrl, `n${enterprises}`);
  const hub = path.join(projectRoot(), "bin/hub.js");
  const env = { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: "silent" };
  const started = performance.now();
  try {
    execFileSync(benchNode(), [hub, "migrate"], { env, stdio: "ignore" });
    // Its last line says what it made and the database's size.
    execFileSync(benchNode(), [hub, "generate", "--enterprises", String(enterprises), "--seed", "7"], { env, stdio: ["ignore", options.quiet ? "ignore" : "inherit", "inherit"] });
  } catch (err) {
    await db.drop();
    throw err;
  }
  const seconds = (performance.now() - started) / 1000;
  return options.keep ? { ...db, seconds, drop: async () => console.log(`kept ${db.url} (BENCH_KEEP_PROVINCE): reuse it with BENCH_DATABASE_URL=${db.url}`) } : { ...db, seconds };
}

/**
 * The province scale: BENCH_DATABASE_URL, a data set made by `hub generate` and used as it is;
 * otherwise `enterprises` generated on DATABASE_URL's server (timed). Null without either, or with 0.
 */
export async function provinceDatabase(enterprises: number): Promise<(BenchDatabase & { generatedSeconds: number | null }) | null> {
  if (process.env.BENCH_DATABASE_URL) return { env: { DATABASE_URL: process.env.BENCH_DATABASE_URL }, existing: true, drop: async () => undefined, generatedSeconds: null };
  if (!process.env.DATABASE_URL || !(enterprises > 0)) return null;
  console.log(`generating the province-scale data set: hub generate --enterprises ${enterprises} (BENCH_PROVINCE_ENTERPRISES / --province)`);
  const db = await generatedDatabase(process.env.DATABASE_URL, enterprises, { keep: process.env.BENCH_KEEP_PROVINCE === "1" });
  console.log(`generated ${enterprises} enterprises in ${db.seconds.toFixed(1)} s (migrate + generate)`);
  return { ...db, generatedSeconds: db.seconds };
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
