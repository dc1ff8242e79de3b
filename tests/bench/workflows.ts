import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import autocannon from "autocannon";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { DataSource } from "typeorm";
import type { Config } from "../../src/config";
import { createServices } from "../../src/modules";
import { importCsv } from "../../src/tools/import/csv-import";
import { riskSignalFeed } from "../../src/modules/risk/risk-signal.feed";
import { gql, median } from "./load";

/** The daily work of agencies (issue 6) and the bulk feeds (issue 5), measured on the bench data set. */
/** Writes a risk-signal CSV of `rows` rows; `source` keeps the rows of separate runs distinct. */
async function writeSignalFile(file: string, codes: string[], rows: number, source: string): Promise<void> {
  const out = fs.createWriteStream(file);
  const types = ["LITIGATION", "TAX_ARREARS", "WAGE_ARREARS", "ENVIRONMENTAL_EXCEEDANCE", "REGISTRATION_CHANGE", "RAPID_EXPANSION", "MARKET_VIOLATION"];
  out.write("credit_code,type,occurred_on,source,detail\n");
  for (let n = 0; n < rows; n++) {
    const day = new Date(Date.now() - (n % 700) * 86_400_000).toISOString().slice(0, 10);
    if (!out.write(`${codes[n % codes.length]},${types[n % types.length]},${day},${source},"case ${n}"\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

/** One `hub import risk-signals` run: rows per second and how far RSS rose above where it started. */
async function importOnce(db: DataSource, config: Config, file: string) {
  const services = createServices(db, config);
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = Date.now();
  const result = await importCsv(db, file, riskSignalFeed(services.standing));
  const seconds = (Date.now() - started) / 1000;
  clearInterval(timer);
  return { rows: result.rows, written: result.written, seconds, rowsPerSecond: Math.round(result.rows / seconds), rssGrowthMb: Math.round((peak - rssBefore) / 1e6) };
}

/** The same file through a bare COPY into a table with no checks, keys or indexes: the database's limit. */
async function copyOnce(db: DataSource, file: string): Promise<number> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`CREATE TEMP TABLE bench_signal_copy (credit_code text, type text, occurred_on date, source text, detail text)`);
    const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    const started = Date.now();
    await pipeline(fs.createReadStream(file), client.query(copyFrom(`COPY bench_signal_copy FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    const seconds = (Date.now() - started) / 1000;
    await runner.query(`DROP TABLE bench_signal_copy`);
    return seconds;
  } finally {
    await runner.release();
  }
}

/**
 * Times `hub import risk-signals` (validation, keys, grades and risk recomputed per batch) against
 * a bare COPY of the same file, and compares the RSS growth of a file four times larger with a
 * small one: streamed, it should not grow with the file.
 */
/** `copyBaseline`: time a bare COPY of the same file too (a PostgreSQL server only: the embedded database's client has no COPY stream). */
export async function benchImport(db: DataSource, config: Config, codes: string[], options: { importRows: number; copyBaseline: boolean }) {
  const rows = options.importRows;
  const file = path.join(os.tmpdir(), `hub-bench-signals-${process.pid}.csv`);
  try {
    await writeSignalFile(file, codes, Math.round(rows / 4), "bench-quarter");
    const quarter = await importOnce(db, config, file);
    await writeSignalFile(file, codes, rows, "bench-full");
    const full = await importOnce(db, config, file);
    const copyRowsPerSecond = options.copyBaseline ? Math.round(rows / (await copyOnce(db, file))) : null;
    return { ...full, quarter, copyRowsPerSecond };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export async function listOne(db: DataSource, config: Config, agencyId: string, creditCode: string): Promise<string> {
  const actor = { kind: "agency", agencyId, name: "bench", department: "EMERGENCY_MANAGEMENT", regionCode: "320000", scopes: ["read", "write"] } as const;
  const entries = await createServices(db, config).blacklist.addToBlacklist(actor as never, {
    creditCode, decisionNumber: `BENCH-${Date.now()}`, ground: "OTHER" as never, reason: "bench", listedOn: new Date().toISOString().slice(0, 10), includeRoles: [],
  });
  return entries[0].id;
}

/** The daily workflows of issue 6: one review of 1000 codes vs 1000 profile reads; feedback single vs batch. */
export async function benchWorkflows(url: string, token: string, codes: string[], entryId: string, profile: string, options: { connections: number; seconds: number; batches: number }) {
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

  // The same 1000 enterprises read one profile request each, options.connections at a time.
  let next = 0;
  const profilesStarted = performance.now();
  await Promise.all(Array.from({ length: options.connections }, async () => {
    while (next < thousand.length) await gql(url, token, profile, { creditCode: thousand[next++] });
  }));
  const profileEnterprisesPerSecond = Math.round(1000 / ((performance.now() - profilesStarted) / 1000));

  const input = (ref: string) => ({ clientReference: ref, blacklistEntryId: entryId, measure: "INCREASED_INSPECTION", matter: "INSPECTION", appliedOn: new Date().toISOString().slice(0, 10), outcome: "APPLIED" });
  const single = `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) { replayed } }`;
  let ref = 0;
  const singles = await autocannon({
    url: `${url}/graphql`, connections: options.connections, duration: options.seconds, method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: single, variables: { input: input(`S-${process.pid}-${ref++}`) } }) }) }],
  });
  const batch = `mutation($inputs: [SanctionFeedbackInput!]!) { registerSanctionFeedbackBatch(inputs: $inputs) { accepted rejected } }`;
  const started = performance.now();
  for (let k = 0; k < options.batches; k++) {
    await gql(url, token, batch, { inputs: Array.from({ length: 500 }, (_, j) => input(`B-${process.pid}-${k}-${j}`)) });
  }
  const feedbackBatchPerSecond = Math.round((500 * options.batches) / ((performance.now() - started) / 1000));
  return {
    reviewMsMedian: Math.round(median(times)),
    reviewEnterprisesPerSecond,
    profileEnterprisesPerSecond,
    feedbackSinglePerSecond: Math.round(singles.requests.average),
    feedbackBatchPerSecond,
  };
}


