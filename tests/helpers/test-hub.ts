import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { loadConfig } from "../../src/config";
import { AgencyService } from "../../src/modules/agency/agency.service";
import { SubjectService } from "../../src/modules/subject/subject.service";
import type { Department } from "../../src/auth/department.enums";
import { type RunningHub, startHub } from "../../src/server/hub";
import { createLogger } from "../../src/shared/logger";
import { testAuditKeyFile } from "./audit-key";
import { testCreditReportKeyFile } from "./credit-report-key";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestHub {
  hub: RunningHub;
  /** POSTs a GraphQL operation, as the agency holding `token` or as the public audience. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Registers an agency and returns its API key. */
  agency(department: `${Department}`, options?: { region?: string; scopes?: ("read" | "write")[] }): Promise<string>;
  /** Issues an enterprise's own key (the SUBJECT audience) and returns it. */
  subject(creditCode: string): Promise<string>;
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** The environment that points another hub process at this hub's database. */
  databaseEnv: Record<string, string>;
  stop(): Promise<void>;
  /** Drops the test database (stop() does it too, unless started with keepDatabase). */
  dropDatabase(): Promise<void>;
}

/**
 * A test that starts hubs on the embedded database: PostgreSQL compiled to WebAssembly, where each
 * start runs every migration (about 10 s on an idle machine, more than 60 s once on CI's two busy
 * cores), gets three minutes rather than the suite's one.
 */
export const EMBEDDED_TIMEOUT_MS = 180_000;

/**
 * A hub on its own fresh database: a new database on the PostgreSQL server of DATABASE_URL,
 * or a new embedded database in a temporary folder when DATABASE_URL is unset.
 */
export async function startTestHub(
  options: { dataDir?: string; env?: Record<string, string>; rewriteDatabaseUrl?: (url: URL) => URL; keepDatabase?: boolean } = {},
): Promise<TestHub> {
  const adminUrl = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  let dataDir = options.dataDir;
  if (adminUrl && !options.dataDir) {
    const name = `hub_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = (options.rewriteDatabaseUrl ? options.rewriteDatabaseUrl(url) : url).toString();
    dropDatabase = async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else if (!dataDir) {
    const created = fs.mkdtempSync(path.join(os.tmpdir(), "hub-"));
    dataDir = created;
    // The embedded database this helper made is removed with it (a test suite left 1.4 GB behind).
    dropDatabase = async () => fs.rmSync(created, { recursive: true, force: true });
  }
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    HUB_DEMO_SEED: "off",
    HUB_REFRESH_INTERVAL_HOURS: "0",
    // Background work stays off unless a test asks for it (webhook tests do): it would run SQL of its own.
    HUB_WEBHOOK_WORKER: "off",
    SHUTDOWN_DRAIN_MS: "0",
    HUB_AUDIT_KEY_FILE: testAuditKeyFile(),
    HUB_CREDIT_REPORT_KEY_FILE: testCreditReportKeyFile(),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { HUB_DATA_DIR: dataDir }),
    ...options.env,
  });
  let hub: RunningHub;
  try {
    hub = await startHub(config, createLogger(config.logLevel));
  } catch (err) {
    // A hub that failed to start leaves no database behind either.
    await dropDatabase();
    throw err;
  }
  const db = hub.database.dataSource;

  return {
    hub,
    async gql(query, variables, token) {
      const res = await fetch(`${hub.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async agency(department, opts = {}) {
      const { token } = await new AgencyService(db).create({
        name: `Test ${department}`,
        department,
        regionCode: opts.region ?? "320000",
        scopes: opts.scopes ?? ["read", "write"],
      });
      return token;
    },
    async subject(creditCode) {
      return (await new SubjectService(db).create(creditCode)).token;
    },
    sql: (text, params) => db.query(text, params),
    databaseEnv: { ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { HUB_DATA_DIR: dataDir! }), HUB_AUDIT_KEY_FILE: config.audit.keyFile, HUB_CREDIT_REPORT_KEY_FILE: config.creditReports.keyFile },
    async stop() {
      await hub.stop();
      if (!options.keepDatabase) await dropDatabase();
    },
    dropDatabase,
  };
}
