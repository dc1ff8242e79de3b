import { addDays, addYears, setClockOffsetDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, expectData, setPerson } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const PROFILE = `query($c: CreditCode!) { enterprise(creditCode: $c) { onBlacklist measuresInForce
  blacklist { id subjectType role status validUntil person { name marketBanUntil onBlacklist } } } }`;
const TASKS = `query($status: SanctionTaskStatus) { sanctionTasks(status: $status, first: 100) { totalCount
  edges { node { department status measure { code } blacklistEntry { subjectType } } } } }`;
const TASK_PAGE = `query($status: SanctionTaskStatus) { sanctionTasks(status: $status, first: 100) {
  pageInfo { hasNextPage endCursor }
  edges { node { department status measure { code } blacklistEntry { subjectType enterprise { creditCode } } } } } }`;
const ENTRY_TASKS = `query($c: CreditCode!) { enterprise(creditCode: $c) { blacklist { id subjectType role tasks { department status measure { code } } } } }`;

// Written from POLICY.md's catalogue table, not read back from the hub, so that a catalogue or a
// distribution that drifts from the policy fails here. Departments are the contract's enum.
const DEPARTMENTS = ["CREDIT_OFFICE", "EMERGENCY_MANAGEMENT", "MARKET_REGULATION", "ECOLOGY_ENVIRONMENT", "HOUSING_CONSTRUCTION",
  "TRANSPORT", "INDUSTRY_IT", "FIRE_RESCUE", "HUMAN_RESOURCES", "FINANCE", "NATURAL_RESOURCES"];
const POLICY_CATALOGUE: { code: string; departments: string[]; persons: boolean }[] = [
  { code: "PUBLIC_EXPOSURE", departments: ["CREDIT_OFFICE", "EMERGENCY_MANAGEMENT"], persons: true },
  { code: "INCREASED_INSPECTION", departments: ["EMERGENCY_MANAGEMENT", "ECOLOGY_ENVIRONMENT", "HOUSING_CONSTRUCTION", "TRANSPORT", "FIRE_RESCUE", "MARKET_REGULATION"], persons: false },
  { code: "KEY_SUPERVISION", departments: ["EMERGENCY_MANAGEMENT"], persons: false },
  { code: "INTERVIEW_AND_TRAINING", departments: ["EMERGENCY_MANAGEMENT"], persons: true },
  { code: "SUSPEND_STANDARDIZATION_REVIEW", departments: ["EMERGENCY_MANAGEMENT"], persons: false },
  { code: "REVOKE_STANDARDIZATION_CERTIFICATE", departments: ["EMERGENCY_MANAGEMENT"], persons: false },
  { code: "MARKET_BAN", departments: ["MARKET_REGULATION", "EMERGENCY_MANAGEMENT"], persons: true },
  { code: "HEAVIER_PUNISHMENT", departments: DEPARTMENTS.filter((d) => d !== "CREDIT_OFFICE" && d !== "FINANCE"), persons: true },
  { code: "RESTRICT_FINANCING", departments: ["CREDIT_OFFICE", "INDUSTRY_IT"], persons: false },
  { code: "RESTRICT_GOVERNMENT_PROCUREMENT", departments: ["FINANCE"], persons: false },
  { code: "RESTRICT_BIDDING", departments: ["HOUSING_CONSTRUCTION", "TRANSPORT"], persons: false },
  { code: "RESTRICT_LAND_TRANSFER", departments: ["NATURAL_RESOURCES"], persons: false },
  { code: "RESTRICT_HONORS", departments: ["CREDIT_OFFICE", "HUMAN_RESOURCES"], persons: true },
  { code: "RESTRICT_QUALIFICATION", departments: ["HOUSING_CONSTRUCTION", "TRANSPORT", "EMERGENCY_MANAGEMENT", "MARKET_REGULATION"], persons: false },
  { code: "OTHER_STATUTORY", departments: DEPARTMENTS, persons: true },
];

/** The (measure, department) pairs POLICY.md distributes to one entry, as "MEASURE:DEPARTMENT", sorted. */
function policyPairs(subject: "ENTERPRISE" | "PERSON"): string[] {
  return POLICY_CATALOGUE.filter((m) => subject === "ENTERPRISE" || m.persons)
    .flatMap((m) => m.departments.map((d) => `${m.code}:${d}`))
    .sort();
}