/**
 * Credit reports (专项信用报告): `count` reports issued one after another, after `warmup` (the
 * first reports pay for the font's parsing and V8's warm-up), each timed from the request to the
 * answer (read through the shielded schema, render the PDF with the subset CJK face, sign,
 * store), spread over the enterprises. p50 and p95 in ms.
 */
export async function benchCreditReports(url: string, token: string, codes: string[], options: { warmup: number; count: number }) {
  const issue = `mutation($c: CreditCode!) { issueCreditReport(creditCode: $c, purpose: BIDDING) { number sha256 } }`;
  for (let k = 0; k < options.warmup; k++) await gql(url, token, issue, { c: codes[k % codes.length] });
  const times: number[] = [];
  for (let k = 0; k < options.count; k++) {
    const started = performance.now();
    await gql(url, token, issue, { c: codes[(options.warmup + k * 13) % codes.length] });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]);
  return { p50: at(0.5), p95: at(0.95), count: times.length };
}

/**
 * The implementation report page (/reports/feedback) for the past year, as HTML and as PDF: each
 * request timed from sending to the last byte (the page's operation through the shields, the
 * access record, rendering). p50 and p95 in ms.
 */
export async function benchReportPage(url: string, token: string, options: { warmup: number; count: number }) {
  const to = new Date().toISOString().slice(0, 10);
  const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  const get = async (format: string) => {
    const res = await fetch(`${url}/reports/feedback?from=${from}&to=${to}&format=${format}`, { headers: { authorization: `Bearer ${token}` } });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`report page (${format}): HTTP ${res.status} ${body.toString("utf8").slice(0, 200)}`);
  };
  const timed = async (format: string) => {
    for (let k = 0; k < options.warmup; k++) await get(format);
    const times: number[] = [];
    for (let k = 0; k < options.count; k++) {
      const started = performance.now();
      await get(format);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]);
    return { p50: at(0.5), p95: at(0.95) };
  };
  return { html: await timed("html"), pdf: await timed("pdf"), count: options.count };
}
