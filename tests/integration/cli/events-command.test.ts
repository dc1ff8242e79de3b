import { runHubCli } from "../../helpers/cli";
import { blacklist, createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

/** `hub events tail`: a department's feed read by an operator from the database. */
describe("hub events tail", () => {
  let t: TestHub;
  let code: string;
  beforeAll(async () => {
    t = await startTestHub();
    code = await createEnterprise(t, { regionCode: "320102", sector: "HAZARDOUS_CHEMICALS" });
    await blacklist(t, await t.agency("EMERGENCY_MANAGEMENT"), code);
  });
  afterAll(() => t.stop());

  const tail = async (...args: string[]) => (await runHubCli(t.databaseEnv, "events", "tail", ...args)).output.split("\n").filter(Boolean);

  it("prints the department's events oldest first, one per line, filtered by kind and resumable after an id", async () => {
    const all = await tail("--department", "FINANCE");
    const rows = all.map((line) => line.split("\t"));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.length === 4 && /^\d+$/.test(r[0]) && !Number.isNaN(Date.parse(r[1])))).toBe(true);
    expect(rows.map((r) => Number(r[0]))).toEqual([...rows.map((r) => Number(r[0]))].sort((a, b) => a - b));
    // The same events the feed gives FINANCE over GraphQL.
    const token = await t.agency("FINANCE");
    const feed = (await t.gql<any>(`{ events(first: 100) { edges { node { id kind } } } }`, {}, token)).data!.events.edges.map((e: any) => e.node);
    expect(rows.map((r) => [r[0], r[2]])).toEqual(feed.map((n: any) => [n.id, n.kind]));

    const tasks = await tail("--department", "FINANCE", "--kinds", "SANCTION_TASK_DISTRIBUTED");
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((line) => line.split("\t")[2] === "SANCTION_TASK_DISTRIBUTED")).toBe(true);
    expect(await tail("--department", "FINANCE", "--after", rows[rows.length - 1][0])).toEqual([]);
    // A Suzhou agency's view: nothing about a Nanjing enterprise.
    expect(await tail("--department", "FINANCE", "--region", "320500")).toEqual([]);
  });

  it("refuses an unknown department, region or kind with a sentence naming it", async () => {
    await expect(tail("--department", "POLICE")).rejects.toThrow(/unknown department POLICE/);
    await expect(tail("--department", "FINANCE", "--region", "110000")).rejects.toThrow(/--region/);
    await expect(tail("--department", "FINANCE", "--kinds", "SANCTION_TASK_DISTRIBUTED,NOPE")).rejects.toThrow(/unknown event kinds NOPE/);
    await expect(tail("--department", "FINANCE", "--after", "x")).rejects.toThrow(/after is not an event id/);
  });
});
