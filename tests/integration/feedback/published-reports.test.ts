import { addDays, setClockOffsetDays, today } from "../../../src/shared/clock";
import { periodBefore } from "../../../src/modules/feedback/published-report.service";
import { runHubCli } from "../../helpers/cli";
import { blacklist, createEnterprise, expectData } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const PUBLISHED = `query($after: String) { publishedReports(first: 10, after: $after) { id from to publishedAt report { from to tasksDistributed tasksReported reportingRate rows { department regionCode measure tasksDistributed } } } }`;
const LIVE = `query($from: Date!, $to: Date!) { feedbackReport(from: $from, to: $to) { tasksDistributed tasksReported reportingRate } }`;
const EVENTS = `{ events(kinds: [REPORT_PUBLISHED]) { edges { node { kind summary } } } }`;

/** PublishedReport: the 通报 of each closed period, archived once and announced (issue 16). */
describe("published implementation reports", () => {
  let t: TestHub;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestHub();
    for (const d of ["EMERGENCY_MANAGEMENT", "CREDIT_OFFICE", "FINANCE"] as const) tokens[d] = await t.agency(d);
  });
  afterAll(async () => {
    setClockOffsetDays(0);
    await t.stop();
  });

  /** Blacklists an enterprise and dates its tasks' distribution into `day` (seeding the past). */
  const tasksOn = async (day: string) => {
    const code = await createEnterprise(t);
    await blacklist(t, tokens.EMERGENCY_MANAGEMENT, code);
    const [, n] = await t.sql(
      `UPDATE sanction_task t SET distributed_at = ($2::date + time '10:00') AT TIME ZONE 'Asia/Shanghai'
       FROM blacklist_entry b JOIN enterprise e ON e.id = b.enterprise_id WHERE b.id = t.blacklist_entry_id AND e.credit_code = $1`,
      [code, day],
    ) as unknown as [unknown, number];
    return n;
  };

  it("archives the closed period once, as it stood, announces it to OVERSIGHT, and never changes it", async () => {
    const period = periodBefore(today(), "monthly");
    const distributed = await tasksOn(addDays(period.from, 3));
    expect(distributed).toBeGreaterThan(0);
    const live = expectData(await t.gql<any>(LIVE, { ...period }, tokens.CREDIT_OFFICE)).feedbackReport;

    expect((await runHubCli(t.databaseEnv, "report", "publish")).output).toBe(`published ${period.from} – ${period.to}`);
    expect((await runHubCli(t.databaseEnv, "report", "publish")).output).toBe("nothing to publish: every closed period is archived");

    const [archived, ...rest] = expectData(await t.gql<any>(PUBLISHED, {}, tokens.CREDIT_OFFICE)).publishedReports;
    expect(rest).toEqual([]);
    expect(archived).toMatchObject({ from: period.from, to: period.to, report: { from: period.from, to: period.to, ...live } });
    expect(archived.report.tasksDistributed).toBe(distributed);

    // Later data for the period changes the live report, not the archived one.
    await tasksOn(addDays(period.from, 5));
    const liveNow = expectData(await t.gql<any>(LIVE, { ...period }, tokens.CREDIT_OFFICE)).feedbackReport;
    expect(liveNow.tasksDistributed).toBeGreaterThan(distributed);
    expect(expectData(await t.gql<any>(PUBLISHED, {}, tokens.CREDIT_OFFICE)).publishedReports).toEqual([archived]);
    await expect(t.sql(`UPDATE published_report SET report = '{}'`)).rejects.toThrow(/immutable/);
    await expect(t.sql(`DELETE FROM published_report`)).rejects.toThrow(/immutable/);

    // Announced once, to OVERSIGHT only.
    const heard = expectData(await t.gql<any>(EVENTS, {}, tokens.CREDIT_OFFICE)).events.edges;
    expect(heard).toEqual([{ node: { kind: "REPORT_PUBLISHED", summary: expect.stringContaining(`${period.from} – ${period.to}`) } }]);
    expect(expectData(await t.gql<any>(EVENTS, {}, tokens.FINANCE)).events.edges).toEqual([]);
  });

  it("publishes the next period when it closes, lists the archive newest first, and keeps it to OVERSIGHT", async () => {
    const first = periodBefore(today(), "monthly");
    // A month and a bit later, the current month has closed too.
    setClockOffsetDays(40);
    const second = periodBefore(today(), "monthly");
    expect(second.from > first.from).toBe(true);
    expect((await runHubCli(t.databaseEnv, "report", "publish")).output).toContain(`${second.from} – ${second.to}`);
    setClockOffsetDays(0);
    const archive = expectData(await t.gql<any>(PUBLISHED, {}, tokens.EMERGENCY_MANAGEMENT)).publishedReports;
    expect(archive.map((r: any) => r.from)).toEqual([second.from, first.from]);
    const page = expectData(await t.gql<any>(PUBLISHED, { after: archive[0].id }, tokens.EMERGENCY_MANAGEMENT)).publishedReports;
    expect(page.map((r: any) => r.id)).toEqual([archive[1].id]);

    const listed = await runHubCli(t.databaseEnv, "report", "feedback", "--published", "--format", "csv");
    expect(listed.exitCode).toBe(0);
    const one = await runHubCli(t.databaseEnv, "report", "feedback", "--published", "--from", first.from);
    expect(one.output).toContain(`${first.from} – ${first.to}: ${archive[1].report.tasksReported} of ${archive[1].report.tasksDistributed} tasks reported`);

    expect((await t.gql(PUBLISHED, {}, tokens.FINANCE)).errors?.[0]).toMatchObject({ path: ["publishedReports"], extensions: { code: "FORBIDDEN" } });
    expect((await t.gql(PUBLISHED, {})).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(PUBLISHED, { after: "nope" }, tokens.CREDIT_OFFICE)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});
