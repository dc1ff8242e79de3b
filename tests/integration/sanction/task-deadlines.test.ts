import { loadConfig } from "../../../src/config";
import { SanctionService } from "../../../src/modules/sanction/sanction.service";
import { addDays, setClockOffsetDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, expectData } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const TASKS = `query($overdue: Boolean) { sanctionTasks(overdue: $overdue, first: 100) {
  totalCount edges { node { id measure { code } dueOn overdue status blacklistEntry { id } } } } }`;
const REGISTER = `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) { feedback { id } } }`;

/** Sanction task deadlines: due after the measure's period, overdue while OPEN past it. */
describe("sanction task deadlines", () => {
  let t: TestHub;
  let em: string;
  let finance: string;
  let credit: string;
  beforeAll(async () => {
    // One measure gets its own period; the others the default.
    t = await startTestHub({ env: { HUB_SANCTION_TASK_DAYS: "30", HUB_SANCTION_TASK_DAYS_BY_MEASURE: '{"RESTRICT_GOVERNMENT_PROCUREMENT": 15}' } });
    [em, finance, credit] = await Promise.all([t.agency("EMERGENCY_MANAGEMENT"), t.agency("FINANCE"), t.agency("CREDIT_OFFICE")]);
  });
  afterEach(() => setClockOffsetDays(0));
  afterAll(() => t.stop());

  it("dates each task by its measure's period and marks the OPEN ones overdue the day after; a reported task is not", async () => {
    const code = await createEnterprise(t);
    const [entry] = await blacklist(t, em, code);
    // CREDIT_OFFICE reads every department's tasks.
    const mine = async (overdue?: boolean) =>
      expectData(await t.gql<any>(TASKS, { overdue }, credit)).sanctionTasks.edges.map((e: any) => e.node).filter((n: any) => n.blacklistEntry.id === entry.id);
    const ids = (tasks: { id: string }[]) => tasks.map((x) => x.id).sort();
    const tasks = await mine();
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) {
      expect(task).toMatchObject({ status: "OPEN", overdue: false, dueOn: addDays(today(), task.measure.code === "RESTRICT_GOVERNMENT_PROCUREMENT" ? 15 : 30) });
    }
    const procurement = tasks.find((x: any) => x.measure.code === "RESTRICT_GOVERNMENT_PROCUREMENT");
    const others = ids(tasks.filter((x: any) => x.measure.code !== "RESTRICT_GOVERNMENT_PROCUREMENT"));
    expect(others.length).toBeGreaterThan(0);

    setClockOffsetDays(15);
    expect(ids(await mine(true))).toEqual([]);
    setClockOffsetDays(16);
    expect(ids(await mine(true))).toEqual([procurement.id]);
    // Reporting the feedback ends the overdue state.
    expectData(await t.gql(REGISTER, { input: {
      clientReference: "CZ-deadline-1", blacklistEntryId: entry.id, measure: "RESTRICT_GOVERNMENT_PROCUREMENT", matter: "GOVERNMENT_PROCUREMENT",
      matterReference: "JSZC-2026-009", appliedOn: today(), outcome: "APPLIED" } }, finance));
    expect(ids(await mine(true))).toEqual([]);
    setClockOffsetDays(31);
    expect(ids(await mine(true))).toEqual(others);
    expect(ids(await mine(false))).toEqual([procurement.id]);
  });

  it("announces SANCTION_TASK_OVERDUE once per task, to the task's department, when the scheduled check finds it overdue", async () => {
    const code = await createEnterprise(t);
    const [entry] = await blacklist(t, em, code);
    const overdueEvents = async (token: string) =>
      expectData(await t.gql<any>(`{ events(kinds: [SANCTION_TASK_OVERDUE], first: 100) { edges { node { sanctionTask { id department blacklistEntry { id } } } } } }`, {}, token))
        .events.edges.map((e: any) => e.node.sanctionTask).filter((task: any) => task?.blacklistEntry.id === entry.id);
    setClockOffsetDays(14);
    await t.hub.services.sanction.announceOverdue();
    expect(await overdueEvents(finance)).toEqual([]);
    setClockOffsetDays(16);
    await t.hub.services.sanction.announceOverdue();
    await t.hub.services.sanction.announceOverdue();
    const announced = await overdueEvents(finance);
    expect(announced.map((x: any) => x.department)).toEqual(["FINANCE"]);
    // Each task once, however often the check runs.
    expect(await t.sql(`SELECT count(*)::int AS n FROM hub_event WHERE kind = 'SANCTION_TASK_OVERDUE' AND sanction_task_id = $1`, [announced[0].id]))
      .toEqual([{ n: 1 }]);
  });

  it("refuses at start a period for a measure the catalogue does not have, or one that is no whole day count", () => {
    expect(() => new SanctionService(t.hub.database.dataSource, { default: 30, byMeasure: { NO_SUCH_MEASURE: 5 } }))
      .toThrow("HUB_SANCTION_TASK_DAYS_BY_MEASURE names unknown measures: NO_SUCH_MEASURE");
    expect(() => loadConfig({ HUB_SANCTION_TASK_DAYS_BY_MEASURE: '{"RESTRICT_BIDDING": 0}' })).toThrow(/HUB_SANCTION_TASK_DAYS_BY_MEASURE/);
    expect(() => loadConfig({ HUB_SANCTION_TASK_DAYS: "0" })).toThrow(/HUB_SANCTION_TASK_DAYS/);
  });
});
