import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

// The command runs as an operator would run it: the compiled `hub` (npm test builds dist first).
const HUB_BIN = path.resolve(__dirname, "../../../bin/hub.js");
const run = promisify(execFile);

const REPORT = `query($from: Date!, $to: Date!, $department: Department, $region: String) {
  feedbackReport(from: $from, to: $to, department: $department, regionCode: $region) {
    from to tasksDistributed tasksReported reportingRate
    rows { department regionCode measure tasksDistributed tasksReported tasksOverdue applied partiallyApplied notApplied } } }`;
const REGISTER = `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) { feedback { id } } }`;
const CORRECT = `mutation($id: ID!, $input: SanctionFeedbackInput!) { correctSanctionFeedback(id: $id, input: $input, reason: "结果填错") { feedback { id } } }`;
const RETRACT = `mutation($id: ID!) { retractSanctionFeedback(id: $id, reason: "误报") { id } }`;

const COLUMNS = ["department", "regionCode", "measure", "tasksDistributed", "tasksReported", "tasksOverdue", "applied", "partiallyApplied", "notApplied"] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

interface Sent { department: string; regionCode: string; measure: string; outcome: string; appliedOn: string; current: boolean }

const asText = (rows: Record<string, unknown>[]): Row[] =>
  rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, String(r[c])])) as Row);
const byKey = (a: Row, b: Row) => `${a.department}|${a.regionCode}|${a.measure}`.localeCompare(`${b.department}|${b.regionCode}|${b.measure}`);

/** The rows of console.table's box drawing, without its (index) column (which alone heads an empty table). */
function parseTable(output: string): Row[] {
  const lines = output.split("\n").filter((l) => l.startsWith("│"));
  const cells = lines.map((l) => l.split("│").slice(1, -1).map((c) => c.trim().replace(/^'(.*)'$/, "$1")));
  const [header, ...body] = cells;
  expect(header).toEqual(body.length ? ["(index)", ...COLUMNS] : ["(index)"]);
  return body.map((row) => Object.fromEntries(COLUMNS.map((c, i) => [c, row[i + 1]])) as Row);
}

