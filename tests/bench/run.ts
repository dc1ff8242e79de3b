import "reflect-metadata";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Client } from "pg";
import { loadConfig } from "../../src/config";
import { openDatabase } from "../../src/db/database";
import { runMigrations } from "../../src/db/migrate";
import { createServices } from "../../src/modules";
import { seedDemoData } from "../../src/modules/demo/demo-seed.service";
import { importCsv } from "../../src/modules/import/csv-import";
import { riskSignalFeed } from "../../src/modules/risk/risk-signal.feed";
import { projectRoot } from "../../src/shared/project-root";
import { JIANGSU_CITIES } from "../../src/shared/region";

/**
 * `npm run bench`: what the permission shields cost, riskAlerts at the data set's scale, and the
 * import rate of a bulk feed. The same operations run against a hub with
 * shields and one built without, alternating, three rounds, median reported, ratios hub/baseline.
 * Uses DATABASE_URL's server (a fresh database) or, unset, an embedded database in a temp folder.
 */
// --smoke: a small, quick run (CI-sized) of the same table.
const SMOKE = process.argv.includes("--smoke");
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? (SMOKE ? 1 : 5));
const WARMUP_SECONDS = SMOKE ? 1 : 2;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (SMOKE ? 1 : 3));
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? (SMOKE ? 5_000 : 100_000));
const root = projectRoot();
const operation = (name: string) => fs.readFileSync(path.join(root, "tests/bench/operations", `${name}.graphql`), "utf8");

interface Sample { rps: number; p50: number; p99: number }

async function prepareDatabase(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void>; existing: boolean }> {
  // BENCH_DATABASE_URL: measure on a data set made by `hub generate` (kept as it is, not seeded).
  if (process.env.BENCH_DATABASE_URL) return { env: { DATABASE_URL: process.env.BENCH_DATABASE_URL }, cleanup: async () => undefined, existing: true };
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = `hub_bench_${Date.now()}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      existing: false,
      env: { DATABASE_URL: url.toString() },
      cleanup: async () => {
        const c = new Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-"));
  return { env: { HUB_DATA_DIR: dir }, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }), existing: false };
}

type Variant = "full" | "shieldsOff" | "logOff" | "rawPg";
const VARIANT_ENV: Record<Variant, Record<string, string>> = {
  full: {},
  shieldsOff: { BENCH_SHIELDS: "off" },
  logOff: { BENCH_ACCESS_LOG: "off" },
  rawPg: {},
};

function startChild(env: Record<string, string>, variant: Variant): Promise<{ child: ChildProcess; url: string }> {
  const script = variant === "rawPg" ? "raw-pg-server.js" : "serve-hub.js";
  const child = spawn(process.execPath, [path.join(root, "dist/tests/bench", script)], {
    // One agency sends the whole load: the per-agency rate limit would measure itself.
    env: { ...process.env, ...env, ...VARIANT_ENV[variant], NODE_ENV: "production", PORT: "0", HUB_DEMO_SEED: "off", RATE_LIMIT_PER_SECOND: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const match = /READY (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.once("exit", (code) => reject(new Error(`bench hub exited with ${code}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function load(url: string, token: string, query: string, variables: () => Record<string, unknown>, seconds: number): Promise<Sample> {
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: CONNECTIONS,
    duration: seconds,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query, variables: variables() }) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Times `hub import risk-signals` on a generated file (streamed: RSS should not grow with the file). */
