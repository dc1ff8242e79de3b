import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { addDays, today } from "../../../src/shared/clock";
import { createEnterprise, expectData, recordPenalty } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

// The command runs as an operator would run it: the compiled `hub` (npm test builds dist first).
const HUB_BIN = path.resolve(__dirname, "../../../bin/hub.js");
const run = promisify(execFile);

const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id responsibleDepartment } }`;
const DECIDE = `mutation($id: ID!, $uphold: Boolean!) { decideObjection(id: $id, uphold: $uphold, decision: "经复核作出决定") { status } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawObjection(id: $id) { status } }`;

const COLUMNS = ["department", "filed", "decidedInTime", "decidedLate", "stillOpen", "overdue", "medianDaysToDecide"] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

/** A row as CSV prints it: every cell text, an empty median when nothing was decided. */
const row = (department: string, filed: number, inTime: number, late: number, open: number, overdue: number, median: number | null): Row => ({
  department, filed: String(filed), decidedInTime: String(inTime), decidedLate: String(late), stillOpen: String(open), overdue: String(overdue),
  medianDaysToDecide: median === null ? "" : String(median),
});

/** The rows of console.table's box drawing, without its (index) column (which alone heads an empty table). */
function parseTable(output: string): Row[] {
  const lines = output.split("\n").filter((l) => l.startsWith("│"));
  const cells = lines.map((l) => l.split("│").slice(1, -1).map((c) => c.trim().replace(/^'(.*)'$/, "$1")));
  const [header, ...body] = cells;
  expect(header).toEqual(body.length ? ["(index)", ...COLUMNS] : ["(index)"]);
  return body.map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i + 1]])) as Row);
}

/** 异议处理情况 over the compiled CLI: objections seeded over HTTP, their clock moved by SQL. */
describe("hub report objections", () => {
  let t: TestHub;
  const day = today();
  const from = addDays(day, -20);

  async function hub(...args: string[]): Promise<string> {
    const env: NodeJS.ProcessEnv = { ...process.env, ...t.databaseEnv, NODE_ENV: "test" };
    if (!t.databaseEnv.DATABASE_URL) delete env.DATABASE_URL;
    const { stdout } = await run(process.execPath, [HUB_BIN, ...args], { env, cwd: path.dirname(HUB_BIN) });
    return stdout;
  }

  /**
   * Moves an objection's dates. Times are wall-clock times in China Standard Time ("YYYY-MM-DD HH:MM"),
   * so that a time just after midnight CST is still the previous day in UTC.
   */
  async function setDates(id: string, dates: { filed: string; due: string; decided?: string }) {
    await t.sql(
      `UPDATE objection SET filed_at = $2::timestamp AT TIME ZONE 'Asia/Shanghai', due_on = $3::date,
         decided_at = coalesce($4::timestamp AT TIME ZONE 'Asia/Shanghai', decided_at) WHERE id = $1`,
      [id, dates.filed, dates.due, dates.decided ?? null],
    );
  }

  beforeAll(async () => {
    t = await startTestHub();
    const [em, transport, housing] = await Promise.all([t.agency("EMERGENCY_MANAGEMENT"), t.agency("TRANSPORT"), t.agency("HOUSING_CONSTRUCTION")]);
    const c = await createEnterprise(t);
    const subject = await t.subject(c);

    // One objection per penalty (one PENDING objection per record); the penalty's department decides.
    const file = async (department: string, recordedBy: string) => {
      const penalty = await recordPenalty(t, recordedBy, c);
      const input = { creditCode: c, target: "PENALTY", targetId: penalty.id, grounds: "该处罚所认定的事实有误" };
      const filed = expectData(await t.gql<any>(FILE, { input }, subject)).fileObjection;
      expect(filed.responsibleDepartment).toBe(department);
      return filed.id as string;
    };
    const decide = async (token: string, id: string, uphold: boolean) =>
      expect(expectData(await t.gql<any>(DECIDE, { id, uphold }, token)).decideObjection.status).toBe(uphold ? "UPHELD" : "REJECTED");

    // EMERGENCY_MANAGEMENT: filed 5 in the period (one outside it), decided 0 and 11 days after filing.
    await decide(em, await file("EMERGENCY_MANAGEMENT", em), false); // today, in time, 0 days
    const late = await file("EMERGENCY_MANAGEMENT", em);
    await decide(em, late, true);
    // Decided 00:30 CST the day after its due date (still the due date in UTC): late, 11 days.
    await setDates(late, { filed: `${addDays(day, -12)} 10:00`, due: addDays(day, -2), decided: `${addDays(day, -1)} 00:30` });
    // Filed 00:30 CST on the first day of the period (the day before in UTC); pending past its due date.
    await setDates(await file("EMERGENCY_MANAGEMENT", em), { filed: `${from} 00:30`, due: addDays(day, -1) });
    await file("EMERGENCY_MANAGEMENT", em); // pending, due in 10 working days
    const withdrawn = await file("EMERGENCY_MANAGEMENT", em);
    expect(expectData(await t.gql<any>(WITHDRAW, { id: withdrawn }, subject)).withdrawObjection.status).toBe("WITHDRAWN");
    // Filed 23:30 CST the day before the period: not counted in it.
    const before = await file("EMERGENCY_MANAGEMENT", em);
    await decide(em, before, false);
    await setDates(before, { filed: `${addDays(from, -1)} 23:30`, due: addDays(from, 9), decided: `${addDays(from, 2)} 15:00` });

    // HOUSING_CONSTRUCTION: one pending objection, nothing decided, so no median.
    await file("HOUSING_CONSTRUCTION", housing);

    // TRANSPORT: decided on the due date itself (in time, 3 days), decided today a day after filing,
    // and one pending that is due today (not yet overdue).
    const onDue = await file("TRANSPORT", transport);
    await decide(transport, onDue, false);
    await setDates(onDue, { filed: `${addDays(day, -5)} 10:00`, due: addDays(day, -2), decided: `${addDays(day, -2)} 23:30` });
    const yesterday = await file("TRANSPORT", transport);
    await decide(transport, yesterday, true);
    await setDates(yesterday, { filed: `${addDays(day, -1)} 09:00`, due: addDays(day, 9) });
    await setDates(await file("TRANSPORT", transport), { filed: `${addDays(day, -10)} 10:00`, due: day });
  });
  afterAll(() => t.stop());

  const expected = [
    row("EMERGENCY_MANAGEMENT", 5, 1, 1, 2, 1, 5.5),
    row("HOUSING_CONSTRUCTION", 1, 0, 0, 1, 0, null),
    row("TRANSPORT", 3, 2, 0, 1, 0, 2),
  ];

  it("prints per responsible department, as CSV, the objections filed in the period (CST filing dates, withdrawals neither decided nor open)", async () => {
    const output = await hub("report", "objections", "--from", from, "--to", day, "--format", "csv");
    expect(output.split("\n")[0]).toBe(COLUMNS.join(","));
    expect(parse(output, { columns: true })).toEqual(expected);
  });

  it("prints the same numbers as a table", async () => {
    const output = await hub("report", "objections", "--from", from, "--to", day);
    expect(parseTable(output)).toEqual(expected.map((r) => ({ ...r, medianDaysToDecide: r.medianDaysToDecide || "null" })));
  });

  it("counts the objection filed before the period in its own period, and nothing in a period without filings", async () => {
    const previous = addDays(from, -1);
    const output = await hub("report", "objections", "--from", previous, "--to", previous, "--format", "csv");
    expect(parse(output, { columns: true })).toEqual([row("EMERGENCY_MANAGEMENT", 1, 1, 0, 0, 0, 3)]);
    const empty = await hub("report", "objections", "--from", addDays(day, -60), "--to", addDays(day, -40), "--format", "csv");
    expect(parse(empty, { columns: true })).toEqual([]);
    expect(parseTable(await hub("report", "objections", "--from", addDays(day, -60), "--to", addDays(day, -40)))).toEqual([]);
  });

  it("refuses --from after --to, a malformed date and an unknown format with a clear message and exit status 1", async () => {
    await expect(hub("report", "objections", "--from", day, "--to", addDays(day, -1))).rejects.toMatchObject({
      code: 1,
      stdout: "",
      stderr: expect.stringContaining(`from: from (${day}) is after to (${addDays(day, -1)}).`),
    });
    await expect(hub("report", "objections", "--from", from, "--to", "2026-02-30")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("--to must be a date YYYY-MM-DD"),
    });
    await expect(hub("report", "objections", "--from", from, "--to", day, "--format", "xlsx")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("--format is table or csv"),
    });
  });
});