describe("hub report feedback", () => {
  let t: TestHub;
  let em: string;
  const sent: Sent[] = [];
  const listed: { regionCode: string }[] = [];
  let catalogue: { code: string; implementingDepartments: string[] }[];
  const day = today();

  async function hub(...args: string[]): Promise<string> {
    const env: NodeJS.ProcessEnv = { ...process.env, ...t.databaseEnv, NODE_ENV: "test" };
    if (!t.databaseEnv.DATABASE_URL) delete env.DATABASE_URL;
    const { stdout } = await run(process.execPath, [HUB_BIN, ...args], { env, cwd: path.dirname(HUB_BIN) });
    return stdout;
  }

  async function graphql(from: string, to: string, extra: { department?: string; region?: string } = {}) {
    const res = await t.gql(REPORT, { from, to, ...extra }, em);
    expect(res.errors).toBeUndefined();
    return res.data!.feedbackReport as { tasksDistributed: number; tasksReported: number; reportingRate: number; rows: Row[] };
  }

  /** The report computed from what the test sent and the published measure catalogue alone. */
  function expected(from: string, to: string): Row[] {
    const rows = new Map<string, Record<string, number | string>>();
    const row = (department: string, regionCode: string, measure: string) => {
      const key = `${department}|${regionCode}|${measure}`;
      // Tasks distributed today are due in weeks: none is overdue.
      if (!rows.has(key)) rows.set(key, { department, regionCode, measure, tasksDistributed: 0, tasksReported: 0, tasksOverdue: 0, applied: 0, partiallyApplied: 0, notApplied: 0 });
      return rows.get(key)!;
    };
    const current = sent.filter((s) => s.current);
    // Every entry here was recorded today, so its tasks were distributed today.
    if (from <= day && day <= to) {
      for (const { regionCode } of listed) {
        for (const m of catalogue) {
          for (const d of m.implementingDepartments) {
            const r = row(d, regionCode, m.code);
            (r.tasksDistributed as number)++;
            if (current.some((s) => s.department === d && s.regionCode === regionCode && s.measure === m.code)) (r.tasksReported as number)++;
          }
        }
      }
    }
    const column: Record<string, string> = { APPLIED: "applied", PARTIALLY_APPLIED: "partiallyApplied", NOT_APPLIED: "notApplied" };
    for (const s of current.filter((s) => from <= s.appliedOn && s.appliedOn <= to)) {
      (row(s.department, s.regionCode, s.measure)[column[s.outcome]] as number)++;
    }
    return asText([...rows.values()]).sort(byKey);
  }

  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    const tokens: Record<string, string> = {
      EMERGENCY_MANAGEMENT: em,
      FINANCE: await t.agency("FINANCE"),
      HOUSING_CONSTRUCTION: await t.agency("HOUSING_CONSTRUCTION"),
      MARKET_REGULATION: await t.agency("MARKET_REGULATION"),
    };
    catalogue = (await t.gql(`{ sanctionMeasures { code implementingDepartments } }`)).data!.sanctionMeasures;
    expect(catalogue).toHaveLength(15);

    const entries: Record<string, { id: string; regionCode: string }> = {};
    for (const [name, regionCode, listedOn] of [["nanjing", "320102", addDays(day, -20)], ["suzhou", "320505", day], ["nantong", "320602", day]]) {
      const code = await createEnterprise(t, { regionCode });
      const [entry] = await blacklist(t, em, code, { includeRoles: [], listedOn });
      entries[name] = { id: entry.id, regionCode };
      listed.push({ regionCode });
    }
    let ref = 0;
    const input = (entry: string, measure: string, matter: string, outcome: string, appliedOn: string) => ({
      clientReference: `RPT-${++ref}`, blacklistEntryId: entries[entry].id, measure, matter, appliedOn, outcome,
      description: outcome === "APPLIED" ? null : "未完全实施的理由",
    });
    const send = async (department: string, entry: string, measure: string, matter: string, outcome: string, appliedOn = day) => {
      const res = await t.gql(REGISTER, { input: input(entry, measure, matter, outcome, appliedOn) }, tokens[department]);
      expect(res.errors).toBeUndefined();
      const record: Sent = { department, regionCode: entries[entry].regionCode, measure, outcome, appliedOn, current: true };
      sent.push(record);
      return { id: res.data!.registerSanctionFeedback.feedback.id as string, record };
    };

    await send("FINANCE", "nanjing", "RESTRICT_GOVERNMENT_PROCUREMENT", "GOVERNMENT_PROCUREMENT", "APPLIED", addDays(day, -10));
    await send("FINANCE", "suzhou", "RESTRICT_GOVERNMENT_PROCUREMENT", "GOVERNMENT_PROCUREMENT", "APPLIED");
    await send("EMERGENCY_MANAGEMENT", "nanjing", "KEY_SUPERVISION", "INSPECTION", "PARTIALLY_APPLIED", addDays(day, -1));
    await send("MARKET_REGULATION", "nantong", "MARKET_BAN", "MARKET_ACCESS", "NOT_APPLIED");
    await send("MARKET_REGULATION", "nantong", "INCREASED_INSPECTION", "INSPECTION", "APPLIED");

    // A correction replaces the report's outcome and date; only the new record counts.
    const bidding = await send("HOUSING_CONSTRUCTION", "nanjing", "RESTRICT_BIDDING", "BIDDING", "PARTIALLY_APPLIED");
    const corrected = await t.gql(CORRECT, { id: bidding.id, input: input("nanjing", "RESTRICT_BIDDING", "BIDDING", "NOT_APPLIED", addDays(day, -10)) }, tokens.HOUSING_CONSTRUCTION);
    expect(corrected.errors).toBeUndefined();
    bidding.record.current = false;
    sent.push({ ...bidding.record, outcome: "NOT_APPLIED", appliedOn: addDays(day, -10), current: true });

    // A retracted report counts for nothing.
    const qualification = await send("HOUSING_CONSTRUCTION", "suzhou", "RESTRICT_QUALIFICATION", "QUALIFICATION_REVIEW", "APPLIED");
    expect((await t.gql(RETRACT, { id: qualification.id }, tokens.HOUSING_CONSTRUCTION)).errors).toBeUndefined();
    qualification.record.current = false;
  });
  afterAll(() => t.stop());

  it("prints as a table the rows of feedbackReport for the period, with the reporting rate", async () => {
    const from = addDays(day, -1);
    const report = await graphql(from, day);
    const want = expected(from, day);
    expect(asText(report.rows).sort(byKey)).toEqual(want);
    // Independent totals: 3 entries × every (measure, department) pair; 6 tasks carry a current
    // report (the corrected one still does, the retracted one no longer).
    const pairs = catalogue.reduce((n, m) => n + m.implementingDepartments.length, 0);
    expect(report.tasksDistributed).toBe(3 * pairs);
    expect(report.tasksReported).toBe(6);

    const output = await hub("report", "feedback", "--from", from, "--to", day);
    expect(parseTable(output)).toEqual(asText(report.rows));
    expect(output).toContain(`${from} – ${day}: 6 of ${3 * pairs} tasks reported (${((6 / (3 * pairs)) * 100).toFixed(1)} %)`);
  });

  it("prints the same rows as CSV, for a period holding only earlier feedback", async () => {
    const from = addDays(day, -15);
    const to = addDays(day, -5);
    const report = await graphql(from, to);
    expect(asText(report.rows).sort(byKey)).toEqual(expected(from, to));
    expect(report.rows).toHaveLength(2);
    expect(report.tasksDistributed).toBe(0);

    const output = await hub("report", "feedback", "--from", from, "--to", to, "--format", "csv");
    expect(output.split("\n")[0]).toBe(COLUMNS.join(","));
    expect(parse(output, { columns: true })).toEqual(asText(report.rows));
  });

  it("applies --department and --region as feedbackReport does", async () => {
    const report = await graphql(addDays(day, -30), day, { department: "FINANCE", region: "320500" });
    expect(asText(report.rows).sort(byKey)).toEqual(
      expected(addDays(day, -30), day).filter((r) => r.department === "FINANCE" && r.regionCode.startsWith("3205")),
    );
    expect(report.rows.length).toBeGreaterThan(0);
    const output = await hub("report", "feedback", "--from", addDays(day, -30), "--to", day, "--department", "FINANCE", "--region", "320500", "--format", "csv");
    expect(parse(output, { columns: true })).toEqual(asText(report.rows));
  });

  it("prints an empty report for a period without tasks or feedback", async () => {
    const from = addDays(day, -60);
    const to = addDays(day, -40);
    expect((await graphql(from, to)).rows).toEqual([]);
    const output = await hub("report", "feedback", "--from", from, "--to", to);
    expect(parseTable(output)).toEqual([]);
    expect(output).toContain(`${from} – ${to}: 0 of 0 tasks reported (0.0 %)`);
    const csv = await hub("report", "feedback", "--from", from, "--to", to, "--format", "csv");
    expect(parse(csv, { columns: true })).toEqual([]);
  });

  it("refuses a malformed date with a clear message and exit status 1", async () => {
    await expect(hub("report", "feedback", "--from", "2026-13-01", "--to", day)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("--from must be a date YYYY-MM-DD"),
    });
  });
});