async function benchImport(db: import("typeorm").DataSource, config: ReturnType<typeof loadConfig>, codes: string[]) {
  const rows = IMPORT_ROWS;
  const file = path.join(os.tmpdir(), `hub-bench-signals-${process.pid}.csv`);
  const out = fs.createWriteStream(file);
  const types = ["LITIGATION", "TAX_ARREARS", "WAGE_ARREARS", "ENVIRONMENTAL_EXCEEDANCE", "REGISTRATION_CHANGE", "RAPID_EXPANSION", "MARKET_VIOLATION"];
  out.write("credit_code,type,occurred_on,source,detail\n");
  for (let n = 0; n < rows; n++) {
    const day = new Date(Date.now() - (n % 700) * 86_400_000).toISOString().slice(0, 10);
    if (!out.write(`${codes[n % codes.length]},${types[n % types.length]},${day},bench,"case ${n}"\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  const services = createServices(db, config);
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = Date.now();
  const result = await importCsv(db, file, riskSignalFeed(services.standing));
  const seconds = (Date.now() - started) / 1000;
  clearInterval(timer);
  fs.rmSync(file, { force: true });
  return { rows: result.rows, written: result.written, seconds, rowsPerSecond: Math.round(result.rows / seconds), rssGrowthMb: Math.round((peak - rssBefore) / 1e6) };
}

/** An enterprise on the blacklist, so that feedback can be reported against it. */
async function listOne(db: import("typeorm").DataSource, config: ReturnType<typeof loadConfig>, agencyId: string, creditCode: string): Promise<string> {
  const actor = { kind: "agency", agencyId, name: "bench", department: "EMERGENCY_MANAGEMENT", regionCode: "320000", scopes: ["read", "write"] } as const;
  const entries = await createServices(db, config).blacklist.addToBlacklist(actor as never, {
    creditCode, decisionNumber: `BENCH-${Date.now()}`, ground: "OTHER" as never, reason: "bench", listedOn: new Date().toISOString().slice(0, 10), includeRoles: [],
  });
  return entries[0].id;
}

async function gql(url: string, token: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: unknown[]; data?: Record<string, unknown> };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return body.data!;
}

/** The daily workflows of issue 6: one review of 1000 codes vs 1000 profile reads; feedback single vs batch. */
async function benchWorkflows(url: string, token: string, codes: string[], entryId: string) {
  const review = `query($codes: [CreditCode!]!) { creditReview(creditCodes: $codes, matter: GOVERNMENT_PROCUREMENT) { creditCode verdict reasons { code } measuresInForce } }`;
  const thousand = Array.from({ length: 1000 }, (_, k) => codes[(k * 7) % codes.length]);
  await gql(url, token, review, { codes: thousand }); // warm-up
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const started = performance.now();
    await gql(url, token, review, { codes: thousand });
    times.push(performance.now() - started);
  }
  const reviewEnterprisesPerSecond = Math.round(1000 / (median(times) / 1000));

  // The same 1000 enterprises read one profile request each, CONNECTIONS at a time.
  let next = 0;
  const profilesStarted = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (next < thousand.length) await gql(url, token, operation("profile"), { creditCode: thousand[next++] });
  }));
  const profileEnterprisesPerSecond = Math.round(1000 / ((performance.now() - profilesStarted) / 1000));

  const input = (ref: string) => ({ clientReference: ref, blacklistEntryId: entryId, measure: "INCREASED_INSPECTION", matter: "INSPECTION", appliedOn: new Date().toISOString().slice(0, 10), outcome: "APPLIED" });
  const single = `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) { replayed } }`;
  let ref = 0;
  const singles = await autocannon({
    url: `${url}/graphql`, connections: CONNECTIONS, duration: SECONDS, method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: single, variables: { input: input(`S-${process.pid}-${ref++}`) } }) }) }],
  });
  const batch = `mutation($inputs: [SanctionFeedbackInput!]!) { registerSanctionFeedbackBatch(inputs: $inputs) { accepted rejected } }`;
  const started = performance.now();
  for (let k = 0; k < 4; k++) {
    await gql(url, token, batch, { inputs: Array.from({ length: 500 }, (_, j) => input(`B-${process.pid}-${k}-${j}`)) });
  }
  const feedbackBatchPerSecond = Math.round(2000 / ((performance.now() - started) / 1000));
  return {
    reviewMsMedian: Math.round(median(times)),
    reviewEnterprisesPerSecond,
    profileEnterprisesPerSecond,
    feedbackSinglePerSecond: Math.round(singles.requests.average),
    feedbackBatchPerSecond,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const { env, cleanup, existing } = await prepareDatabase();
  try {
    const config = loadConfig({ ...process.env, ...env, HUB_DEMO_SEED: "off", LOG_LEVEL: "silent" });
    const db = await openDatabase(config, "server");
    await runMigrations(db.dataSource);
    const started = Date.now();
    const services = createServices(db.dataSource, config);
    let agencyId: string;
    let token: string;
    if (existing) {
      ({ agency: { id: agencyId }, token } = await services.agency.create({ name: "bench", department: "EMERGENCY_MANAGEMENT", regionCode: "320000", scopes: ["read", "write"] }));
    } else {
      const seeded = await seedDemoData(db.dataSource, services, { enterprises: ENTERPRISES, seed: 7 });
      ({ id: agencyId, token } = seeded.agencies.find((a) => a.department === "EMERGENCY_MANAGEMENT")!);
    }
    // A spread sample of at most 5000 codes: varied enterprises, without reading a million rows.
    const codes: string[] = (await db.dataSource.query(`SELECT credit_code FROM enterprise ORDER BY random() LIMIT 5000`)).map(
      (r: { credit_code: string }) => r.credit_code,
    );
    const [{ total }] = await db.dataSource.query(`SELECT count(*)::int AS total FROM enterprise`);
    console.log(`${existing ? "using" : "seeded"} ${total} enterprises (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const imported = await benchImport(db.dataSource, config, codes);
    const entryId = await listOne(db.dataSource, config, agencyId, codes[0]);
    await db.close();

    let i = 0;
    const cities = Object.keys(JIANGSU_CITIES);
    const operations = {
      profile: { query: operation("profile"), variables: () => ({ creditCode: codes[i++ % codes.length] }) },
      "enterprises(first: 100)": { query: operation("enterprises"), variables: () => ({ regionCode: cities[i++ % cities.length] }) },
      "riskAlerts(first: 50)": { query: operation("risk-alerts"), variables: () => ({ regionCode: cities[i++ % cities.length] }) },
    };
    // The raw pg handler needs a server it can reach directly; the embedded database has none.
    const variants: Variant[] = env.DATABASE_URL ? ["full", "shieldsOff", "logOff", "rawPg"] : ["full", "shieldsOff", "logOff"];
    const samples: Record<string, Record<Variant, Sample[]>> = {};
    for (const name of Object.keys(operations)) samples[name] = { full: [], shieldsOff: [], logOff: [], rawPg: [] };

    for (let round = 1; round <= ROUNDS; round++) {
      // Rotate the order so that no variant always runs first (warm caches) or last.
      const order = variants.map((_, k) => variants[(k + round) % variants.length]);
      for (const variant of order) {
        const { child, url } = await startChild(env, variant);
        try {
          for (const [name, op] of Object.entries(operations)) {
            if (variant === "rawPg" && name !== "profile") continue;
            await load(url, token, op.query, op.variables, WARMUP_SECONDS);
            const sample = await load(url, token, op.query, op.variables, SECONDS);
            samples[name][variant].push(sample);
            console.log(`round ${round} ${variant} ${name}: ${sample.rps.toFixed(0)} req/s p50 ${sample.p50} ms p99 ${sample.p99} ms`);
          }
        } finally {
          await stopChild(child);
        }
      }
    }

    const { child, url } = await startChild(env, "full");
    let workflows;
    try {
      workflows = await benchWorkflows(url, token, codes, entryId);
    } finally {
      await stopChild(child);
    }

    const med = (xs: Sample[]) => ({ rps: median(xs.map((x) => x.rps)), p50: median(xs.map((x) => x.p50)), p99: median(xs.map((x) => x.p99)) });
    const rows = Object.entries(samples).map(([name, s]) => {
      const [full, shieldsOff, logOff] = [med(s.full), med(s.shieldsOff), med(s.logOff)];
      return { operation: name, full, shieldsOff, logOff, shieldsRatio: full.rps / shieldsOff.rps, accessLogRatio: full.rps / logOff.rps };
    });
    const raw = samples.profile.rawPg.length ? med(samples.profile.rawPg) : null;
    console.log(`\nhub vs the same hub without shields / without the access log: ${total} enterprises, ${CONNECTIONS} connections, ` +
      `${SECONDS} s x ${ROUNDS} rounds (median), ${env.DATABASE_URL ? "PostgreSQL" : "embedded"}, Node ${process.version}`);
    console.table(rows.map((r) => ({
      operation: r.operation,
      "req/s": r.full.rps.toFixed(0),
      "p50/p99 ms": `${r.full.p50}/${r.full.p99}`,
      "no shields req/s": r.shieldsOff.rps.toFixed(0),
      "shields ratio": r.shieldsRatio.toFixed(3),
      "no log req/s": r.logOff.rps.toFixed(0),
      "access log ratio": r.accessLogRatio.toFixed(3),
    })));
    console.log(
      `creditReview(1000 codes): ${workflows.reviewEnterprisesPerSecond} enterprises/s vs 1000 single profile lookups: ` +
        `${workflows.profileEnterprisesPerSecond} enterprises/s (ratio ${(workflows.reviewEnterprisesPerSecond / workflows.profileEnterprisesPerSecond).toFixed(1)})`,
    );
    console.log(
      `registerSanctionFeedback: single ${workflows.feedbackSinglePerSecond} reports/s, batch-500 ${workflows.feedbackBatchPerSecond} reports/s ` +
        `(ratio ${(workflows.feedbackBatchPerSecond / workflows.feedbackSinglePerSecond).toFixed(2)})`,
    );
    console.log(`import risk-signals: ${imported.rows} rows in ${imported.seconds.toFixed(1)} s = ${imported.rowsPerSecond} rows/s, RSS growth ${imported.rssGrowthMb} MB`);
    if (raw) {
      console.log(`profile vs raw node:http + pg (one statement): ${rows[0].full.rps.toFixed(0)} vs ${raw.rps.toFixed(0)} req/s (ratio ${(rows[0].full.rps / raw.rps).toFixed(3)}); raw p50/p99 ${raw.p50}/${raw.p99} ms`);
    }
    // One object per comparison; ratio = hub ÷ baseline for throughputs (higher is better for the hub).
    const comparisons = [
      ...(raw ? [{ name: "profile-vs-raw-pg", hub: rows[0].full.rps, baseline: raw.rps, ratio: rows[0].full.rps / raw.rps, unit: "req/s" }] : []),
      ...rows.flatMap((r) => [
        { name: `${r.operation}-shields-on-vs-off`, hub: r.full.rps, baseline: r.shieldsOff.rps, ratio: r.shieldsRatio, unit: "req/s" },
        { name: `${r.operation}-access-log-on-vs-off`, hub: r.full.rps, baseline: r.logOff.rps, ratio: r.accessLogRatio, unit: "req/s" },
      ]),
      { name: "review-1000-vs-single-lookups", hub: workflows.reviewEnterprisesPerSecond, baseline: workflows.profileEnterprisesPerSecond,
        ratio: workflows.reviewEnterprisesPerSecond / workflows.profileEnterprisesPerSecond, unit: "enterprises/s" },
      { name: "feedback-batch-500-vs-single", hub: workflows.feedbackBatchPerSecond, baseline: workflows.feedbackSinglePerSecond,
        ratio: workflows.feedbackBatchPerSecond / workflows.feedbackSinglePerSecond, unit: "reports/s" },
    ];
    const jsonPath = process.env.BENCH_JSON ?? path.join(root, "bench-results", "bench.json");
    fs.mkdirSync(path.dirname(jsonPath), { recursive: true });
    fs.writeFileSync(jsonPath, JSON.stringify(comparisons.map((c) => ({ ...c, ratio: Number(c.ratio.toFixed(3)) })), null, 2));
    console.log(`written ${jsonPath}`);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
