import { today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, expectData } from "../../helpers/factories";
import { startHubProcess, stopHubProcess } from "../../helpers/hub-process";
import { startTestHub, type TestHub } from "../../helpers/test-hub";
import { itOnPostgres as onPostgres } from "../../helpers/requires";

const MEASURES = `{ sanctionMeasures { code title implementingDepartments matters appliesToPersons } }`;
const PUBLISH = `mutation($measures: [MeasureInput!]!, $note: String) { publishMeasureCatalogue(measures: $measures, note: $note) { version measures { code implementingDepartments } } }`;
const TASKS = `{ sanctionTasks(first: 100) { edges { node { id department catalogueVersion measure { code implementingDepartments } blacklistEntry { id enterprise { creditCode } } } } } }`;
// Several hub processes on one database need PostgreSQL (one embedded database serves one process).
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const REGISTER = `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) { feedback { id } } }`;

/** The measure catalogue as versioned data (issue 18): new versions for new distributions, old tasks keep theirs. */
describe("measure catalogue versions", () => {
  let t: TestHub;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestHub();
    for (const d of ["CREDIT_OFFICE", "EMERGENCY_MANAGEMENT", "FINANCE", "MARKET_REGULATION"] as const) tokens[d] = await t.agency(d);
  });
  afterAll(() => t.stop());

  const tasksOf = async (code: string) =>
    expectData(await t.gql<any>(TASKS, {}, tokens.CREDIT_OFFICE)).sanctionTasks.edges.map((e: any) => e.node).filter((n: any) => n.blacklistEntry.enterprise.creditCode === code);

  it("distributes under the version in force, keeps old tasks on theirs, and lets CREDIT_OFFICE alone publish a valid version", async () => {
    const v1 = expectData(await t.gql<any>(MEASURES, {})).sanctionMeasures;
    expect(v1.find((m: any) => m.code === "RESTRICT_GOVERNMENT_PROCUREMENT").implementingDepartments).toEqual(["FINANCE"]);
    const before = await createEnterprise(t);
    const [entryBefore] = await blacklist(t, tokens.EMERGENCY_MANAGEMENT, before);
    const oldTasks = await tasksOf(before);
    expect(new Set(oldTasks.map((n: any) => n.catalogueVersion))).toEqual(new Set([1]));

    const v2 = v1
      .filter((m: any) => m.code !== "RESTRICT_HONORS")
      .map((m: any) => (m.code === "RESTRICT_GOVERNMENT_PROCUREMENT" ? { ...m, implementingDepartments: ["MARKET_REGULATION"] } : m));
    expect((await t.gql(PUBLISH, { measures: v2 }, tokens.FINANCE)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const twice = [...v2, v2[0]];
    expect((await t.gql(PUBLISH, { measures: twice }, tokens.CREDIT_OFFICE)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: `measures.${v2.length}.code` });
    const empty = v2.map((m: any, i: number) => (i === 0 ? { ...m, implementingDepartments: [] } : m));
    expect((await t.gql(PUBLISH, { measures: empty }, tokens.CREDIT_OFFICE)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "measures.0.implementingDepartments" });
    expect(await t.sql(`SELECT max(version) AS v FROM measure_catalogue`)).toEqual([{ v: 1 }]);

    const published = expectData(await t.gql<any>(PUBLISH, { measures: v2, note: "政府采购限制由市场监管部门实施" }, tokens.CREDIT_OFFICE)).publishMeasureCatalogue;
    expect(published.version).toBe(2);
    const inForce = expectData(await t.gql<any>(MEASURES, {})).sanctionMeasures;
    expect(inForce.map((m: any) => m.code)).not.toContain("RESTRICT_HONORS");
    expect(inForce.find((m: any) => m.code === "RESTRICT_GOVERNMENT_PROCUREMENT").implementingDepartments).toEqual(["MARKET_REGULATION"]);

    const after = await createEnterprise(t);
    await blacklist(t, tokens.EMERGENCY_MANAGEMENT, after);
    const newTasks = await tasksOf(after);
    expect(new Set(newTasks.map((n: any) => n.catalogueVersion))).toEqual(new Set([2]));
    const procurement = (tasks: any[]) => tasks.filter((n) => n.measure.code === "RESTRICT_GOVERNMENT_PROCUREMENT").map((n) => n.department);
    expect(procurement(newTasks)).toEqual(["MARKET_REGULATION"]);
    expect(newTasks.some((n: any) => n.measure.code === "RESTRICT_HONORS")).toBe(false);

    // The old tasks are as they were: FINANCE's, read under version 1; FINANCE still reports on its task.
    const old = await tasksOf(before);
    expect(old).toEqual(oldTasks);
    expect(procurement(old)).toEqual(["FINANCE"]);
    expect(old.find((n: any) => n.measure.code === "RESTRICT_GOVERNMENT_PROCUREMENT").measure.implementingDepartments).toEqual(["FINANCE"]);
    const report = (entryId: string, ref: string) => ({ blacklistEntryId: entryId, measure: "RESTRICT_GOVERNMENT_PROCUREMENT", outcome: "APPLIED", appliedOn: today(),
      matter: "GOVERNMENT_PROCUREMENT", clientReference: ref });
    expect((await t.gql(REGISTER, { input: report(entryBefore.id, "old-task") }, tokens.FINANCE)).errors).toBeUndefined();
    const [entryAfter] = (await tasksOf(after)).map((n: any) => n.blacklistEntry);
    expect((await t.gql(REGISTER, { input: report(entryAfter.id, "new-entry") }, tokens.FINANCE)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(REGISTER, { input: report(entryAfter.id, "new-entry-mr") }, tokens.MARKET_REGULATION)).errors).toBeUndefined();

    // A published version never changes.
    await expect(t.sql(`UPDATE measure_catalogue_item SET title = 'x' WHERE version = 1`)).rejects.toThrow(/immutable/);
  });

  onPostgres("tells every instance of a new version: another hub process serves it within two seconds (PostgreSQL only: a second process)", async () => {
    const other = await startHubProcess({ ...t.databaseEnv, LOG_LEVEL: "warn" });
    try {
      const read = async (url: string) => {
        const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: MEASURES }) });
        return ((await res.json()) as any).data.sanctionMeasures as any[];
      };
      const current = await read(other.url);
      const next = current.map((m) => (m.code === "PUBLIC_EXPOSURE" ? { ...m, title: "发布公告向社会公开曝光（修订）" } : m));
      expectData(await t.gql(PUBLISH, { measures: next }, tokens.CREDIT_OFFICE));
      let seen = "";
      for (let i = 0; i < 20 && seen !== "发布公告向社会公开曝光（修订）"; i++) {
        await sleep(100);
        seen = (await read(other.url)).find((m) => m.code === "PUBLIC_EXPOSURE").title;
      }
      expect(seen).toBe("发布公告向社会公开曝光（修订）");
    } finally {
      await stopHubProcess(other);
    }
  });
});