/** The tasks one department gets for an enterprise entry listed with `persons` PERSON entries. */
function policyTasksFor(department: string, persons: number): string[] {
  const mine = (subject: "ENTERPRISE" | "PERSON") => policyPairs(subject).filter((p) => p.endsWith(`:${department}`)).map((p) => `${subject}:${p}`);
  return [...mine("ENTERPRISE"), ...Array.from({ length: persons }, () => mine("PERSON")).flat()].sort();
}

describe("blacklist (黑名单) and targeted distribution", () => {
  let t: TestHub;
  let em: string;
  let catalogue: { code: string; implementingDepartments: string[]; appliesToPersons: boolean }[];
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    catalogue = (await t.gql(`{ sanctionMeasures { code implementingDepartments appliesToPersons } }`)).data?.sanctionMeasures;
  });
  afterEach(() => setClockOffsetDays(0));
  afterAll(() => t.stop());

  async function enterpriseWithHolders(overrides: Record<string, unknown> = {}) {
    const code = await createEnterprise(t, overrides);
    const names = { LEGAL_REPRESENTATIVE: "王强", PRINCIPAL: "李娜", SAFETY_HEAD: "张伟", DIRECTLY_RESPONSIBLE: "赵军" };
    const ids: Record<string, string> = {};
    for (const [role, name] of Object.entries(names)) ids[role] = (await setPerson(t, em, code, role, { name })).input.idNumber;
    return { code, ids };
  }

  /**
   * The tasks of `token`'s department in `status` for the enterprise's entries, as
   * "SUBJECT:MEASURE:DEPARTMENT", sorted. One page on purpose: the tests keep each department's
   * tasks under 100, and the page cursor is not trusted here (see the report on its precision).
   */
  async function tasksOf(token: string, status: "OPEN" | "CLOSED", code: string): Promise<string[]> {
    const page = expectData(await t.gql<any>(TASK_PAGE, { status }, token)).sanctionTasks;
    expect(page.pageInfo.hasNextPage).toBe(false);
    for (const { node } of page.edges) expect(node.status).toBe(status);
    return page.edges.filter((e: any) => e.node.blacklistEntry.enterprise.creditCode === code)
      .map(({ node }: any) => `${node.blacklistEntry.subjectType}:${node.measure.code}:${node.department}`)
      .sort();
  }

  it("brings the four responsible persons with the enterprise and distributes the catalogue's tasks", async () => {
    const { code } = await enterpriseWithHolders();
    const entries = await blacklist(t, em, code);
    expect(entries.map((e: any) => `${e.subjectType}:${e.role ?? "-"}:${e.person?.name ?? "-"}`).sort()).toEqual([
      "ENTERPRISE:-:-", "PERSON:DIRECTLY_RESPONSIBLE:赵军", "PERSON:LEGAL_REPRESENTATIVE:王强", "PERSON:PRINCIPAL:李娜", "PERSON:SAFETY_HEAD:张伟",
    ]);
    expect(entries.every((e: any) => e.status === "ACTIVE" && e.validUntil === addYears(today(), 3))).toBe(true);

    // The published catalogue is POLICY.md's table.
    expect(catalogue.map((m) => ({ code: m.code, departments: [...m.implementingDepartments].sort(), persons: m.appliesToPersons })))
      .toEqual(POLICY_CATALOGUE.map((m) => ({ ...m, departments: [...m.departments].sort() })));

    // Each entry carries exactly the policy's (measure, department) pairs, once each: all measures
    // for the enterprise entry, the "persons: yes" measures for each PERSON entry.
    expect(policyPairs("ENTERPRISE")).toHaveLength(46);
    expect(policyPairs("PERSON")).toHaveLength(27);
    const listed = expectData(await t.gql<any>(ENTRY_TASKS, { c: code }, em)).enterprise.blacklist;
    expect(listed.map((e: any) => e.subjectType).sort()).toEqual(["ENTERPRISE", "PERSON", "PERSON", "PERSON", "PERSON"]);
    for (const entry of listed) {
      const pairs = entry.tasks.map((task: any) => `${task.measure.code}:${task.department}`).sort();
      expect([entry.subjectType, entry.role, pairs]).toEqual([entry.subjectType, entry.role, policyPairs(entry.subjectType)]);
      expect(entry.tasks.every((task: any) => task.status === "OPEN")).toBe(true);
    }
    const [{ n }] = await t.sql(
      `SELECT count(*)::int AS n FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
       JOIN enterprise e ON e.id = b.enterprise_id WHERE e.credit_code = $1`,
      [code],
    );
    expect(n).toBe(46 + 4 * 27);

    // Each department sees exactly its own tasks; FINANCE implements procurement and "other statutory" measures.
    const finance = await t.agency("FINANCE");
    const tasks = (await t.gql(TASKS, {}, finance)).data?.sanctionTasks;
    expect(tasks.totalCount).toBe(policyTasksFor("FINANCE", 4).length);
    expect(tasks.edges.map((e: any) => `${e.node.blacklistEntry.subjectType}:${e.node.measure.code}:${e.node.department}`).sort())
      .toEqual(policyTasksFor("FINANCE", 4));
    expect(tasks.edges.every((e: any) => e.node.status === "OPEN")).toBe(true);
    expect(await tasksOf(await t.agency("NATURAL_RESOURCES"), "OPEN", code)).toEqual(["ENTERPRISE:HEAVIER_PUNISHMENT:NATURAL_RESOURCES",
      "ENTERPRISE:OTHER_STATUTORY:NATURAL_RESOURCES", "ENTERPRISE:RESTRICT_LAND_TRANSFER:NATURAL_RESOURCES",
      ...Array(4).fill("PERSON:HEAVIER_PUNISHMENT:NATURAL_RESOURCES"),
      ...Array(4).fill("PERSON:OTHER_STATUTORY:NATURAL_RESOURCES")].sort());
    const all = await t.gql(TASKS, {}, em);
    expect(new Set(all.data?.sanctionTasks.edges.map((e: any) => e.node.department)).size).toBeGreaterThan(1);

    const profile = (await t.gql(PROFILE, { c: code }, em)).data?.enterprise;
    expect(profile.onBlacklist).toBe(true);
    expect([...profile.measuresInForce].sort()).toEqual(POLICY_CATALOGUE.map((m) => m.code).sort());
  });

  it("pages through every task of a listing without skipping or repeating one (tasks share a distribution instant)", async () => {
    const { code } = await enterpriseWithHolders();
    await blacklist(t, em, code);
    const em2 = await t.agency("EMERGENCY_MANAGEMENT");
    const PAGE = `query($after: String) { sanctionTasks(first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { id blacklistEntry { enterprise { creditCode } } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let pages = 0; pages < 100; pages++) {
      const page: any = expectData(await t.gql<any>(PAGE, { after }, em2)).sanctionTasks;
      total = page.totalCount;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    // This listing alone gives EMERGENCY_MANAGEMENT more tasks than fit on one page.
    expect(policyTasksFor("EMERGENCY_MANAGEMENT", 4).length).toBeGreaterThan(7);
  });

  it("shows the legal representative's market ban on every enterprise he represents", async () => {
    const { code, ids } = await enterpriseWithHolders();
    const other = await createEnterprise(t);
    await setPerson(t, em, other, "LEGAL_REPRESENTATIVE", { name: "王强", idNumber: ids.LEGAL_REPRESENTATIVE });
    await blacklist(t, em, code);
    const res = (await t.gql(PROFILE, { c: other }, em)).data?.enterprise;
    expect(res.onBlacklist).toBe(false);
    expect(res.measuresInForce).toContain("MARKET_BAN");
    expect(res.measuresInForce).not.toContain("RESTRICT_BIDDING");
    const person = await t.gql(`query($id: String!) { person(idNumber: $id) { onBlacklist marketBanUntil } }`, { id: ids.LEGAL_REPRESENTATIVE }, em);
    expect(person.data?.person).toEqual({ onBlacklist: true, marketBanUntil: addYears(today(), 3) });
  });

  it("lets the recognizing department remove a listing, closing its tasks; others are FORBIDDEN", async () => {
    const { code } = await enterpriseWithHolders();
    const [enterpriseEntry] = (await blacklist(t, em, code)).filter((e: any) => e.subjectType === "ENTERPRISE");
    const remove = `mutation($id: ID!) { removeFromBlacklist(id: $id, reason: "行政复议撤销认定") { status removedOn } }`;
    const transport = await t.agency("TRANSPORT");
    expect((await t.gql(remove, { id: enterpriseEntry.id }, transport)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const finance = await t.agency("FINANCE");
    expect(await tasksOf(finance, "OPEN", code)).toEqual(policyTasksFor("FINANCE", 4));
    expect(await tasksOf(finance, "CLOSED", code)).toEqual([]);
    const res = await t.gql(remove, { id: enterpriseEntry.id }, em);
    expect(res.data?.removeFromBlacklist).toEqual({ status: "REMOVED", removedOn: today() });
    expect(await tasksOf(finance, "OPEN", code)).toEqual([]);
    expect(await tasksOf(finance, "CLOSED", code)).toEqual(policyTasksFor("FINANCE", 4));
    const profile = (await t.gql(PROFILE, { c: code }, em)).data?.enterprise;
    expect(profile.onBlacklist).toBe(false);
    expect(profile.measuresInForce).toEqual([]);
    expect(profile.blacklist.every((e: any) => e.status === "REMOVED")).toBe(true);
    const [{ open }] = await t.sql(
      `SELECT count(*) FILTER (WHERE t.state = 'OPEN')::int AS open FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id
       JOIN enterprise e ON e.id = b.enterprise_id WHERE e.credit_code = $1`,
      [code],
    );
    expect(open).toBe(0);
  });

  it("is EXPIRED the day after validUntil everywhere, with tasks CLOSED, and no job run", async () => {
    // The only enterprise of this hub whose name holds 到期黑名单, so the filters below see it alone.
    const { code, ids } = await enterpriseWithHolders({ name: "南京到期黑名单化工有限公司" });
    await blacklist(t, em, code, { listedOn: addDays(today(), -30), validUntil: today() });
    const filter = `query($on: Boolean!) { enterprises(filter: { onBlacklist: $on, regionCode: "320102", nameContains: "到期黑名单" }, first: 10) {
      totalCount edges { node { creditCode } } } }`;
    const listedBy = async (on: boolean) => {
      const page = expectData(await t.gql<any>(filter, { on }, em)).enterprises;
      expect(page.totalCount).toBe(page.edges.length);
      return page.edges.map((e: any) => e.node.creditCode);
    };
    const finance = await t.agency("FINANCE");
    expect((await t.gql(PROFILE, { c: code }, em)).data?.enterprise.onBlacklist).toBe(true);
    expect(await listedBy(true)).toEqual([code]);
    expect(await listedBy(false)).toEqual([]);
    expect(await tasksOf(finance, "OPEN", code)).toEqual(policyTasksFor("FINANCE", 4));
    expect(await tasksOf(finance, "CLOSED", code)).toEqual([]);

    setClockOffsetDays(1);
    const profile = (await t.gql(PROFILE, { c: code }, em)).data?.enterprise;
    expect(profile.onBlacklist).toBe(false);
    expect(profile.measuresInForce).toEqual([]);
    expect(profile.blacklist.map((e: any) => e.status)).toEqual(Array(5).fill("EXPIRED"));
    const person = await t.gql(`query($id: String!) { person(idNumber: $id) { onBlacklist marketBanUntil } }`, { id: ids.PRINCIPAL }, em);
    expect(person.data?.person).toEqual({ onBlacklist: false, marketBanUntil: null });
    expect(await listedBy(true)).toEqual([]);
    expect(await listedBy(false)).toEqual([code]);
    expect(await tasksOf(finance, "OPEN", code)).toEqual([]);
    expect(await tasksOf(finance, "CLOSED", code)).toEqual(policyTasksFor("FINANCE", 4));
    // Every department's tasks of the five entries, as OVERSIGHT reads them on the entries.
    const entries = expectData(await t.gql<any>(ENTRY_TASKS, { c: code }, em)).enterprise.blacklist;
    expect(entries.flatMap((e: any) => e.tasks.map((task: any) => task.status))).toEqual(Array(46 + 4 * 27).fill("CLOSED"));
  });

  it("gives no tasks to an entry already past validUntil when recorded", async () => {
    const code = await createEnterprise(t);
    const entries = await blacklist(t, em, code, { listedOn: addDays(today(), -800), validUntil: addDays(today(), -1) });
    expect(entries[0].status).toBe("EXPIRED");
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM sanction_task WHERE blacklist_entry_id = $1`, [entries[0].id]);
    expect(n).toBe(0);
  });

  it("shows the public the listing (公示) but not the tasks", async () => {
    const { code } = await enterpriseWithHolders();
    await blacklist(t, em, code);
    const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { onBlacklist measuresInForce blacklist { subjectType person { name } tasks { id } } } }`, { c: code });
    expect(res.data?.enterprise.onBlacklist).toBe(true);
    expect(res.data?.enterprise.blacklist).toHaveLength(5);
    expect(res.data?.enterprise.blacklist.every((e: any) => e.tasks === null)).toBe(true);
    expect(new Set(res.errors?.map((e) => e.extensions?.code))).toEqual(new Set(["FORBIDDEN"]));
  });
});
